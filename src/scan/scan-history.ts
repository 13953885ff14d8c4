// History driver: walks commits and hands every blob each commit introduces to the blob scanner.
import type { Appearance } from '../findings/finding.js';
import type { HistorySource } from '../git/history-source.js';
import { BlobScanner, type BlobLoader, type BlobScan } from './blob-scanner.js';
import type { BlobScanService } from './worker-protocol.js';

export type { MatchedBlob, SkippedBlob, SkipReason } from './blob-scanner.js';

export interface HistoryScan extends BlobScan {
  commits: number;
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
export function ownBuffer(data: Uint8Array): Uint8Array {
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
}

/** Workers that can read blobs get only the id; otherwise this thread reads and transfers the bytes. */
export function blobLoader(source: HistorySource, oid: string, maxBlobSize: number): BlobLoader {
  if (source.workerReader) return async () => ({ oid });
  return async () => {
    const read = await source.readBlob(oid, maxBlobSize);
    return read.kind === 'data' ? { oid, data: ownBuffer(read.data) } : read;
  };
}

export async function scanHistory(source: HistorySource, pool: BlobScanService, options: HistoryScanOptions): Promise<HistoryScan> {
  // Ids are cheap to queue when workers read for themselves; bytes read by this thread are not.
  const scanner = new BlobScanner(pool, options.inFlight ?? (source.workerReader ? 512 : 32));
  const generations = new Map<string, number>();
  let commits = 0;
  const progress = (): void =>
    options.onProgress?.({ commits, blobsScanned: scanner.result.blobsScanned, bytesScanned: scanner.result.bytesScanned, matches: scanner.matchCount });
  for await (const commit of source.commits()) {
    const generation = 1 + Math.max(0, ...commit.parents.map((parent) => generations.get(parent) ?? 0));
    generations.set(commit.oid, generation);
    commits += 1;
    for (const change of commit.changes) {
      const appearance: Appearance = { commit: commit.oid, path: change.path, order: [generation, commit.time, commit.oid] };
      await scanner.add(change.oid, appearance, blobLoader(source, change.oid, options.maxBlobSize));
    }
    progress();
  }
  const scan = await scanner.finish();
  progress();
  return { ...scan, commits };
}
