// `leaksweep merge`: joins the JSON reports of audit shards into one report, as if one machine had scanned everything.
import { readFileSync } from 'node:fs';
import { LeaksweepError, errorMessage } from '../errors.js';
import { merge, type RepositorySummary } from './run-audit.js';
import type { ScanReport } from './run-scan.js';

function readReport(file: string): ScanReport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new LeaksweepError('USAGE', `${file}: not a readable JSON report (${errorMessage(error).split('\n')[0]})`);
  }
  const report = parsed as Partial<ScanReport>;
  if (!Array.isArray(report.findings) || typeof report.summary !== 'object' || report.summary === null) {
    throw new LeaksweepError('USAGE', `${file}: expected a leaksweep JSON report ({findings, summary}); write shards with --format json`);
  }
  return report as ScanReport;
}

/** Each shard's repositories table is kept; a plain scan report counts as one repository. */
export function mergeReports(files: string[]): ScanReport {
  const started = performance.now();
  const reports = files.map(readReport);
  const repositories: RepositorySummary[] = [];
  for (const report of reports) {
    const rows = report.summary.repositories ?? [
      { repository: report.summary.path, commits: report.summary.commits, blobsScanned: report.summary.blobsScanned, findings: report.summary.findings, incomplete: report.summary.incomplete, durationMs: report.summary.durationMs },
    ];
    repositories.push(...rows);
  }
  // findings of audit reports already name their repository; merge() names the others from summary.path
  const merged = merge(repositories, reports, started);
  merged.summary.durationMs = reports.reduce((total, report) => total + report.summary.durationMs, 0);
  return merged;
}
