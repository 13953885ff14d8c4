// Audits of many repositories: each scanned with p-limit concurrency on one shared worker pool, merged into one report.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { errorMessage } from '../errors.js';
import type { Confidence, Finding } from '../findings/finding.js';
import type { EngineChoice } from '../git/open-source.js';
import type { Reuse } from './incremental.js';
import type { RuleSpec } from '../rules/rule-spec.js';
import { runScan, type ScanReport, type ScanSummary } from './run-scan.js';
import { WorkerPool } from './worker-pool.js';
import { archiveLimits } from './archive-options.js';
import { displayUrl, isRemoteUrl } from '../git/remote-mirror.js';
import { joinSources } from './join-sources.js';
import { SKIP_REASONS, type RepositorySummary, type SkipReason, type VerificationSummary } from '../findings/report-types.js';
import type { VerificationRun } from '../verify/verify-run.js';
export type { RepositorySummary } from '../findings/report-types.js';

export interface AuditOptions {
  paths: string[];
  /** this machine's part of the list: shard `index` (1-based) of `count` */
  shard?: { index: number; count: number };
  /** repositories scanned at once */
  repos: number;
  jobs?: number;
  engine: EngineChoice;
  maxBlobSize: number;
  /** false: archives are binary blobs (--no-archives); default on */
  archives?: boolean;
  maxArchiveSize?: number;
  showSecrets: boolean;
  rules: RuleSpec[];
  fingerprintKey?: string;
  /** incremental: each repository's state is kept under this directory */
  stateDir?: string;
  blobTimeoutMs?: number;
  /** findings below this confidence are left out and counted (default: low, all) */
  minConfidence?: Confidence;
  /** --verify: one run for every repository, so a secret leaked in many is asked once */
  verify?: VerificationRun;
  onlyVerified?: boolean;
  /** false: commit metadata is not scanned */
  metadata?: boolean;
  /** where repositories given as URLs are mirrored */
  mirrorDir?: string;
}

/** A work tree (has .git) or a bare repository (HEAD, objects/, refs/): not merely a directory inside one. */
function isRepository(path: string): boolean {
  const has = (name: string) => statSync(join(path, name), { throwIfNoEntry: false }) !== undefined;
  return has('.git') || (has('HEAD') && has('objects') && has('refs'));
}

/** A container image: a file (docker save or OCI tarball) or an OCI layout directory. Anything else a file could be fails as an image, with its reason. */
export function isImageInput(path: string): boolean {
  if (isRemoteUrl(path)) return false;
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat?.isFile() === true || (stat?.isDirectory() === true && statSync(join(path, 'oci-layout'), { throwIfNoEntry: false }) !== undefined);
}

/** A path is a repository or an image, or a directory whose immediate subdirectories that are repositories are audited. */
export function findRepositories(paths: string[]): string[] {
  const found: string[] = [];
  for (const path of paths) {
    if (isRemoteUrl(path) || isImageInput(path) || isRepository(path)) {
      found.push(path);
      continue;
    }
    let entries: string[] = [];
    try {
      entries = readdirSync(path).sort();
    } catch {
      // reported as a failed repository below, with the reason
      found.push(path);
      continue;
    }
    const repos = entries.map((name) => join(path, name)).filter((child) => statSync(child, { throwIfNoEntry: false })?.isDirectory() && isRepository(child));
    found.push(...(repos.length > 0 ? repos : [path]));
  }
  return [...new Set(found)];
}

/** Deterministic and stable as the list changes: a repository's shard depends only on its own path. */
export function inShard(path: string, shard: { index: number; count: number }): boolean {
  // a URL counts without its credentials: rotating a token must not move the repository to another shard
  const digest = createHash('sha256').update(displayUrl(path)).digest();
  return digest.readUInt32BE(0) % shard.count === shard.index - 1;
}

export function sumVerification(parts: (VerificationSummary | undefined)[]): VerificationSummary {
  const total: VerificationSummary = { valid: 0, invalid: 0, unknown: 0, unsupported: 0, requests: 0, cached: 0 };
  for (const part of parts) for (const key of Object.keys(total) as (keyof VerificationSummary)[]) total[key] += part?.[key] ?? 0;
  return total;
}

export function merge(repositories: RepositorySummary[], reports: (ScanReport | null)[], started: number): ScanReport {
  const ok = reports.filter((report): report is ScanReport => report !== null);
  const findings: Finding[] = ok.flatMap((report) => report.findings.map((finding) => ({ ...finding, repository: finding.repository ?? report.summary.path })));
  const sum = (pick: (summary: ScanSummary) => number) => ok.reduce((total, report) => total + pick(report.summary), 0);
  const blobsSkipped = Object.fromEntries(SKIP_REASONS.map((reason) => [reason, 0])) as Record<SkipReason, number>;
  // reports of older versions (merge) lack the newer reasons
  for (const report of ok) for (const [reason, count] of Object.entries(report.summary.blobsSkipped)) blobsSkipped[reason as SkipReason] = (blobsSkipped[reason as SkipReason] ?? 0) + count;
  return {
    findings,
    summary: {
      version: ok[0]?.summary.version ?? '',
      engine: ok[0]?.summary.engine ?? 'none',
      mode: 'history',
      path: repositories.map((repo) => repo.repository).join(', '),
      rules: ok[0]?.summary.rules ?? 0,
      commits: sum((s) => s.commits),
      blobsScanned: sum((s) => s.blobsScanned),
      bytesScanned: sum((s) => s.bytesScanned),
      blobsReused: sum((s) => s.blobsReused),
      // reports written before incremental scans have no count
      blobsCached: sum((s) => s.blobsCached ?? 0),
      blobsOnlyAtAllowedPaths: sum((s) => s.blobsOnlyAtAllowedPaths ?? 0),
      metadataScanned: sum((s) => s.metadataScanned ?? 0),
      metadataFindings: sum((s) => s.metadataFindings ?? 0),
      blobsSkipped,
      // an audit report's skipped paths already name their repository
      skipped: ok.flatMap((report) => report.summary.skipped.map((skip) => (report.summary.repositories ? skip : { ...skip, path: `${report.summary.path}: ${skip.path}` }))),
      findings: findings.length,
      // reports written before confidence levels have none to add
      belowConfidence: { threshold: ok[0]?.summary.belowConfidence?.threshold ?? 'low', count: sum((s) => s.belowConfidence?.count ?? 0) },
      repositories,
      ...(ok.some((report) => report.summary.verification) ? { verification: sumVerification(ok.map((report) => report.summary.verification)) } : {}),
      incomplete: repositories.some((repo) => repo.error !== undefined || repo.incomplete),
      durationMs: Math.round(performance.now() - started),
    },
  };
}

export async function runAudit(options: AuditOptions): Promise<ScanReport> {
  const started = performance.now();
  const shard = options.shard;
  const paths = findRepositories(options.paths).filter((path) => !shard || inShard(path, shard));
  const pool = new WorkerPool({ specs: options.rules, maxBlobSize: options.maxBlobSize, blobTimeoutMs: options.blobTimeoutMs, archives: archiveLimits(options) }, options.jobs ?? availableParallelism());
  const limit = pLimit(Math.max(1, options.repos));
  const asked = { requests: options.verify?.requests ?? 0, cached: options.verify?.cached ?? 0 };
  const secretKeys = new WeakMap<Finding, string>();
  try {
    const results = await Promise.all(
      paths.map((path) =>
        limit(async () => {
          const repoStarted = performance.now();
          try {
            const image = isImageInput(path);
            const report = await runScan({ path, mode: image ? 'image' : 'history', secretKeys, engine: options.engine, maxBlobSize: options.maxBlobSize, archives: options.archives, maxArchiveSize: options.maxArchiveSize, showSecrets: options.showSecrets, rules: options.rules, fingerprintKey: options.fingerprintKey, pool, stateDir: image ? undefined : options.stateDir, minConfidence: options.minConfidence, verify: options.verify, onlyVerified: options.onlyVerified, metadata: options.metadata, mirrorDir: options.mirrorDir });
            const { commits, blobsScanned, findings, incomplete, durationMs, incremental, shallow } = report.summary;
            const notes = { ...(shallow ? { shallow } : {}), ...(incremental ? { reuse: incremental.reuse } : {}) };
            return { summary: { repository: displayUrl(path), commits, blobsScanned, findings, incomplete, durationMs, ...notes }, report };
          } catch (error) {
            // one broken repository is reported and the audit goes on
            const summary: RepositorySummary = { repository: displayUrl(path), commits: 0, blobsScanned: 0, findings: 0, incomplete: true, durationMs: Math.round(performance.now() - repoStarted), error: errorMessage(error) };
            return { summary, report: null };
          }
        }),
      ),
    );
    const reports = results.map((result) => result.report);
    joinSources(reports, secretKeys);
    const merged = merge(
      results.map((result) => result.summary),
      reports,
      started,
    );
    // repositories scanned at once overlap in time: the run's own totals, not the sum of their windows
    if (merged.summary.verification && options.verify) Object.assign(merged.summary.verification, { requests: options.verify.requests - asked.requests, cached: options.verify.cached - asked.cached });
    return merged;
  } finally {
    await pool.close();
  }
}
