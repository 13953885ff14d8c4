// The scan pipeline: walk commits, read each new blob once, scan it in the pool, and keep matches with every place the blob appeared.
import pLimit from 'p-limit';
import type { RawMatch } from '../detect/detect-blob.js';
import type { BlobOutcome } from './worker-protocol.js';
import { errorMessage } from '../errors.js';
import type { Appearance } from '../findings/finding.js';
import type { HistorySource } from '../git/history-source.js';
import type { WorkerPool } from './worker-pool.js';

export type SkipReason = 'binary' | 'too-large' | 'missing' | 'failed';

export interface SkippedBlob {
  oid: string;
  path: string;
  reason: SkipReason;
  size?: number;
  error?: string;
}

export interface MatchedBlob {
  oid: string;
  matches: RawMatch[];
  appearances: Appearance[];
}

export interface HistoryScan {
  commits: number;
  blobsScanned: number;
  bytesScanned: number;
  /** times a blob already seen appeared again and was not rescanned */
  blobsReused: number;
  skipped: SkippedBlob[];
  matched: MatchedBlob[];
}

export interface ScanProgress {
  commits: number;
  blobsScanned: number;
  bytesScanned: number;
  matches: number;
}

export interface HistoryScanOptions {
  maxBlobSize: number;
  /** blobs read or being scanned at once: bounds memory */
  inFlight?: number;
  onProgress?: (progress: ScanProgress) => void;
}

/** Transfer needs a buffer of its own; a view into a larger one is copied. */
function ownBuffer(data: Uint8Array): Uint8Array {
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
}

export async function scanHistory(source: HistorySource, pool: WorkerPool, options: HistoryScanOptions): Promise<HistoryScan> {
  const result: HistoryScan = { commits: 0, blobsScanned: 0, bytesScanned: 0, blobsReused: 0, skipped: [], matched: [] };
  const generations = new Map<string, number>();
  const seen = new Set<string>();
  /** appearances of blobs still in flight, and of blobs with matches; clean blobs are dropped */
  const appearances = new Map<string, Appearance[]>();
  // Ids are cheap to queue when workers read for themselves; bytes read by this thread are not.
  const limit = pLimit(options.inFlight ?? (source.workerReader ? 512 : 32));
  const running = new Set<Promise<void>>();
  let matchCount = 0;

  const record = (oid: string, path: string, outcome: BlobOutcome): void => {
    if (outcome.kind === 'scanned') {
      result.blobsScanned += 1;
      result.bytesScanned += outcome.size;
    } else {
      result.skipped.push({ oid, path, reason: outcome.kind, ...('size' in outcome ? { size: outcome.size } : {}), ...('error' in outcome ? { error: outcome.error } : {}) });
    }
    if (outcome.kind === 'scanned' && outcome.matches.length > 0) {
      matchCount += outcome.matches.length;
      result.matched.push({ oid, matches: outcome.matches, appearances: appearances.get(oid) ?? [] });
    } else {
      appearances.delete(oid);
    }
  };

  const scanBlob = async (oid: string, path: string): Promise<void> => {
    record(oid, path, await scanOnce(source, pool, oid, options.maxBlobSize).catch(() => scanOnce(source, pool, oid, options.maxBlobSize)).catch(failed));
  };

  for await (const commit of source.commits()) {
    const generation = 1 + Math.max(0, ...commit.parents.map((parent) => generations.get(parent) ?? 0));
    generations.set(commit.oid, generation);
    result.commits += 1;
    for (const change of commit.changes) {
      const appearance: Appearance = { commit: commit.oid, path: change.path, order: [generation, commit.time, commit.oid] };
      if (seen.has(change.oid)) {
        result.blobsReused += 1;
        appearances.get(change.oid)?.push(appearance);
        continue;
      }
      seen.add(change.oid);
      appearances.set(change.oid, [appearance]);
      const task = limit(() => scanBlob(change.oid, change.path)).finally(() => running.delete(task));
      running.add(task);
      if (limit.pendingCount > 0) await Promise.race(running);
    }
    options.onProgress?.({ commits: result.commits, blobsScanned: result.blobsScanned, bytesScanned: result.bytesScanned, matches: matchCount });
  }
  await Promise.all(running);
  result.skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.oid < b.oid ? -1 : 1));
  options.onProgress?.({ commits: result.commits, blobsScanned: result.blobsScanned, bytesScanned: result.bytesScanned, matches: matchCount });
  return result;
}

function failed(error: unknown): BlobOutcome {
  return { kind: 'failed', error: errorMessage(error) };
}

/** Workers that can read blobs get only the id; otherwise the main thread reads and transfers the bytes. */
async function scanOnce(source: HistorySource, pool: WorkerPool, oid: string, maxBlobSize: number): Promise<BlobOutcome> {
  if (source.workerReader) return pool.scan({ oid });
  const read = await source.readBlob(oid, maxBlobSize);
  if (read.kind !== 'data') return read;
  return pool.scan({ oid, data: ownBuffer(read.data) });
}
