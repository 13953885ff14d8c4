// Findings of a bench corpus compared with the record kept in bench/findings/: a speed change must not change what a
// scan reports. The record holds each finding whole as the JSON report gives it (redacted: no secret) and the
// summary's counts, without timings or the machine's paths.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const RECORD_DIR = fileURLToPath(new URL('./findings/', import.meta.url));

/** Summary fields that depend on the machine or the moment, not on what was found. */
const VOLATILE_SUMMARY = new Set(['durationMs', 'path', 'version']);

const sorted = (list) => [...list].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** What must not change: every finding (in a stable order) and the summary's counts. */
export function canonical(report) {
  const findings = sorted((report.findings ?? []).map((finding) => JSON.stringify(finding)));
  const summary = Object.fromEntries(Object.entries(report.summary ?? {}).filter(([key]) => !VOLATILE_SUMMARY.has(key)));
  const digest = crypto.createHash('sha256').update(JSON.stringify({ findings, summary })).digest('hex');
  return { findings: findings.length, digest, summary, list: findings };
}

export function recordFile(name) {
  return path.join(RECORD_DIR, `${name}.json`);
}

export function writeRecord(name, report, about) {
  const c = canonical(report);
  fs.mkdirSync(RECORD_DIR, { recursive: true });
  const record = { corpus: name, ...about, findings: c.findings, digest: c.digest, summary: c.summary, list: c.list.map((line) => JSON.parse(line)) };
  fs.writeFileSync(recordFile(name), `${JSON.stringify(record, null, 1)}\n`);
  return c;
}

/** { status: 'none' } without a record; else identical or not, with the findings only one side has and the summary fields that differ. */
export function compareWithRecord(name, report) {
  if (!fs.existsSync(recordFile(name))) return { status: 'none' };
  const record = JSON.parse(fs.readFileSync(recordFile(name), 'utf8'));
  const now = canonical(report);
  const before = new Set(record.list.map((finding) => JSON.stringify(finding)));
  const after = new Set(now.list);
  const added = now.list.filter((line) => !before.has(line));
  const removed = [...before].filter((line) => !after.has(line));
  const summaryChanged = sorted(new Set([...Object.keys(record.summary), ...Object.keys(now.summary)])).filter(
    (key) => JSON.stringify(record.summary[key]) !== JSON.stringify(now.summary[key]),
  );
  const identical = now.digest === record.digest;
  return { status: identical ? 'identical' : 'different', findings: now.findings, recordedAt: record.recordedAt, recordedWith: record.leaksweep, added, removed, summaryChanged, recordSummary: record.summary, summary: now.summary };
}

/** One line for a bench's output, plus the differences when there are any. */
export function describeComparison(name, result) {
  if (result.status === 'none') return [`findings (${name}): no record in bench/findings/ (node bench/findings-check.js --record)`];
  if (result.status === 'identical') return [`findings (${name}): identical to the record made at ${result.recordedWith} (${result.findings} findings, summary counts equal)`];
  const lines = [`findings (${name}): DIFFERENT from the record made at ${result.recordedWith}: ${result.added.length} new, ${result.removed.length} gone, summary fields changed: ${result.summaryChanged.join(', ') || 'none'}`];
  for (const line of result.added.slice(0, 20)) lines.push(`  new:  ${line.slice(0, 300)}`);
  for (const line of result.removed.slice(0, 20)) lines.push(`  gone: ${line.slice(0, 300)}`);
  for (const key of result.summaryChanged) lines.push(`  summary.${key}: ${JSON.stringify(result.recordSummary[key])} -> ${JSON.stringify(result.summary[key])}`);
  return lines;
}
