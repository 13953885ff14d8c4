// Messages between the pool and its workers: requests carry an id so replies can be matched whatever their order.
import type { RawMatch } from '../detect/detect-blob.js';
import type { ErrorCode } from '../errors.js';

export interface ScanRequest {
  id: number;
  blobs: { data: Uint8Array; path: string }[];
}

export type ScanReply =
  | { id: number; matches: RawMatch[][]; error?: undefined }
  | { id: number; matches?: undefined; error: { code: ErrorCode; message: string } };
