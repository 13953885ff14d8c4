// What a scan reports, as every formatter reads it: findings, the summary and what was skipped. Below report/ and
// scan/ so that formatters never import the pipeline.
import type { RawMatch } from '../detect/detect-blob.js';
import type { Appearance, Confidence, Finding } from './finding.js';

/** archive-limit: a bomb, or past the size, entry or depth limits; archive-unreadable: damaged, encrypted or an unknown method */
export type SkipReason = 'binary' | 'too-large' | 'missing' | 'failed' | 'timeout' | 'archive-limit' | 'archive-unreadable';

export const SKIP_REASONS: readonly SkipReason[] = ['binary', 'too-large', 'missing', 'failed', 'timeout', 'archive-limit', 'archive-unreadable'];

/** `outer.jar!inner/file`: the path of a file inside an archive, as findings and skipped entries report it. */
export function archivePath(path: string, entry: readonly string[]): string {
  return entry.length === 0 ? path : `${path}!${entry.join('!')}`;
}

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

export type ScanMode = 'history' | 'staged' | 'files' | 'stdin' | 'image';

export type Reuse = 'unchanged' | 'new-commits' | 'blobs' | 'none';

export interface IncrementalSummary {
  reuse: Reuse;
  /** why nothing was reused, when it was not */
  reason?: string;
  /** where the state of this repository lives */
  dir: string;
}

export interface RepositorySummary {
  repository: string;
  commits: number;
  blobsScanned: number;
  findings: number;
  incomplete: boolean;
  durationMs: number;
  /** a shallow clone: only the history it holds was scanned */
  shallow?: boolean;
  /** with a state directory: how much of the previous scan was reused */
  reuse?: Reuse;
  /** set when the repository could not be scanned at all */
  error?: string;
}

export interface ScanSummary {
  version: string;
  /** none: no repository was read (files on disk, stdin) */
  engine: 'git' | 'isomorphic' | 'none';
  mode: ScanMode;
  path: string;
  rules: number;
  commits: number;
  blobsScanned: number;
  bytesScanned: number;
  blobsReused: number;
  /** blobs not read again because the incremental state knew them */
  blobsCached: number;
  /** blobs seen only at paths every rule allows (vendored code, lock files, bundles): not read */
  blobsOnlyAtAllowedPaths: number;
  /** distinct commit messages, names, e-mails, tag messages and notes scanned (absent in reports of older versions) */
  metadataScanned?: number;
  /** findings in commit metadata (paths under .git/, see metadata-path.ts) */
  metadataFindings?: number;
  blobsSkipped: Record<SkippedBlob['reason'], number>;
  skipped: SkippedBlob[];
  findings: number;
  /** findings left out because their confidence is below the threshold (--confidence), and that threshold */
  belowConfidence: { threshold: Confidence; count: number };
  /** an image scan: the images read and how many distinct layers */
  images?: { names: string[]; layers: number };
  /** an audit of several repositories: one line each */
  repositories?: RepositorySummary[];
  /** with a baseline: findings it suppressed, and its entries no longer found */
  baseline?: { suppressed: number; expired: number; stale: StaleEntry[] };
  /** a shallow clone: history before its boundary commits is not in the repository, so it was not scanned */
  shallow?: boolean;
  /** with a state directory: what an earlier scan let this one skip */
  incremental?: IncrementalSummary;
  /** with --verify: findings per status, requests sent, answers taken from the cache of an earlier run */
  verification?: VerificationSummary;
  /** true when some blob could not be read or scanned: the result is not a complete answer */
  incomplete: boolean;
  durationMs: number;
}

export interface VerificationSummary {
  valid: number;
  invalid: number;
  unknown: number;
  /** findings no verifier supports (counted in unknown too) */
  unsupported: number;
  requests: number;
  cached: number;
}

export interface StaleEntry {
  ruleId: string;
  path: string;
  redacted: string;
  status: string;
}

export interface ScanReport {
  findings: Finding[];
  summary: ScanSummary;
}
