// Scans each distinct blob once in the pool, with backpressure, and keeps matches together with every place the blob appeared.
import type { RawMatch } from '../detect/detect-blob.js';
import { errorMessage } from '../errors.js';
import type { Appearance } from '../findings/finding.js';
import type { BlobScanService } from './worker-protocol.js';
import type { BlobItem, BlobOutcome } from './worker-protocol.js';
import { archivePath, type MatchedBlob, type SkippedBlob } from '../findings/report-types.js';
import { OidMap } from '../git/oid-map.js';
export type { MatchedBlob, SkippedBlob, SkipReason } from '../findings/report-types.js';

export interface BlobScan {
  blobsScanned: number;
  bytesScanned: number;
  /** times a blob already seen appeared again and was not rescanned */
  blobsReused: number;
  /** blobs an earlier scan found clean or skipped (incremental state): not read again */
  blobsCached: number;
  /** blobs seen only at paths every rule allows (vendored code, lock files, bundles): never read */
  blobsOnlyAtAllowedPaths: number;
  /** commit messages, names, e-mails, tag messages and notes scanned (each distinct text once): not counted as blobs */
  metadataScanned: number;
  skipped: SkippedBlob[];
  matched: MatchedBlob[];
}

/** What an earlier scan learnt of a blob: clean, or skipped for a reason that still holds. */
export type KnownBlob = { kind: 'clean' } | { kind: 'binary' | 'too-large'; size?: number };

export interface BlobScannerOptions {
  /** blobs read or being scanned at once: bounds memory */
  inFlight: number;
  known?: (oid: string) => KnownBlob | undefined;
  /** told of every blob scanned without a match, for the incremental state */
  onClean?: (oid: string) => void;
  /** a path where no rule can report anything: a blob is read only once it appears at another path */
  allowedPath?: (path: string) => boolean;
}

/** What to send to a worker (an id it reads itself, or bytes), or an outcome known without scanning. */
export type BlobLoader = () => Promise<BlobItem | BlobOutcome>;

/** Keys first added as commit metadata are counted apart from blobs. */
const BLOB = 0;
const METADATA = 1;

function isOutcome(value: BlobItem | BlobOutcome): value is BlobOutcome {
  return 'kind' in value;
}

export class BlobScanner {
  readonly result: BlobScan = { blobsScanned: 0, bytesScanned: 0, blobsReused: 0, blobsCached: 0, blobsOnlyAtAllowedPaths: 0, metadataScanned: 0, skipped: [], matched: [] };
  matchCount = 0;
  /** every key seen: BLOB or METADATA */
  private readonly seen = new OidMap();
  /** appearances of blobs still in flight, and of blobs with matches; clean blobs are dropped */
  private readonly appearances = new Map<string, Appearance[]>();
  private readonly running = new Set<Promise<void>>();
  /** callers waiting for a slot: each finished scan lets one in */
  private readonly waiting: (() => void)[] = [];
  /** blobs seen so far only at allowed paths: their places and how to read them, should another path need it */
  private readonly deferred = new Map<string, { appearances: Appearance[]; load: BlobLoader }>();

  constructor(
    private readonly pool: BlobScanService,
    private readonly options: BlobScannerOptions,
  ) {}

  /** Records where a blob appeared and scans it the first time its key is seen; resolves when there is room for more. */
  async add(key: string, appearance: Appearance, load: BlobLoader, kind: 'blob' | 'metadata' = 'blob'): Promise<void> {
    const seenAs = this.seen.getOrSet(key, kind === 'metadata' ? METADATA : BLOB);
    if (seenAs !== undefined) {
      // the counts of blobs say what the file walk saved; metadata has its own
      if (seenAs === BLOB) this.result.blobsReused += 1;
      const waiting = this.deferred.get(key);
      if (!waiting) {
        this.appearances.get(key)?.push(appearance);
        return;
      }
      waiting.appearances.push(appearance);
      if (this.options.allowedPath?.(appearance.path)) return;
      this.deferred.delete(key);
      this.appearances.set(key, waiting.appearances);
      return this.schedule(key, appearance.path, waiting.load, seenAs === METADATA);
    }
    const known = this.options.known?.(key);
    if (known) {
      if (kind === 'blob') this.result.blobsCached += 1;
      if (known.kind !== 'clean') this.result.skipped.push({ oid: key, path: appearance.path, reason: known.kind, ...(known.size === undefined ? {} : { size: known.size }) });
      return;
    }
    if (this.options.allowedPath?.(appearance.path)) {
      this.deferred.set(key, { appearances: [appearance], load });
      return;
    }
    this.appearances.set(key, [appearance]);
    return this.schedule(key, appearance.path, load, kind === 'metadata');
  }

  /**
   * Starts the scan once fewer than `inFlight` are running, and resolves when it has started. A waiter per caller:
   * racing every running scan on each add cost a promise reaction per scan in flight (512) for every blob.
   */
  private async schedule(key: string, path: string, load: BlobLoader, metadata: boolean): Promise<void> {
    while (this.running.size >= this.options.inFlight) await new Promise<void>((resolve) => this.waiting.push(resolve));
    const task: Promise<void> = this.scan(key, path, load, metadata).finally(() => {
      this.running.delete(task);
      this.waiting.shift()?.();
    });
    this.running.add(task);
  }

  /** Blobs an earlier scan skipped and this one will not walk past: listed again, never read. */
  addSkipped(skipped: SkippedBlob[]): void {
    for (const blob of skipped) {
      if (this.seen.getOrSet(blob.oid, BLOB) !== undefined) continue;
      this.result.skipped.push(blob);
    }
  }

  async finish(): Promise<BlobScan> {
    await Promise.all(this.running);
    this.result.blobsOnlyAtAllowedPaths = this.deferred.size;
    this.deferred.clear();
    this.result.skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.oid < b.oid ? -1 : 1));
    return this.result;
  }

  /** A blob whose worker failed is loaded and tried once more before it is reported as failed. */
  private async scan(key: string, path: string, load: BlobLoader, metadata: boolean): Promise<void> {
    const once = async (): Promise<BlobOutcome> => {
      const item = await load();
      return isOutcome(item) ? item : this.pool.scan({ ...item, path });
    };
    const outcome = await once()
      .catch(once)
      .catch((error: unknown): BlobOutcome => ({ kind: 'failed', error: errorMessage(error) }));
    this.record(key, path, outcome, metadata);
  }

  private record(key: string, path: string, outcome: BlobOutcome, metadata: boolean): void {
    const result = this.result;
    if (outcome.kind === 'scanned' && metadata) result.metadataScanned += 1;
    else if (outcome.kind === 'scanned') {
      result.blobsScanned += 1;
      result.bytesScanned += outcome.size;
    } else {
      const extra = { ...('size' in outcome ? { size: outcome.size } : {}), ...('error' in outcome ? { error: outcome.error } : {}) };
      result.skipped.push({ oid: key, path, reason: outcome.kind, ...extra });
    }
    // files inside an archive that were not read: listed at their inner path, under the archive's id
    const inner = outcome.kind === 'scanned' ? (outcome.skipped ?? []) : [];
    for (const skip of inner) result.skipped.push({ oid: key, path: archivePath(path, skip.entry), reason: skip.reason, ...(skip.size === undefined ? {} : { size: skip.size }), error: skip.error });
    if (outcome.kind === 'scanned' && outcome.matches.length > 0) {
      this.matchCount += outcome.matches.length;
      result.matched.push({ oid: key, matches: outcome.matches, appearances: this.appearances.get(key) ?? [] });
    } else {
      // an archive with entries left unread is scanned again next time, so they are listed again; metadata is not
      // remembered as clean: the state's count of known blobs stays a count of blobs (a message is cheap to scan again)
      if (outcome.kind === 'scanned' && inner.length === 0 && !metadata) this.options.onClean?.(key);
      this.appearances.delete(key);
    }
  }
}
