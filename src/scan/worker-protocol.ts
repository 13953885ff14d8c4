// Messages between the pool and its workers: requests carry an id so replies can be matched whatever their order.
import type { RawMatch } from '../detect/detect-blob.js';
import type { ErrorCode } from '../errors.js';
import type { WorkerBlobReader } from '../git/history-source.js';
import type { RuleSpec } from '../rules/rule-spec.js';

export interface WorkerOptions {
  specs: RuleSpec[];
  reader?: WorkerBlobReader;
  maxBlobSize: number;
  decodeSegments?: boolean;
}

/** A blob to scan: its bytes, or only its id when the worker reads it itself. */
export interface BlobItem {
  oid: string;
  data?: Uint8Array;
}

export type BlobOutcome =
  | { kind: 'scanned'; size: number; matches: RawMatch[] }
  | { kind: 'binary'; size: number }
  | { kind: 'too-large'; size: number }
  | { kind: 'missing' }
  | { kind: 'failed'; error: string };

export interface ScanRequest {
  id: number;
  items: BlobItem[];
}

export type ScanReply =
  | { id: number; outcomes: BlobOutcome[]; error?: undefined }
  | { id: number; outcomes?: undefined; error: { code: ErrorCode; message: string } };

/** Anything that turns blob items into outcomes: the worker pool, or this thread for small inputs. */
export interface BlobScanService {
  scan(item: BlobItem): Promise<BlobOutcome>;
  close(): Promise<void>;
}
