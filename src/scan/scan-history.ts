// History driver: walks commits and hands every blob each commit introduces to the blob scanner.
import type { Appearance } from '../findings/finding.js';
import type { BlobRead, HistorySource } from '../git/history-source.js';
import { isMetadataPath } from '../findings/metadata-path.js';
import { commitFieldReader, MetadataFeeder } from './scan-metadata.js';
import { matchesAt, type MatchSpan } from '../detect/matches-at.js';
import { BlobScanner, type BlobLoader, type BlobScan, type KnownBlob, type SkippedBlob } from './blob-scanner.js';
import type { BlobScanService } from './worker-protocol.js';
import { OidMap } from '../git/oid-map.js';

export type { MatchedBlob, SkippedBlob, SkipReason } from './blob-scanner.js';

export interface HistoryScan extends BlobScan {
  commits: number;
  /** generation of every commit this run walked */
  generations: OidMap;
}

/** An incremental scan: what an earlier scan of this repository learnt (see scan-state.ts). */
export interface Resume {
  /** false: the refs have not moved, nothing to walk */
  walk: boolean;
  /** commits walked earlier that this walk will not see again */
  commits: number;
  known: (oid: string) => KnownBlob | undefined;
  /** generations of commits walked earlier: parents of the new commits */
  generation: (commit: string) => number | undefined;
  /** blobs that had matches, with where they appeared: read again (their secrets at `spans`, or rescanned), their places kept */
  matched: { oid: string; appearances: Appearance[]; spans?: MatchSpan[] }[];
  /** earlier skipped blobs that this walk will not see again */
  skipped: SkippedBlob[];
  /** when the old commits are not walked again: every blob the state knows counts as not read again */
  knownBefore?: number;
  onClean: (oid: string) => void;
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
  resume?: Resume;
  /** paths where no rule reports anything: blobs seen only there are never read */
  allowedPath?: (path: string) => boolean;
  /** false: commit messages, names, e-mails, tag messages and notes are not scanned (default true) */
  metadata?: boolean;
  /** false for a metadata text no rule can match (at its path): it is counted as scanned without a worker */
  metadataMayMatch?: (text: string, path: string) => boolean;
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

/** A blob scanned before, read by this thread and its matches taken at their recorded places: no worker, no matching. */
function readBack(readBlob: (maxSize: number) => Promise<BlobRead>, spans: MatchSpan[], maxBlobSize: number): BlobLoader {
  return async () => {
    const read = await readBlob(maxBlobSize);
    return read.kind === 'data' ? { kind: 'scanned', size: read.data.byteLength, matches: matchesAt(read.data, spans) } : read;
  };
}

/** Text this thread reads, handed to a worker to be scanned again. */
function rescan(key: string, readBlob: (maxSize: number) => Promise<BlobRead>, maxBlobSize: number): BlobLoader {
  return async () => {
    const read = await readBlob(maxBlobSize);
    return read.kind === 'data' ? { oid: key, data: ownBuffer(read.data) } : read;
  };
}

export async function scanHistory(source: HistorySource, pool: BlobScanService, options: HistoryScanOptions): Promise<HistoryScan> {
  // Ids are cheap to queue when workers read for themselves; bytes read by this thread are not.
  const resume = options.resume;
  const scanner = new BlobScanner(pool, { inFlight: options.inFlight ?? (source.workerReader ? 512 : 32), known: resume?.known, onClean: resume?.onClean, allowedPath: options.allowedPath });
  const generations = new OidMap();
  let commits = resume?.commits ?? 0;
  const progress = (): void =>
    options.onProgress?.({ commits, blobsScanned: scanner.result.blobsScanned, bytesScanned: scanner.result.bytesScanned, matches: scanner.matchCount });
  if (resume) {
    scanner.addSkipped(resume.skipped);
    for (const blob of resume.matched) {
      // a commit field is no blob: it is read from its commit, on this thread, whether or not its spans were kept
      const field = commitFieldReader(source, blob.appearances);
      const readBlob = field ?? ((maxSize: number) => source.readBlob(blob.oid, maxSize));
      const load = blob.spans ? readBack(readBlob, blob.spans, options.maxBlobSize) : field ? rescan(blob.oid, field, options.maxBlobSize) : blobLoader(source, blob.oid, options.maxBlobSize);
      for (const appearance of blob.appearances) await scanner.add(blob.oid, appearance, load, isMetadataPath(appearance.path) ? 'metadata' : 'blob');
    }
    // seeded places are not reuse this run found
    scanner.result.blobsReused = 0;
  }
  const generationOf = (parent: string): number => generations.get(parent) ?? resume?.generation(parent) ?? 0;
  const metadata = options.metadata === false ? null : await MetadataFeeder.open(source, scanner, (oid) => blobLoader(source, oid, options.maxBlobSize), options.metadataMayMatch);
  for await (const commit of resume?.walk === false ? [] : source.commits()) {
    const generation = 1 + Math.max(0, ...commit.parents.map(generationOf));
    generations.set(commit.oid, generation);
    commits += 1;
    const order: Appearance['order'] = [generation, commit.time, commit.oid];
    for (const change of commit.changes) {
      if (metadata?.isCurrentNote(change.oid, change.path)) continue;
      await scanner.add(change.oid, { commit: commit.oid, path: change.path, order }, blobLoader(source, change.oid, options.maxBlobSize));
    }
    await metadata?.addCommit(commit.oid, order, commit.texts);
    progress();
  }
  // tags and notes count where their commit was walked, this run or (incremental) an earlier one; their time is not kept
  await metadata?.finish((commit) => {
    const generation = generations.get(commit) ?? resume?.generation(commit);
    return generation === undefined ? undefined : [generation, 0, commit];
  });
  const scan = await scanner.finish();
  progress();
  return { ...scan, ...(resume?.knownBefore === undefined ? {} : { blobsCached: resume.knownBefore }), commits, generations };
}
