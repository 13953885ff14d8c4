// The scan pipeline: walk commits, read each new blob once, scan it in the pool, and keep matches with every place the blob appeared.
import pLimit from 'p-limit';
import type { RawMatch } from '../detect/detect-blob.js';
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

const BINARY_PROBE = 8000;

function isBinary(data: Uint8Array): boolean {
  return data.subarray(0, BINARY_PROBE).includes(0);
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
  const limit = pLimit(options.inFlight ?? 32);
  const running = new Set<Promise<void>>();
  let matchCount = 0;

  const scanBlob = async (oid: string, path: string): Promise<void> => {
    let read;
    try {
      read = await source.readBlob(oid, options.maxBlobSize);
    } catch (error) {
      read = { kind: 'failed' as const, error: errorMessage(error) };
    }
    let matches: RawMatch[] = [];
    if (read.kind === 'data' && isBinary(read.data)) {
      result.skipped.push({ oid, path, reason: 'binary', size: read.data.byteLength });
    } else if (read.kind === 'data') {
      const size = read.data.byteLength;
      matches = await scanWithRetry(source, pool, oid, ownBuffer(read.data), path).catch((error: unknown) => {
        result.skipped.push({ oid, path, reason: 'failed', size, error: errorMessage(error) });
        return [];
      });
      result.blobsScanned += 1;
      result.bytesScanned += size;
    } else if (read.kind === 'too-large') {
      result.skipped.push({ oid, path, reason: 'too-large', size: read.size });
    } else {
      result.skipped.push({ oid, path, reason: read.kind, error: 'error' in read ? read.error : undefined });
    }
    if (matches.length > 0) {
      matchCount += matches.length;
      result.matched.push({ oid, matches, appearances: appearances.get(oid) ?? [] });
    } else {
      appearances.delete(oid);
    }
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

/** A blob whose worker failed is read again and tried once more before it is reported as failed. */
async function scanWithRetry(source: HistorySource, pool: WorkerPool, oid: string, data: Uint8Array, path: string): Promise<RawMatch[]> {
  try {
    return await pool.scan(data, path);
  } catch {
    const again = await source.readBlob(oid, Number.MAX_SAFE_INTEGER);
    if (again.kind !== 'data') throw new Error(`blob ${oid} could not be read again`);
    return pool.scan(ownBuffer(again.data), path);
  }
}
