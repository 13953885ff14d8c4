// `npm run eval`: scans test/corpus/files with the built CLI and prints precision, recall and F1 against expected.json.
// Options: --json (the scores as JSON, secrets replaced by previews)  --report FILE (score an existing JSON report
// made with --show-secrets instead of scanning). Exit code 0 whatever the scores; the scan's own code if it fails.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preview, score } from './match.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const FILES = join(HERE, 'files');

function parseArgs(argv) {
  const options = { json: false, report: null };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--json') options.json = true;
    else if (argv[i] === '--report') options.report = argv[++i];
    else {
      console.error(`eval: unknown option ${argv[i]} (known: --json, --report FILE)`);
      process.exit(2);
    }
  }
  return options;
}

/** Runs the real CLI; the report (which holds the corpus's invented secrets) stays in memory. */
function scanCorpus() {
  const args = ['bin/leaksweep.js', 'scan', '--no-git', relative(ROOT, FILES), '--format', 'json', '--show-secrets', '--quiet', '--ignore-baseline'];
  const started = Date.now();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (run.error) throw run.error;
  if (run.status !== 0 && run.status !== 1) {
    process.stderr.write(run.stderr);
    console.error(`eval: the scan failed (exit code ${run.status ?? run.signal}): node ${args.join(' ')}`);
    process.exit(run.status ?? 3);
  }
  return { report: JSON.parse(run.stdout), seconds: (Date.now() - started) / 1000, command: `node ${args.join(' ')}` };
}

const fmt = (x) => (x === null ? '  —  ' : x.toFixed(3));
const pad = (s, n) => String(s).padEnd(n);
const padl = (s, n) => String(s).padStart(n);

function printText(result, labels, nearMisses, scan) {
  const { overall: o, perFamily, misses, falseAlarms } = result;
  const files = new Set([...labels.map((l) => l.path), ...nearMisses.map((n) => n.path)]).size;
  const s = scan.report.summary ?? {};
  console.log(`leaksweep corpus eval — ${o.labels} labelled secrets (+${labels.length - o.labels} optional), ${nearMisses.length} near-miss lines, ${files} labelled files`);
  if (scan.command) console.log(`scan: ${scan.command}`);
  console.log(`      ${s.blobsScanned ?? '?'} files scanned, ${s.rules ?? '?'} rules, ${o.findings} findings, ${scan.seconds?.toFixed(1) ?? '?'} s${s.incomplete ? ', INCOMPLETE' : ''}`);
  const skipped = s.blobsSkipped ? Object.entries(s.blobsSkipped).filter(([, n]) => n > 0) : [];
  if (skipped.length) console.log(`      skipped: ${skipped.map(([k, n]) => `${n} ${k}`).join(', ')} (a corpus file that is skipped is never measured)`);
  console.log('');
  console.log(`overall   precision ${fmt(o.precision)}   recall ${fmt(o.recall)}   F1 ${fmt(o.f1)}`);
  console.log(`          ${o.found}/${o.labels} secrets found; ${o.truePositives} true-positive findings, ${o.falseAlarms} false alarms, ${o.neutral} on optional labels`);
  console.log('');
  console.log(`${pad('family', 17)}${padl('labels', 6)}${padl('found', 6)}${padl('recall', 8)}${padl('TP', 5)}${padl('FP', 5)}${padl('precision', 10)}${padl('F1', 7)}`);
  for (const f of perFamily) {
    console.log(`${pad(f.family, 17)}${padl(f.labels, 6)}${padl(f.found, 6)}${padl(fmt(f.recall), 8)}${padl(f.truePositives, 5)}${padl(f.falseAlarms, 5)}${padl(fmt(f.precision), 10)}${padl(fmt(f.f1), 7)}`);
  }
  console.log('(precision per family: findings matching that family\'s labels, against false alarms of rules charged to it by rule id)');

  const byRule = {};
  for (const fa of falseAlarms) byRule[fa.ruleId] = (byRule[fa.ruleId] ?? 0) + 1;
  const byWhere = {};
  for (const fa of falseAlarms) byWhere[fa.where] = (byWhere[fa.where] ?? 0) + 1;
  console.log('');
  console.log(`false alarms by rule: ${Object.entries(byRule).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`);
  console.log(`false alarms by kind: ${Object.entries(byWhere).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`);

  console.log('');
  console.log(`misses (${misses.length}):`);
  for (const m of misses) console.log(`  ${m.path}:${m.line}${m.endLine ? `-${m.endLine}` : ''}  ${m.family}  ${preview(m.secret)}`);
  console.log('');
  console.log(`false alarms (${falseAlarms.length}):`);
  for (const fa of falseAlarms) console.log(`  ${fa.path}:${fa.line}  ${fa.ruleId}  [${fa.where}]  ${preview(fa.secret)}`);
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const expected = JSON.parse(readFileSync(join(HERE, 'expected.json'), 'utf8'));
  const scan = options.report ? { report: JSON.parse(readFileSync(options.report, 'utf8')), seconds: null, command: null } : scanCorpus();
  const findings = scan.report.findings ?? [];
  if (findings.length > 0 && findings.every((f) => typeof f.secret !== 'string')) {
    console.error('eval: the report has no secrets (it was made without --show-secrets), so findings cannot be matched');
    process.exit(2);
  }
  const result = score(findings, expected.secrets, expected.nearMisses);
  if (options.json) {
    const safe = {
      ...result,
      misses: result.misses.map(({ path, line, endLine, family, secret }) => ({ path, line, endLine, family, preview: preview(secret) })),
      falseAlarms: result.falseAlarms.map(({ secret, ...rest }) => ({ ...rest, preview: preview(secret) })),
    };
    console.log(JSON.stringify(safe, null, 2));
  } else {
    printText(result, expected.secrets, expected.nearMisses, scan);
  }
}

main();
