// Glue for one repository scan: rules → source → pool → pipeline → findings → report data. Pure: no process, no output.
import { realpathSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { LeaksweepError } from '../errors.js';
import { applyBaseline, type Baseline } from '../findings/baseline.js';
import { buildFindings, type BuildOptions } from '../findings/build-findings.js';
import type { CommitMeta, HistorySource, Revisions } from '../git/history-source.js';
import type { BlobScanService } from './worker-protocol.js';
import type { BlobScan } from './blob-scanner.js';
import { scanStaged } from './scan-staged.js';
import { lifecycles } from '../git/lifecycle.js';
import { scanFiles, scanStdin } from './scan-files.js';
import { InlineScanner } from './inline-scanner.js';
import { withoutSecrets, type Confidence, type Finding } from '../findings/finding.js';
import { meetsConfidence } from '../findings/confidence.js';
import { locateRepository, openSource, type EngineChoice, type Located } from '../git/open-source.js';
import { resolveGitDir } from '../git/git-source.js';
import { requireDirectory } from '../git/repository-errors.js';
import { planIncremental, type IncrementalPlan, type IncrementalSummary } from './incremental.js';
import { ruleKey } from './scan-state.js';
import { parseCommitMeta } from '../git/parse-commit.js';
import { isMetadataPath } from '../findings/metadata-path.js';
import { displayUrl, isRemoteUrl, mirrorRoot, updateMirror } from '../git/remote-mirror.js';
import { compileRules, type CompiledRules } from '../rules/compile-rules.js';
import type { RuleSpec } from '../rules/rule-spec.js';
import { VERSION } from '../version.js';
import { isUnread, unreadCount } from '../report/unread.js';
import { scanHistory, type ScanProgress, type SkippedBlob } from './scan-history.js';
import { WorkerPool } from './worker-pool.js';
import type { ReadText, VerificationRun } from '../verify/verify-run.js';
import { verificationSummary } from '../verify/verification-summary.js';
import { mayMatch } from '../detect/detect-blob.js';
import { fingerprint } from '../findings/fingerprint.js';
import { CatFile } from '../git/cat-file.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { statSync } from 'node:fs';
import { SKIP_REASONS, type ScanMode, type ScanReport, type ScanSummary, type SkipReason } from '../findings/report-types.js';
import { archiveLimits, type ArchiveOptions } from './archive-options.js';
export type { ScanMode, ScanReport, ScanSummary, StaleEntry } from '../findings/report-types.js';

export interface ScanOptions extends ArchiveOptions {
  path: string;
  /** history (default): every commit; staged: what the next commit would add; files: the disk as it is; stdin; image: a container image */
  mode?: ScanMode;
  /** history mode: walk only these commits (--range, --since, --branch) */
  revisions?: Revisions;
  /** history mode: scan with this pool (shared by the repositories of an audit) instead of starting one */
  pool?: BlobScanService;
  /** image mode: scan only the image with this name (default: every image the input holds) */
  image?: string;
  /** stdin mode: where to read (default process.stdin); `path` names it in the report */
  stdin?: NodeJS.ReadableStream;
  engine: EngineChoice;
  jobs?: number;
  maxBlobSize: number;
  showSecrets: boolean;
  /** the rules to run, as resolveRules() gives them for a ruleset and a user config */
  rules: RuleSpec[];
  fingerprintKey?: string;
  /** history mode with the git binary: add where each finding still lives (branch heads, removal, reachable refs) */
  lifecycle?: boolean;
  /** also decode long base64/hex runs anywhere in a blob and scan their text (an extra pass over every byte) */
  decode?: boolean;
  /** a blob whose scan takes longer is given up and reported (summary.skipped, reason timeout): the scan is then incomplete */
  blobTimeoutMs?: number;
  /** known findings: suppressed from the report and the exit code */
  baseline?: Baseline;
  /** false drops a match at one place it was seen (a user config's commit allowlist): before findings are built */
  keep?: BuildOptions['keep'];
  /** findings below this confidence are left out of the report and the exit code, and counted (default: low, all) */
  minConfidence?: Confidence;
  onProgress?: (progress: ScanProgress) => void;
  /** history mode, every ref: a directory where what this scan learnt is kept, so the next scan reads only what is new */
  stateDir?: string;
  /** --verify: asks the issuing providers about the reported findings (one run per process: an audit's repositories share it) */
  verify?: VerificationRun;
  /** with verify: report only findings the provider said are live */
  onlyVerified?: boolean;
  /** an audit joining sources: filled with each reported finding's keyed hash of rule and secret (never in a report) */
  secretKeys?: WeakMap<Finding, string>;
  /** where remote repositories (`path` a URL) are mirrored (default: mirrorRoot()) */
  mirrorDir?: string;
  /** history mode: also scan commit messages, author and committer names and e-mails, annotated tag messages and notes (default true) */
  metadata?: boolean;
}

/** What a scan mode hands to the common tail: blobs with matches, and how to describe and filter them. */
interface ModeResult {
  scan: BlobScan & { commits: number };
  incremental?: IncrementalSummary;
  shallow?: boolean;
  /** set when lifecycles can be asked of the git binary */
  gitDir?: string;
  engine: ScanSummary['engine'];
  readMeta: ((commit: string) => Promise<CommitMeta>) | null;
  keep?: BuildOptions['keep'];
  /** a matched blob's text again, for what a verifier needs beside the secret; absent: companions come from findings only */
  readText?: ReadText;
  images?: ScanSummary['images'];
}

const textOf = (read: { kind: string; data?: Uint8Array }): string | null => (read.kind === 'data' && read.data ? Buffer.from(read.data.buffer, read.data.byteOffset, read.data.byteLength).toString('utf8') : null);

/** Paths where no rule reports anything: blobs seen only there are not read. */
function allowedPathOf(rules: CompiledRules): ((path: string) => boolean) | undefined {
  const regex = rules.allowedForAll;
  return regex ? (path) => regex.test(path) : undefined;
}

function planFor(options: ScanOptions, stateDir: string, located: Located): IncrementalPlan {
  // only with the git binary can an incremental scan skip the walk
  const gitDir = located.engine === 'git' ? located.gitDir : null;
  if (!gitDir) requireDirectory(options.path);
  return planIncremental(stateDir, gitDir ?? realpathSync(options.path), gitDir, ruleKey(options.rules, options));
}

async function scanHistoryMode(given: ScanOptions, specs: RuleSpec[], rules: CompiledRules, run: (result: ModeResult) => Promise<ScanReport>): Promise<ScanReport> {
  // a URL is scanned as its mirror: the state and everything below read that directory
  const options = isRemoteUrl(given.path) ? { ...given, path: await updateMirror(given.path, mirrorRoot(given.mirrorDir)) } : given;
  if (options.stateDir && options.revisions) throw new LeaksweepError('USAGE', '--state keeps what a scan of every ref learnt: it cannot be combined with --range, --since or --branch');
  const located = locateRepository(options.path, options.engine);
  const plan = options.stateDir ? planFor(options, options.stateDir, located) : undefined;
  // Workers start before the repository is opened: they take longer to start than git takes to list tags and notes.
  // Nothing to walk: the few blobs with earlier matches cost less on this thread than starting workers would.
  const workers =
    options.pool || plan?.resume.walk === false
      ? null
      : new WorkerPool(
          { specs, reader: located.engine === 'git' ? { kind: 'git', gitDir: located.gitDir } : undefined, maxBlobSize: options.maxBlobSize, decodeSegments: options.decode, blobTimeoutMs: options.blobTimeoutMs, archives: archiveLimits(options) },
          options.jobs ?? availableParallelism(),
        );
  try {
    const opened = await openSource(options.path, options.engine, plan?.revisions ?? options.revisions, located);
    try {
      // A pool shared between repositories cannot read from this one: its blobs are read here and handed over.
      const source: HistorySource = options.pool ? { ...opened, workerReader: undefined } : opened;
      const pool = options.pool ?? workers ?? new InlineScanner(rules, (oid) => source.readBlob(oid, options.maxBlobSize), archiveLimits(options));
      const scan = await scanHistory(source, pool, { maxBlobSize: options.maxBlobSize, onProgress: options.onProgress, resume: plan?.resume, allowedPath: allowedPathOf(rules), metadata: options.metadata, metadataMayMatch: (text, path) => mayMatch(rules, Buffer.from(text, 'utf8'), path) });
      plan?.save(scan, !scan.skipped.some((blob) => isUnread(blob.reason)));
      return await run({
        scan,
        engine: source.engine,
        gitDir: opened.workerReader?.gitDir,
        incremental: plan?.summary,
        shallow: opened.shallow,
        readMeta: async (commit) => parseCommitMeta(await source.readCommitObject(commit)),
        readText: async (oid) => textOf(await source.readBlob(oid, options.maxBlobSize)),
      });
    } finally {
      await opened.close();
    }
  } finally {
    await workers?.close();
  }
}

function bothKeep(a: BuildOptions['keep'], b: BuildOptions['keep']): BuildOptions['keep'] {
  return a && b ? (match, place) => a(match, place) && b(match, place) : (a ?? b);
}

/** An audit scans many repositories with one rule list: compiling it (~30 ms) once is enough. */
const compiled = new WeakMap<RuleSpec[], Map<boolean, CompiledRules>>();
function compiledFor(specs: RuleSpec[], decode: boolean): CompiledRules {
  const byDecode = compiled.get(specs) ?? new Map<boolean, CompiledRules>();
  compiled.set(specs, byDecode);
  if (!byDecode.has(decode)) byDecode.set(decode, compileRules(specs, { decodeSegments: decode }));
  return byDecode.get(decode)!;
}

export async function runScan(options: ScanOptions): Promise<ScanReport> {
  const started = performance.now();
  const specs = options.rules;
  const rules = compiledFor(specs, options.decode === true);
  const report = async ({ scan, engine, readMeta, keep, gitDir, incremental, shallow, readText, images }: ModeResult): Promise<ScanReport> => {
    const all = await buildFindings(scan.matched, rules, readMeta, { fingerprintKey: options.fingerprintKey, keep: bothKeep(keep, options.keep) });
    // The baseline sees plain secrets (detect-secrets baselines match on their hash); the report does not.
    const known = options.baseline ? applyBaseline(all, options.baseline) : null;
    const threshold = options.minConfidence ?? 'low';
    const fresh = known ? known.fresh : all;
    let reported = fresh.filter((finding) => meetsConfidence(finding.confidence, threshold));
    const verify = options.verify;
    const asked = { requests: verify?.requests ?? 0, cached: verify?.cached ?? 0 };
    if (verify) {
      await verify.verify(reported, all, readText ?? (async () => null));
      if (options.onlyVerified) reported = reported.filter((finding) => finding.verification?.status === 'valid');
    }
    if (options.lifecycle) {
      if (!gitDir) throw new LeaksweepError('USAGE', '--lifecycle needs a history scan with the git engine');
      const found = await lifecycles(gitDir, reported.map((f) => ({ commit: f.commit!, path: f.path, secret: f.secret! })));
      reported.forEach((finding, index) => (finding.lifecycle = found[index]));
    }
    const findings = withoutSecrets(reported, options.showSecrets);
    if (options.secretKeys) findings.forEach((finding, index) => options.secretKeys!.set(finding, fingerprint(finding.ruleId, reported[index].secret!, '', options.fingerprintKey)));
    const blobsSkipped = Object.fromEntries(SKIP_REASONS.map((reason) => [reason, 0])) as Record<SkipReason, number>;
    for (const skip of scan.skipped) blobsSkipped[skip.reason] += 1;
    return {
      findings,
      summary: {
        version: VERSION,
        engine,
        mode: options.mode ?? 'history',
        path: displayUrl(options.path),
        rules: specs.length,
        commits: scan.commits,
        blobsScanned: scan.blobsScanned,
        bytesScanned: scan.bytesScanned,
        blobsReused: scan.blobsReused,
        blobsCached: scan.blobsCached,
        blobsOnlyAtAllowedPaths: scan.blobsOnlyAtAllowedPaths,
        metadataScanned: scan.metadataScanned,
        metadataFindings: findings.filter((finding) => isMetadataPath(finding.path)).length,
        blobsSkipped,
        skipped: scan.skipped,
        findings: findings.length,
        belowConfidence: { threshold, count: fresh.length - reported.length },
        ...(known
          ? {
              baseline: {
                suppressed: known.suppressed.length,
                expired: known.expired.length,
                stale: known.stale.map(({ ruleId, path, redacted, status }) => ({ ruleId, path, redacted, status })),
              },
            }
          : {}),
        ...(images ? { images } : {}),
        ...(shallow ? { shallow } : {}),
        ...(incremental ? { incremental } : {}),
        ...(verify ? { verification: verificationSummary(reported, verify.requests - asked.requests, verify.cached - asked.cached) } : {}),
        // a damaged archive was read, like a binary blob: it makes the scan incomplete only when nothing else was read
        incomplete: unreadCount({ blobsSkipped }) > 0 || (scan.blobsScanned === 0 && blobsSkipped['archive-unreadable'] > 0),
        durationMs: Math.round(performance.now() - started),
      },
    };
  };
  try {
    if (options.stateDir && (options.mode ?? 'history') !== 'history') throw new LeaksweepError('USAGE', '--state applies to history scans only');
    if (isRemoteUrl(options.path) && (options.mode ?? 'history') !== 'history') {
      throw new LeaksweepError('USAGE', `${displayUrl(options.path)}: a URL is scanned as a mirror of its history; --staged and --no-git need a work tree`);
    }
    if (options.mode === 'staged') {
      const { scan, keep } = await scanStaged(options.path, rules, options.maxBlobSize, archiveLimits(options));
      const catFile = options.verify ? new CatFile(resolveGitDir(options.path)) : null;
      try {
        return await report({ scan: { ...scan, commits: 0 }, engine: 'git', readMeta: null, keep, readText: catFile ? async (oid) => textOf(await catFile.read(oid, options.maxBlobSize)) : undefined });
      } finally {
        await catFile?.close();
      }
    }
    if (options.mode === 'image') {
      const pool = new WorkerPool({ specs, maxBlobSize: options.maxBlobSize, decodeSegments: options.decode, blobTimeoutMs: options.blobTimeoutMs, archives: archiveLimits(options) }, options.jobs ?? availableParallelism());
      try {
        // the image reader is loaded only for images: a pre-commit scan starts without it
        const { scanImage } = await import('./scan-image.js');
        const scan = await scanImage(options.path, pool, { maxBlobSize: options.maxBlobSize, image: options.image, allowedPath: allowedPathOf(rules), onProgress: options.onProgress });
        return await report({ scan: { ...scan, commits: 0 }, engine: 'none', readMeta: null, images: { names: scan.images, layers: scan.layers } });
      } finally {
        await pool.close();
      }
    }
    if (options.mode === 'files' || options.mode === 'stdin') {
      const small = options.mode === 'stdin';
      const archives = archiveLimits(options);
      const service = small ? new InlineScanner(rules, null, archives) : new WorkerPool({ specs, maxBlobSize: options.maxBlobSize, decodeSegments: options.decode, blobTimeoutMs: options.blobTimeoutMs, archives }, options.jobs ?? availableParallelism());
      try {
        const scan = small
          ? await scanStdin(options.stdin ?? process.stdin, service, options.maxBlobSize, options.path)
          : await scanFiles(options.path, service, options.maxBlobSize, allowedPathOf(rules));
        const root = options.path;
        const readText: ReadText | undefined = small ? undefined : async (path) => readFile(statSync(root).isDirectory() ? join(root, path) : root, 'utf8');
        return await report({ scan: { ...scan, commits: 0 }, engine: 'none', readMeta: null, readText });
      } finally {
        await service.close();
      }
    }
    return await scanHistoryMode(options, specs, rules, report);
  } catch (error) {
    if (error instanceof LeaksweepError) throw error;
    throw new LeaksweepError('INTERNAL', `scan failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
