// Human report for a terminal: findings grouped by path, one line each, then a summary line.
import { imagePlaceText, placeText } from './image-place.js';
import type { Finding } from '../findings/finding.js';
import type { ScanReport } from '../findings/report-types.js';
import { reportRules, revokeLink, type ReportRule } from './report-rules.js';
import { verificationText } from './verification.js';

export interface TextOptions {
  color: boolean;
  /** the rules the scan ran: their revocation links close the report */
  rules?: readonly ReportRule[];
}

/** One line per rule with findings: where its owner revokes or rotates such a secret. */
function revokeLines(report: ScanReport, rules: readonly ReportRule[] | undefined): string[] {
  const found = new Set(report.findings.map((f) => f.ruleId));
  const rows = reportRules(report.findings, rules)
    .filter((rule) => found.has(rule.id))
    .flatMap((rule) => {
      const link = revokeLink(rule);
      return link ? [[rule.id, link] as const] : [];
    })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (rows.length === 0) return [];
  const width = Math.max(...rows.map(([id]) => id.length));
  return ['revoke or rotate:', ...rows.map(([id, link]) => `  ${id.padEnd(width)}  ${link}`)];
}

const CODES = { bold: 1, dim: 2, red: 31, yellow: 33, cyan: 36, magenta: 35 } as const;
type Style = keyof typeof CODES;

const SEVERITY_STYLE: Record<Finding['severity'], Style> = { critical: 'magenta', high: 'red', medium: 'yellow', low: 'cyan' };

function formatBytes(bytes: number): string {
  if (bytes >= 1 << 30) return `${(bytes / (1 << 30)).toFixed(2)} GiB`;
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MiB`;
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** A key the provider confirmed live is urgent whatever the history holds: the action says so first. */
function lifecycleText(lifecycle: NonNullable<Finding['lifecycle']>, live: boolean): string {
  const reach = `reachable from ${lifecycle.reachableFrom.length} ref${lifecycle.reachableFrom.length === 1 ? '' : 's'}`;
  if (lifecycle.action === 'rotate') return `${live ? 'live: rotate now' : 'rotate'}: still present at ${lifecycle.presentAt.join(', ')}; ${reach}`;
  const where = `${lifecycle.removedIn ? `removed in ${lifecycle.removedIn.slice(0, 10)}` : 'no longer at any branch head'}, still ${reach}`;
  return `${live ? 'live: rotate now, then purge history' : 'rotate and purge history'}: ${where}`;
}

// A provider's answer (identity, error text) is untrusted: no escape sequence of it may reach the terminal.
const printable = (text: string): string => text.replace(/[\u0000-\u001F\u007F-\u009F]/g, '\uFFFD');

const VERIFICATION_STYLE: Record<NonNullable<Finding['verification']>['status'], Style> = { valid: 'red', invalid: 'dim', unknown: 'yellow' };

function verificationSummary(v: NonNullable<ScanReport['summary']['verification']>): string {
  const unsupported = v.unsupported > 0 ? ` (${v.unsupported} unsupported)` : '';
  return `verification: ${v.valid} live, ${v.invalid} invalid, ${v.unknown} not verified${unsupported}; ${v.requests} request${v.requests === 1 ? '' : 's'}, ${v.cached} from cache`;
}

export const SHALLOW_WARNING = 'shallow clone: commits before its boundary are not in the repository and were not scanned (git fetch --unshallow, then scan again)';

const WHERE: Partial<Record<ScanReport['summary']['mode'], string>> = { staged: 'staged changes', files: 'files', stdin: 'stdin' };

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** `acme/api:1.0 (5 layers)`: what an image scan read. */
function imagesText(images: NonNullable<ScanReport['summary']['images']>): string {
  return `${images.names.join(', ')} (${plural(images.layers, 'layer')})`;
}

const REUSE: Record<NonNullable<ScanReport['summary']['incremental']>['reuse'], string> = {
  unchanged: 'no ref moved since the last scan: only blobs with findings were read again',
  'new-commits': 'only commits new since the last scan were walked',
  blobs: 'history was walked again (rewritten, or the isomorphic engine), blobs known from the last scan were not read',
  none: 'nothing to reuse',
};

function reuseText(s: ScanReport['summary']): string {
  const incremental = s.incremental!;
  const reason = incremental.reason ? ` (${incremental.reason})` : '';
  return `incremental: ${REUSE[incremental.reuse]}${reason}; ${s.blobsCached ?? 0} blobs known from the last scan`;
}

export function textReport(report: ScanReport, options: TextOptions): string {
  const paint = (style: Style, text: string): string => (options.color ? `\x1b[${CODES[style]}m${text}\x1b[0m` : text);
  const lines: string[] = [];
  const byPath = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const key = finding.repository ? `${finding.repository}: ${finding.path}` : finding.path;
    byPath.set(key, [...(byPath.get(key) ?? []), finding]);
  }
  for (const [path, findings] of [...byPath].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    // names and authors come from whoever wrote the commits: no escape sequence reaches the terminal
    lines.push(paint('bold', printable(path)));
    for (const f of findings) {
      const where = `${f.line}:${f.column}`.padEnd(9);
      const origin = f.commit ? ` ${paint('dim', `${f.commit.slice(0, 10)} ${f.date?.slice(0, 10) ?? ''} ${printable(f.author ?? '')}`)}` : f.image ? ` ${paint('dim', imagePlaceText(f.image))}` : '';
      const later = f.laterCommits.length > 0 ? paint('dim', ` (+${f.laterCommits.length} later commit${f.laterCommits.length > 1 ? 's' : ''})`) : '';
      const shown = printable(f.secret ?? f.redacted);
      const sure = f.confidence ? ` ${paint('dim', `[${f.confidence} confidence, ${f.context}${f.lowered ? `: ${f.lowered.join(', ')}` : ''}]`)}` : '';
      lines.push(`  ${where} ${paint(SEVERITY_STYLE[f.severity], f.severity.padEnd(8))} ${f.ruleId}  ${shown}${origin}${later}${sure}`);
      for (const place of f.alsoAt ?? []) lines.push(`            ${paint('dim', printable(`also in ${placeText(place)}`))}`);
      const v = f.verification;
      if (v) lines.push(`            ${paint(VERIFICATION_STYLE[v.status], printable(`${verificationText(v)} (${v.provider})`))}`);
      if (f.lifecycle) lines.push(`            ${paint('yellow', lifecycleText(f.lifecycle, v?.status === 'valid'))}`);
    }
  }
  const s = report.summary;
  const skipped = [...Object.entries(s.blobsSkipped), ['only at allowed paths', s.blobsOnlyAtAllowedPaths ?? 0] as const]
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => `${count} ${reason}`)
    .join(', ');
  if (lines.length > 0) lines.push('');
  const revoke = revokeLines(report, options.rules);
  if (revoke.length > 0) lines.push(...revoke.map((line, i) => (i === 0 ? paint('bold', line) : line)), '');
  lines.push(
    `${s.findings} finding${s.findings === 1 ? '' : 's'}${s.metadataFindings ? ` (${s.metadataFindings} in commit metadata)` : ''} in ${s.images ? imagesText(s.images) : (WHERE[s.mode] ?? `${s.commits} commits`)}, ${s.blobsScanned} blobs (${formatBytes(s.bytesScanned)})${s.metadataScanned ? ` and ${s.metadataScanned} metadata texts` : ''} ` +
      `scanned in ${(s.durationMs / 1000).toFixed(2)} s${s.engine === 'none' ? '' : ` with engine ${s.engine}`}${skipped ? `; skipped ${skipped}` : ''}`,
  );
  if (s.incremental) lines.push(paint('dim', reuseText(s)));
  if (s.verification) lines.push(verificationSummary(s.verification));
  const below = s.belowConfidence;
  if (below && below.count > 0) {
    lines.push(paint('dim', `${below.count} finding${below.count === 1 ? '' : 's'} below ${below.threshold} confidence left out (test values, docs examples, names that look like values): --confidence low shows them`));
  }
  if (s.repositories) {
    const width = Math.max(10, ...s.repositories.map((repo) => repo.repository.length));
    lines.push(`${'repository'.padEnd(width)}  commits    blobs  findings  time`);
    for (const repo of s.repositories) {
      const status = repo.error ? `FAILED: ${repo.error}` : `${String(repo.commits).padStart(7)}  ${String(repo.blobsScanned).padStart(7)}  ${String(repo.findings).padStart(8)}  ${(repo.durationMs / 1000).toFixed(2)} s${repo.incomplete ? ' (incomplete)' : ''}${repo.shallow ? ' (shallow clone)' : ''}${repo.reuse ? ` (state: ${repo.reuse})` : ''}`;
      lines.push(`${repo.repository.padEnd(width)}  ${status}`);
    }
  }
  if (s.baseline) {
    const stale = s.baseline.stale.length;
    lines.push(`baseline: ${s.baseline.suppressed} known finding${s.baseline.suppressed === 1 ? '' : 's'} suppressed${s.baseline.expired ? `, ${s.baseline.expired} expired acceptances count again` : ''}${stale ? `; ${stale} stale entr${stale === 1 ? 'y' : 'ies'} (no longer found):` : ''}`);
    for (const entry of s.baseline.stale) lines.push(`  ${entry.ruleId}  ${entry.path}  ${entry.redacted}  (${entry.status})`);
  }
  if (s.shallow) lines.push(paint('yellow', SHALLOW_WARNING));
  if (s.incomplete) lines.push(paint('yellow', 'scan incomplete: some blobs could not be read or scanned (see "skipped" in the JSON report)'));
  return `${lines.join('\n')}\n`;
}
