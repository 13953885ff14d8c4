#!/usr/bin/env node
// Scans the tool-written credential tree (tool-creds.js) with the real CLI and prints recall per tool, every miss and unmatched findings.
//
//   node bench/realworld/eval-tool-creds.js [--json] [--dir DIR] [-- EXTRA SCAN ARGS…]   (e.g. -- --confidence low)
//   LEAKSWEEP_CLI=/path/to/bin/leaksweep.js scores another build.
//
// Matching is test/corpus/match.js's (same path, line within the secret's span, reported secret equals / contains / is a
// substantial part of the secret or an accepted form). Secrets are printed only as previews. Exit 0 whatever the scores.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findingMatchesLabel, preview } from '../../test/corpus/match.js';
import { defaultOutDir } from './tool-creds/lib.js';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function parseArgs(argv) {
  const dash = argv.indexOf('--');
  const own = dash >= 0 ? argv.slice(0, dash) : argv;
  const options = { json: false, dir: defaultOutDir(), extra: dash >= 0 ? argv.slice(dash + 1) : [] };
  for (let i = 0; i < own.length; i += 1) {
    if (own[i] === '--json') options.json = true;
    else if (own[i] === '--dir') options.dir = path.resolve(own[++i]);
    else {
      console.error(`eval-tool-creds: unknown option ${own[i]} (known: --json, --dir DIR, -- scan args)`);
      process.exit(2);
    }
  }
  return options;
}

/** The secret's class, so recall can be read with and without the values a team may choose not to flag. */
function secretClass(s) {
  if (s.binary) return 'binary file';
  if (/hash|verifier|^shadow-|acl-sha256/.test(s.kind)) return 'password hash';
  if (/encrypted|obscured|obfuscated|encoded/.test(s.kind)) return 'encrypted/obfuscated';
  return 'plain credential';
}

function scan(dir, extra) {
  // LEAKSWEEP_CLI scores another build (as eval-npm.js does); default: this checkout's CLI.
  const args = [process.env.LEAKSWEEP_CLI || 'bin/leaksweep.js', 'scan', '--no-git', dir, '--format', 'json', '--show-secrets', '--quiet', '--ignore-baseline', ...extra];
  const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (run.error) throw run.error;
  if (run.status !== 0 && run.status !== 1) {
    process.stderr.write(run.stderr);
    console.error(`eval-tool-creds: the scan failed (exit code ${run.status ?? run.signal}): node ${args.join(' ')}`);
    process.exit(run.status ?? 3);
  }
  return { report: JSON.parse(run.stdout), command: `node ${args.join(' ')}` };
}

function evaluate(manifest, findings) {
  const labels = manifest.files.filter((e) => !e.unavailable).flatMap((e) => e.secrets.map((s) => ({ ...s, path: e.file, tool: e.tool, writtenBy: e.writtenBy, class: secretClass(s) })));
  const used = new Set();
  for (const label of labels) {
    const hits = findings.filter((f) => findingMatchesLabel(f, label));
    hits.forEach((f) => used.add(f));
    label.found = hits.length > 0;
    label.rules = [...new Set(hits.map((f) => f.ruleId))];
  }
  const tally = (key) => {
    const rows = new Map();
    for (const l of labels) {
      const k = key(l);
      if (!rows.has(k)) rows.set(k, { name: k, secrets: 0, found: 0 });
      const r = rows.get(k);
      r.secrets += 1;
      r.found += l.found ? 1 : 0;
    }
    return [...rows.values()].map((r) => ({ ...r, recall: r.secrets ? r.found / r.secrets : null }));
  };
  const total = { secrets: labels.length, found: labels.filter((l) => l.found).length };
  const plain = labels.filter((l) => l.class === 'plain credential' || l.class === 'encrypted/obfuscated');
  return {
    overall: { ...total, recall: total.found / total.secrets },
    excludingHashesAndBinaries: { secrets: plain.length, found: plain.filter((l) => l.found).length, recall: plain.filter((l) => l.found).length / plain.length },
    perTool: tally((l) => `${l.tool}${l.writtenBy === 'format' ? ' (format)' : ''}`),
    perClass: tally((l) => l.class),
    misses: labels.filter((l) => !l.found).map((l) => ({ tool: l.tool, writtenBy: l.writtenBy, file: l.path, line: l.line, kind: l.kind, class: l.class, preview: preview(l.secret) })),
    unmatchedFindings: findings.filter((f) => !used.has(f)).map((f) => ({ path: f.path, line: f.line, ruleId: f.ruleId, preview: preview(f.secret) })),
    unavailable: manifest.files.filter((e) => e.unavailable).map((e) => ({ tool: e.tool, reason: e.reason })),
  };
}

const pct = (r) => (r === null ? '  —  ' : `${(100 * r).toFixed(1)}%`);

function printText(res, scanned) {
  console.log(`leaksweep on tool-written credential files — ${res.overall.secrets} secrets`);
  console.log(`scan: ${scanned.command}`);
  const s = scanned.report.summary ?? {};
  const skipped = s.blobsSkipped ? Object.entries(s.blobsSkipped).filter(([, n]) => n > 0) : [];
  console.log(`      ${s.blobsScanned ?? '?'} files scanned, ${(scanned.report.findings ?? []).length} findings${skipped.length ? `, skipped: ${skipped.map(([k, n]) => `${n} ${k}`).join(', ')}` : ''}`);
  console.log('');
  console.log(`overall recall ${pct(res.overall.recall)} (${res.overall.found}/${res.overall.secrets});  without password hashes and binary files ${pct(res.excludingHashesAndBinaries.recall)} (${res.excludingHashesAndBinaries.found}/${res.excludingHashesAndBinaries.secrets})`);
  console.log('');
  const table = (title, rows) => {
    console.log(`${title.padEnd(44)}${'found'.padStart(7)}${'recall'.padStart(9)}`);
    for (const r of rows) console.log(`${r.name.padEnd(44)}${`${r.found}/${r.secrets}`.padStart(7)}${pct(r.recall).padStart(9)}`);
    console.log('');
  };
  table('tool', res.perTool);
  table('class', res.perClass);
  console.log(`misses (${res.misses.length}):`);
  for (const m of res.misses) console.log(`  ${m.tool.padEnd(30)} ${`${m.file}:${m.line}`.padEnd(52)} ${m.kind.padEnd(32)} ${m.preview}`);
  console.log('');
  console.log(`findings matching no manifest secret (${res.unmatchedFindings.length}; possible false alarms):`);
  for (const f of res.unmatchedFindings) console.log(`  ${`${f.path}:${f.line}`.padEnd(56)} ${f.ruleId.padEnd(30)} ${f.preview}`);
  if (res.unavailable.length) {
    console.log('');
    console.log(`unavailable tools (${res.unavailable.length}):`);
    for (const u of res.unavailable) console.log(`  ${u.tool}: ${u.reason}`);
  }
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const manifestPath = path.join(options.dir, 'manifest.json');
  if (!fs.existsSync(manifestPath)) {
    console.error(`eval-tool-creds: no ${manifestPath}; run node bench/realworld/tool-creds.js first`);
    process.exit(2);
  }
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  const scanned = scan(path.join(options.dir, 'files'), options.extra);
  const res = evaluate(manifest, scanned.report.findings ?? []);
  if (options.json) console.log(JSON.stringify({ command: scanned.command, generatedAt: manifest.generatedAt, ...res }, null, 2));
  else printText(res, scanned);
}

main();
