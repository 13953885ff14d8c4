// Scans the cached npm packages (fetch-npm.js) with the built CLI and scores every finding against the hand labels.
// Usage: node bench/realworld/eval-npm.js [--json] [--no-gone] [-- extra scan args]
// --no-gone leaves out labels the scan no longer finds (noise-rules.js runs only a few rules).
// Never prints or writes a whole secret: the report stays in memory and only hashes and previews come out.
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheRoot } from './fetch-npm.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
// LEAKSWEEP_CLI runs another build (e.g. a clean export of a commit) while the work tree is being edited.
const cli = process.env.LEAKSWEEP_CLI || join(repo, 'bin', 'leaksweep.js');
const LABELS = join(here, 'npm-labels.json');
const LABEL_KINDS = ['real', 'test', 'false-alarm'];

export const secretHash = (secret) => createHash('sha256').update(secret).digest('hex').slice(0, 16);

/** A preview that cannot rebuild the secret: a few characters from each end and the length. */
export function preview(secret) {
  const n = [...secret].length;
  const chars = [...secret];
  if (n >= 10) return `${chars.slice(0, 3).join('')}…${chars.slice(-2).join('')} (${n} chars)`;
  if (n >= 6) return `${chars[0]}…${chars[n - 1]} (${n} chars)`;
  return `… (${n} chars)`;
}

/** Cache dirs are `<name with / as __>@<version>`: the first path segment gives the package back. */
export function splitPath(path) {
  const norm = path.replace(/\\/g, '/');
  const slash = norm.indexOf('/');
  const dir = slash < 0 ? norm : norm.slice(0, slash);
  return { pkg: dir.replace('__', '/'), file: slash < 0 ? '' : norm.slice(slash + 1) };
}

export const keyOf = (e) => [e.package, e.path, e.ruleId, e.line, e.secretHash].join('\u0000');

function run(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: dirname(dirname(cli)), stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    let err = '';
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: err }));
  });
}

async function hasConfidenceOption() {
  // A teammate is adding --confidence; use it only when this build lists it, so the eval works before and after.
  const { stdout } = await run(['scan', '--help']);
  return /--confidence\b/.test(stdout);
}

function perHundredMb(count, mb) {
  return mb > 0 ? Math.round((count / mb) * 100 * 100) / 100 : 0;
}

function tally(items, keyFn) {
  const m = {};
  for (const it of items) {
    const k = keyFn(it);
    m[k] = (m[k] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(m).sort((a, b) => b[1] - a[1]));
}

/** Per rule: count of each label, and false alarms per 100 MB. */
function byRule(findings, mb) {
  const rules = {};
  for (const f of findings) {
    const r = (rules[f.ruleId] ??= { findings: 0, real: 0, test: 0, 'false-alarm': 0, unlabelled: 0 });
    r.findings++;
    r[f.label ?? 'unlabelled']++;
  }
  for (const r of Object.values(rules)) r.falseAlarmsPer100MB = perHundredMb(r['false-alarm'], mb);
  return Object.fromEntries(Object.entries(rules).sort((a, b) => b[1]['false-alarm'] - a[1]['false-alarm'] || b[1].findings - a[1].findings));
}

function score(findings, mb) {
  const labels = tally(findings, (f) => f.label ?? 'unlabelled');
  for (const k of [...LABEL_KINDS, 'unlabelled']) labels[k] ??= 0;
  return { findings: findings.length, labels, falseAlarmsPer100MB: perHundredMb(labels['false-alarm'], mb), byRule: byRule(findings, mb) };
}

async function main() {
  const argv = process.argv.slice(2);
  const dd = argv.indexOf('--');
  const own = dd < 0 ? argv : argv.slice(0, dd);
  const extra = dd < 0 ? [] : argv.slice(dd + 1);
  const asJson = own.includes('--json');
  const showGone = !own.includes('--no-gone');
  const dir = join(cacheRoot(), 'npm');
  if (!existsSync(dir)) {
    console.error(`no package cache at ${dir}: run node bench/realworld/fetch-npm.js first`);
    process.exit(2);
  }
  const confidence = await hasConfidenceOption();
  const args = ['scan', '--no-git', dir, '--format', 'json', '--show-secrets', '--quiet', '--ignore-baseline'];
  if (confidence) args.push('--confidence', 'low');
  args.push(...extra);
  const res = await run(args);
  if (res.code !== 0 && res.code !== 1) {
    // A failed scan is not a measurement: show why (stderr never holds secrets) and pass the code on.
    process.stderr.write(res.stderr);
    process.exit(res.code ?? 3);
  }
  const report = JSON.parse(res.stdout);
  const labelFile = existsSync(LABELS) ? JSON.parse(readFileSync(LABELS, 'utf8')) : { labels: [] };
  const labelMap = new Map(labelFile.labels.map((l) => [keyOf(l), l]));

  // Reduce each finding to what may be printed: the secret becomes its hash and a preview here and now.
  const findings = report.findings.map((f) => {
    const { pkg, file } = splitPath(f.path);
    const e = { package: pkg, path: file, ruleId: f.ruleId, line: f.line, secretHash: secretHash(f.secret ?? '') };
    const label = labelMap.get(keyOf(e));
    return {
      ...e,
      column: f.column,
      preview: preview(f.secret ?? ''),
      ...(f.context !== undefined ? { context: f.context } : {}),
      ...(f.confidence !== undefined ? { confidence: f.confidence } : {}),
      label: label?.label,
      why: label?.why,
    };
  });
  const seen = new Set(findings.map(keyOf));
  const gone = showGone ? labelFile.labels.filter((l) => !seen.has(keyOf(l))) : [];

  const mb = report.summary.bytesScanned / 1e6;
  const hasConfidence = findings.some((f) => f.confidence !== undefined);
  // What a default scan would show: with confidence levels, the high and medium ones; without them, everything.
  const shown = hasConfidence ? findings.filter((f) => f.confidence === 'high' || f.confidence === 'medium') : findings;
  const out = {
    leaksweepCommit: labelFile.leaksweepCommit ?? null,
    scan: { args: args.slice(2).filter((a) => a !== dir), confidenceOption: confidence, mb: Math.round(mb * 10) / 10, files: report.summary.blobsScanned, filesOnlyAtAllowedPaths: report.summary.blobsOnlyAtAllowedPaths ?? null, skipped: report.summary.blobsSkipped, durationMs: report.summary.durationMs },
    all: score(findings, mb),
    defaultView: { restrictedBy: hasConfidence ? 'confidence high or medium' : 'none (no confidence field)', ...score(shown, mb) },
    contexts: findings.some((f) => f.context !== undefined) ? tally(findings, (f) => `${f.context ?? '(none)'} / ${f.label ?? 'unlabelled'}`) : null,
    confidences: hasConfidence ? tally(findings, (f) => `${f.confidence ?? '(none)'} / ${f.label ?? 'unlabelled'}`) : null,
    unlabelled: findings.filter((f) => !f.label).map(({ label, why, ...f }) => f),
    gone,
  };
  if (asJson) {
    console.log(JSON.stringify(out, null, 2));
    return;
  }
  printText(out);
}

function printRules(byRuleTable) {
  const rows = Object.entries(byRuleTable);
  const w = Math.max(...rows.map(([r]) => r.length), 4);
  console.log(`  ${'rule'.padEnd(w)}  findings  real  test  false-alarm  unlabelled  FA/100MB`);
  for (const [rule, r] of rows) {
    console.log(`  ${rule.padEnd(w)}  ${String(r.findings).padStart(8)}  ${String(r.real).padStart(4)}  ${String(r.test).padStart(4)}  ${String(r['false-alarm']).padStart(11)}  ${String(r.unlabelled).padStart(10)}  ${r.falseAlarmsPer100MB.toFixed(2).padStart(8)}`);
  }
}

function printText(o) {
  const s = o.scan;
  console.log(`scanned ${s.mb} MB in ${s.files} files (${s.filesOnlyAtAllowedPaths ?? '?'} files only at allowed paths not read; skipped ${JSON.stringify(s.skipped)}) in ${(s.durationMs / 1000).toFixed(1)} s`);
  console.log(`scan args: ${s.args.join(' ')}${s.confidenceOption ? '' : '  (this build has no --confidence option)'}`);
  const l = o.all.labels;
  console.log(`\nfindings: ${o.all.findings}  real ${l.real}  test ${l.test}  false-alarm ${l['false-alarm']}  unlabelled ${l.unlabelled}`);
  console.log(`false alarms per 100 MB: ${o.all.falseAlarmsPer100MB}`);
  printRules(o.all.byRule);
  const d = o.defaultView;
  console.log(`\ndefault view (${d.restrictedBy}): ${d.findings} findings, false alarms per 100 MB: ${d.falseAlarmsPer100MB}`);
  if (d.restrictedBy !== 'none (no confidence field)') printRules(d.byRule);
  if (o.contexts) console.log(`\nby context / label:\n${Object.entries(o.contexts).map(([k, v]) => `  ${k}: ${v}`).join('\n')}`);
  if (o.confidences) console.log(`\nby confidence / label:\n${Object.entries(o.confidences).map(([k, v]) => `  ${k}: ${v}`).join('\n')}`);
  if (o.unlabelled.length) console.log('');
  for (const f of o.unlabelled) {
    const extra = [f.context && `context=${f.context}`, f.confidence && `confidence=${f.confidence}`].filter(Boolean).join(' ');
    console.log(`UNLABELLED ${f.package} ${f.path}:${f.line} ${f.ruleId} ${f.preview} hash=${f.secretHash}${extra ? ' ' + extra : ''}`);
  }
  if (o.gone.length) console.log('');
  for (const g of o.gone) console.log(`GONE ${g.package} ${g.path}:${g.line} ${g.ruleId} hash=${g.secretHash} (was ${g.label}: ${g.why})`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
