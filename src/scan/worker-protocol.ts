// Messages between the pool and its workers: requests carry an id so replies can be matched whatever their order.
import type { RawMatch } from '../detect/detect-blob.js';
import type { ErrorCode } from '../errors.js';
import type { WorkerBlobReader } from '../git/history-source.js';
import type { RuleSpec } from '../rules/rule-spec.js';
import type { ArchiveLimits } from '../archive/archive-limits.js';
import type { ArchiveSkipReason } from '../archive/expand-archive.js';

export interface WorkerOptions {
  specs: RuleSpec[];
  reader?: WorkerBlobReader;
  maxBlobSize: number;
  decodeSegments?: boolean;
  /** open archives found among the blobs within these limits; absent: archives are binary blobs */
  archives?: ArchiveLimits;
  /** the pool gives up a blob whose scan takes longer, and restarts its worker */
  blobTimeoutMs?: number;
}

/** What a worker scans with: given at its start, or as its first message when it was started ahead (`{ setup }`). */
export type WorkerSetup = WorkerOptions & { clock?: SharedArrayBuffer };

/** What a worker is doing, in memory shared with the pool: [request id, item index, started at (ms, 0: idle), blob size]. */
export const CLOCK_SLOTS = 4;

/** A blob to scan: its bytes, or only its id when the worker reads it itself. */
export interface BlobItem {
  oid: string;
  data?: Uint8Array;
  /** the first path it was seen at: rules tied to file names (`files`) run on it as that file */
  path?: string;
}

/** A file inside an archive blob that was not read: `entry` is its path from the blob down. */
export interface EntrySkip {
  entry: string[];
  reason: ArchiveSkipReason;
  size?: number;
  error: string;
}

export type BlobOutcome =
  | { kind: 'scanned'; size: number; matches: RawMatch[]; skipped?: EntrySkip[] }
  | { kind: 'archive-limit' | 'archive-unreadable'; size: number; error: string }
  | { kind: 'binary'; size: number }
  | { kind: 'too-large'; size: number }
  | { kind: 'missing' }
  | { kind: 'failed'; error: string }
  | { kind: 'timeout'; size: number; error: string };

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
