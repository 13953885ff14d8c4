// One self-contained HTML file for audits: summary, findings by rule then path, a client-side filter; nothing loaded from the network.
import { createHash } from 'node:crypto';
import { unreadCount } from './unread.js';
import { imagePlaceText, placeText } from './image-place.js';
import type { Finding } from '../findings/finding.js';
import type { ScanReport } from '../findings/report-types.js';
import { HTML_SCRIPT, HTML_STYLE } from './html-assets.js';
import { SEVERITIES, isWebLink, reportRules, revokeLink, type ReportRule } from './report-rules.js';
import { STATUS_LABEL, VERIFICATION_KEYS, countByVerification, verificationDetail, verificationKey } from './verification.js';

export interface HtmlOptions {
  rules?: readonly ReportRule[];
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text and attribute values alike: paths, authors and messages come from whoever wrote the commits. */
export function htmlEscape(value: string | number): string {
  return String(value)
    .replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
    // control characters are parse errors in HTML and invisible anyway: show that something was there
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '\uFFFD');
}

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// Only this file's own style and script run: injected markup could neither load nor execute anything.
const CSP = `default-src 'none'; style-src ${sha256(HTML_STYLE)}; script-src ${sha256(HTML_SCRIPT)}; img-src 'none'; base-uri 'none'; form-action 'none'`;

function formatBytes(bytes: number): string {
  if (bytes >= 1 << 30) return `${(bytes / (1 << 30)).toFixed(2)} GiB`;
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MiB`;
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const badge = (severity: string): string => `<span class="sev sev-${htmlEscape(severity)}">${htmlEscape(severity)}</span>`;

function summaryHtml(report: ScanReport): string {
  const s = report.summary;
  const skipped = Object.entries(s.blobsSkipped).filter(([, count]) => count > 0).map(([reason, count]) => `${count} ${reason}`).join(', ') || 'none';
  const items: [string, string | number][] = [
    ['findings', s.findings],
    ['commits', s.commits],
    ['blobs scanned', s.blobsScanned],
    ['bytes scanned', formatBytes(s.bytesScanned)],
    ['blobs reused', s.blobsReused],
    ['duration', `${(s.durationMs / 1000).toFixed(2)} s`],
    ['engine', s.engine],
    ['mode', s.mode],
    ['rules', s.rules],
    ['skipped', skipped],
    ...(s.belowConfidence ? [[`below ${s.belowConfidence.threshold} confidence, left out`, s.belowConfidence.count] as [string, number]] : []),
    ...verificationItems(s.verification),
  ];
  const cells = items.map(([label, value]) => `<div><dt>${htmlEscape(label)}</dt><dd>${htmlEscape(value)}</dd></div>`).join('');
  const warning = s.incomplete
    ? `<p class="warning">Scan incomplete: ${unreadCount(s)} blob(s) could not be read or scanned, so this report may miss secrets.</p>`
    : '';
  const skippedRows = s.skipped
    .map((skip) => `<tr><td>${htmlEscape(skip.reason)}</td><td class="mono">${htmlEscape(skip.path)}</td><td class="mono">${htmlEscape(skip.oid)}</td><td>${skip.size ?? ''}</td></tr>`)
    .join('');
  const skippedList = s.skipped.length
    ? `<details><summary>Skipped blobs (${s.skipped.length})</summary><table class="skipped"><thead><tr><th>reason</th><th>path</th><th>blob</th><th>bytes</th></tr></thead><tbody>${skippedRows}</tbody></table></details>`
    : '';
  return `<dl class="summary">${cells}</dl>\n${warning}${skippedList}`;
}

function verificationItems(v: ScanReport['summary']['verification']): [string, string | number][] {
  if (!v) return [];
  return [
    [STATUS_LABEL.valid, v.valid],
    [STATUS_LABEL.invalid, v.invalid],
    [STATUS_LABEL.unknown, v.unsupported > 0 ? `${v.unknown} (${v.unsupported} unsupported)` : v.unknown],
    ['verification requests', `${v.requests} (${v.cached} cached)`],
  ];
}

/** The provider's answer: status, then the identity of a live key or why it is invalid or unknown; the title says who asked when. */
function verificationCell(f: Finding): string {
  const v = f.verification;
  if (!v) return `<td class="ver-none muted">${STATUS_LABEL.none}</td>`;
  const detail = verificationDetail(v);
  return (
    `<td class="ver-${v.status}" title="${htmlEscape(`${v.provider}, checked ${v.checkedAt}`)}">${STATUS_LABEL[v.status]}` +
    `${detail ? `<br><span class="muted">${htmlEscape(detail)}</span>` : ''}</td>`
  );
}

function findingRow(f: Finding, verifying: boolean): string {
  const v = f.verification;
  const search = [f.ruleId, f.ruleName, f.severity, f.confidence, f.context, f.path, f.image && imagePlaceText(f.image, true), ...(f.alsoAt ?? []).map(placeText), f.commit, f.author, f.email, f.date, f.message, f.redacted, v?.provider, v && verificationDetail(v)]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  const author = f.author === undefined ? '' : `${f.author}${f.email ? ` <${f.email}>` : ''}`;
  const secret = `<code>${htmlEscape(f.redacted)}</code>${f.secret !== undefined ? `<br><code class="secret">${htmlEscape(f.secret)}</code>` : ''}`;
  const alsoIn = (f.alsoAt ?? []).map((place) => `<br><span class="muted">also in ${htmlEscape(placeText(place))}</span>`).join('');
  return (
    `<tr class="finding" data-severity="${htmlEscape(f.severity)}" data-verification="${verificationKey(f)}" data-search="${htmlEscape(search)}">` +
    `<td class="mono">${f.line}:${f.column}</td><td>${badge(f.severity)}</td>${verifying ? verificationCell(f) : ''}` +
    `<td${f.lowered ? ` title="lowered by ${htmlEscape(f.lowered.join(', '))}"` : ''}>${htmlEscape(f.confidence ?? '')}<br><span class="muted">${htmlEscape(f.context ?? '')}</span></td>` +
    (f.image
      ? `<td class="mono" title="${htmlEscape(imagePlaceText(f.image, true))}">${htmlEscape(imagePlaceText(f.image))}</td>`
      : `<td class="mono"${f.message ? ` title="${htmlEscape(f.message)}"` : ''}>${htmlEscape(f.commit?.slice(0, 12) ?? '')}</td>`) +
    `<td>${htmlEscape(author)}</td><td class="mono">${htmlEscape(f.date ?? '')}</td><td>${secret}${alsoIn}</td><td>${f.laterCommits.length}</td>` +
    `<td>${lifecycleCell(f)}</td></tr>`
  );
}

/** --lifecycle: what to do, and why (where it still lives, or which commit removed it and what still reaches it). */
function lifecycleCell(f: Finding): string {
  const life = f.lifecycle;
  if (!life) return '';
  const why = life.action === 'rotate' ? `still at ${life.presentAt.join(', ')}` : `${life.removedIn ? `removed in ${life.removedIn.slice(0, 12)}, ` : ''}reachable from ${life.reachableFrom.join(', ') || 'no ref'}`;
  return `<strong>${life.action === 'rotate' ? 'rotate' : 'rotate and purge history'}</strong><br><span class="mono">${htmlEscape(why)}</span>`;
}

const columns = (verifying: boolean): string =>
  [
    ['where', 'line:col'],
    ['severity', 'severity'],
    ...(verifying ? [['verified', 'verified']] : []),
    ['confidence', 'confidence'],
    ['commit', 'commit'],
    ['author', 'author'],
    ['date', 'date'],
    ['secret', 'secret'],
    ['later', 'later commits'],
    ['lifecycle', 'lifecycle'],
  ]
    .map(([name, label]) => `<th class="col-${name}">${label}</th>`)
    .join('');

function ruleSection(rule: ReportRule, findings: Finding[], verifying: boolean): string {
  const byPath = new Map<string, Finding[]>();
  for (const f of findings) byPath.set(f.path, [...(byPath.get(f.path) ?? []), f]);
  const groups = [...byPath]
    .sort(([a], [b]) => compare(a, b))
    .map(
      ([path, list]) =>
        `<div class="path-group"><h3>${htmlEscape(path)}</h3><table${verifying ? ' class="verifying"' : ''}><thead><tr>${columns(verifying)}</tr></thead>` +
        `<tbody>${list.sort((a, b) => a.line - b.line || a.column - b.column).map((f) => findingRow(f, verifying)).join('')}</tbody></table></div>`,
    )
    .join('\n');
  const links = (rule.references ?? []).filter(isWebLink);
  const revoke = revokeLink(rule);
  const revokeHtml = revoke ? `<p class="revoke">Revoke or rotate: <a href="${htmlEscape(revoke)}" rel="noopener noreferrer">${htmlEscape(revoke)}</a></p>` : '';
  const refs = links.length
    ? `<p class="refs">References: ${links.map((link) => `<a href="${htmlEscape(link)}" rel="noopener noreferrer">${htmlEscape(link)}</a>`).join(' · ')}</p>`
    : '';
  return (
    `<section class="rule"><h2>${badge(rule.severity)} ${htmlEscape(rule.name)} <code class="muted">${htmlEscape(rule.id)}</code>` +
    `<span class="muted">${findings.length} finding${findings.length === 1 ? '' : 's'}</span></h2>${revokeHtml}${refs}\n${groups}</section>`
  );
}

export function htmlReport(report: ScanReport, options: HtmlOptions = {}): string {
  const s = report.summary;
  const byRule = new Map<string, Finding[]>();
  for (const f of report.findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  const rules = reportRules(report.findings, options.rules)
    .filter((rule) => byRule.has(rule.id))
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || compare(a.id, b.id));
  const counts = new Map(SEVERITIES.map((severity) => [severity, report.findings.filter((f) => f.severity === severity).length]));
  // the column and the filter appear only when the scan verified something: other reports keep their layout
  const verifying = report.findings.some((f) => f.verification !== undefined);
  const byVerification = countByVerification(report.findings);
  const verificationBoxes = verifying
    ? `<span class="filter-group" role="group" aria-label="Verification">` +
      VERIFICATION_KEYS.filter((key) => key !== 'none' || byVerification.none > 0)
        .map((key) => `<label><input type="checkbox" data-verification="${key}" checked> ${STATUS_LABEL[key]} (${byVerification[key]})</label>`)
        .join('') +
      `</span>`
    : '';
  const controls = report.findings.length
    ? `<div class="controls"><input type="search" id="filter" placeholder="Filter: rule, path, commit, author…" aria-label="Filter findings">` +
      `<span class="filter-group" role="group" aria-label="Severity">` +
      SEVERITIES.map((severity) => `<label><input type="checkbox" data-severity="${severity}" checked> ${severity} (${counts.get(severity)})</label>`).join('') +
      `</span>${verificationBoxes}<span id="shown" class="muted"></span></div>`
    : '<p>No secrets found.</p>';
  const title = `leaksweep report: ${s.findings} finding${s.findings === 1 ? '' : 's'} in ${s.path}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlEscape(title)}</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<header><h1>leaksweep report</h1><p class="muted">${htmlEscape(s.path)} · leaksweep ${htmlEscape(s.version)}</p></header>
${summaryHtml(report)}
${controls}
<main>
${rules.map((rule) => ruleSection(rule, byRule.get(rule.id) ?? [], verifying)).join('\n')}
</main>
<script>${HTML_SCRIPT}</script>
</body>
</html>
`;
}
