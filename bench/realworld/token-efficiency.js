// Measures whether BPE token efficiency (chars per token) separates real secrets from words and identifiers better than Shannon entropy.
//
//   node bench/realworld/token-efficiency.js [--json]      (npm run build first; needs fetch-npm.js's cache and tool-creds.js's output)
//   LEAKSWEEP_CLI=/path/to/bin/leaksweep.js scans with another build.
//
// Positives: single-line secrets of the tool-written credential files (manifest.json), of the team corpus
// (test/corpus/expected.json) and the npm findings labelled `real`. Negatives: npm findings labelled `false-alarm`
// and the team corpus's near-miss lines as reported by a `--confidence low` scan. `test` values are left out: they are
// written to look like credentials, so neither side of the line we want to draw.
// Every scan report stays in memory; only features and counts come out, never a value (not even a preview).
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encode as encodeCl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { encode as encodeO200k } from 'gpt-tokenizer/encoding/o200k_base';
import { cacheRoot } from './fetch-npm.js';
import { findingMatchesLabel } from '../../test/corpus/match.js';
import { defaultOutDir } from './tool-creds/lib.js';
import { RECALL_KEPT, auc, bestAndRule, crossValidatedScores, evaluateScores, fitLogistic } from './separation-stats.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const cli = process.env.LEAKSWEEP_CLI || join(repo, 'bin', 'leaksweep.js');
// The scanner's own entropy (bits per character over code points), so "entropy" here is what the rules compute.
const { shannonEntropy } = await import(join(dirname(dirname(cli)), 'dist', 'detect', 'entropy.js'));

const PASSWORD_RULES = new Set(['generic.password', 'generic.secret']);
const ENTROPY_RULES = new Set(['generic.high-entropy-base64', 'generic.high-entropy-hex']);

const sha16 = (s) => createHash('sha256').update(s).digest('hex').slice(0, 16);
const keyOf = (e) => [e.package, e.path, e.ruleId, e.line, e.secretHash].join('\u0000');

const execFileP = promisify(execFile);

/** Runs the CLI and parses its JSON report; exit 1 only means "findings", anything else is a failed scan. */
async function run(args) {
  try {
    const { stdout } = await execFileP(process.execPath, [cli, ...args], { cwd: dirname(dirname(cli)), maxBuffer: 1 << 30, encoding: 'utf8' });
    return JSON.parse(stdout);
  } catch (e) {
    if (e.code === 1 && e.stdout) return JSON.parse(e.stdout);
    // A failed scan is not a measurement: stderr never holds secrets, so it may be shown.
    process.stderr.write(e.stderr ?? '');
    throw new Error(`scan failed (${e.code ?? e.signal}): ${args.filter((a) => a !== '--show-secrets').join(' ')}`);
  }
}

const scanArgs = (dir) => ['scan', '--no-git', dir, '--format', 'json', '--show-secrets', '--quiet', '--ignore-baseline', '--confidence', 'low'];

// Special-token text such as `<|endoftext|>` must count as plain text, not throw: the values are arbitrary.
const plain = { disallowedSpecial: new Set() };

/** The features of one value; the value itself is dropped by the caller right after. */
function features(value) {
  const chars = [...value].length;
  const cl = encodeCl100k(value, plain).length;
  const o2 = encodeO200k(value, plain).length;
  return { length: chars, entropy: shannonEntropy(value), cl100kCharsPerToken: chars / cl, o200kCharsPerToken: chars / o2, totalBits: shannonEntropy(value) * chars };
}

const FEATURES = ['entropy', 'cl100kCharsPerToken', 'o200kCharsPerToken', 'length', 'totalBits'];

async function collect() {
  const npmDir = join(cacheRoot(), 'npm');
  const toolDir = defaultOutDir();
  const teamDir = join(repo, 'test', 'corpus', 'files');
  for (const [d, how] of [[npmDir, 'node bench/realworld/fetch-npm.js'], [join(toolDir, 'files'), 'node bench/realworld/tool-creds.js']]) {
    if (!existsSync(d)) throw new Error(`missing ${d}: run ${how} first`);
  }
  // The three scans are independent; running them together saves a minute.
  const [npmReport, toolReport, teamReport] = await Promise.all([run(scanArgs(npmDir)), run(scanArgs(join(toolDir, 'files'))), run(scanArgs(teamDir))]);

  const items = [];
  const seenPositive = new Set();
  // Positives are counted once per distinct value: a key repeated across a package's builds is one secret.
  const addPositive = (source, value, rules) => {
    if (value.includes('\n') || value.length === 0 || seenPositive.has(value)) return;
    seenPositive.add(value);
    items.push({ source, positive: true, rules: [...rules], ...features(value) });
  };

  const manifest = JSON.parse(readFileSync(join(toolDir, 'manifest.json'), 'utf8'));
  const toolFindings = toolReport.findings ?? [];
  for (const entry of manifest.files.filter((e) => !e.unavailable)) {
    for (const s of entry.secrets) {
      // Binary keystores are not text; multi-line key blocks are found by their armour whatever their entropy.
      if (s.binary) continue;
      const label = { ...s, path: entry.file };
      const rules = new Set(toolFindings.filter((f) => findingMatchesLabel(f, label)).map((f) => f.ruleId));
      addPositive('tool-creds', s.secret, rules);
    }
  }

  const expected = JSON.parse(readFileSync(join(repo, 'test', 'corpus', 'expected.json'), 'utf8'));
  const teamFindings = teamReport.findings ?? [];
  for (const s of expected.secrets) {
    const rules = new Set(teamFindings.filter((f) => findingMatchesLabel(f, s)).map((f) => f.ruleId));
    addPositive('team-corpus', s.secret, rules);
  }
  // Near-miss lines: what a low-confidence scan reports there (and matches no secret label) is a value we want dropped.
  const nearAt = new Set(expected.nearMisses.map((n) => `${n.path}:${n.line}`));
  let nearMissFindings = 0;
  for (const f of teamFindings) {
    if (!nearAt.has(`${f.path}:${f.line}`) || typeof f.secret !== 'string' || f.secret.includes('\n')) continue;
    if (expected.secrets.some((s) => findingMatchesLabel(f, s))) continue;
    nearMissFindings++;
    items.push({ source: 'team-near-miss', positive: false, rules: [f.ruleId], distinct: sha16(f.secret), ...features(f.secret) });
  }

  const labels = JSON.parse(readFileSync(join(here, 'npm-labels.json'), 'utf8')).labels;
  const labelMap = new Map(labels.map((l) => [keyOf(l), l]));
  const npmCounts = { findings: 0, unlabelled: 0, real: 0, test: 0, 'false-alarm': 0, multiLine: 0 };
  for (const f of npmReport.findings ?? []) {
    npmCounts.findings++;
    const norm = f.path.replace(/\\/g, '/');
    const slash = norm.indexOf('/');
    const secret = f.secret ?? '';
    const key = { package: norm.slice(0, slash).replace('__', '/'), path: norm.slice(slash + 1), ruleId: f.ruleId, line: f.line, secretHash: sha16(secret) };
    const label = labelMap.get(keyOf(key))?.label;
    if (!label) {
      npmCounts.unlabelled++;
      continue;
    }
    npmCounts[label]++;
    if (label === 'test') continue;
    if (secret.includes('\n')) {
      npmCounts.multiLine++;
      continue;
    }
    if (label === 'real') addPositive('npm-real', secret, [f.ruleId]);
    // Negatives are kept per finding (not per value), so "false alarms removed" counts what a user would stop seeing.
    else items.push({ source: 'npm-false-alarm', positive: false, rules: [f.ruleId], distinct: key.secretHash, ...features(secret) });
  }
  return { items, npmCounts, nearMissFindings };
}

function analyse(items, name) {
  const pos = items.filter((r) => r.positive);
  const neg = items.filter((r) => !r.positive);
  const npmMask = neg.map((r) => r.source === 'npm-false-alarm');
  // Distinct negatives too: 529 `STRING_VALUE`s and 437 baseline SHA-1s would otherwise dominate every figure.
  const seen = new Set();
  const negDistinct = neg.filter((r) => (seen.has(r.distinct) ? false : seen.add(r.distinct)));
  const out = { name, positives: pos.length, negatives: neg.length, npmFalseAlarms: npmMask.filter(Boolean).length, distinctNegatives: negDistinct.length, features: {} };
  if (pos.length < 2 || neg.length < 2) return out;
  for (const f of FEATURES) {
    out.features[f] = { ...evaluateScores(pos.map((r) => r[f]), neg.map((r) => r[f]), npmMask), aucDistinct: Math.max(auc(pos.map((r) => r[f]), negDistinct.map((r) => r[f])), 1 - auc(pos.map((r) => r[f]), negDistinct.map((r) => r[f]))) };
  }
  const all = [...pos, ...neg];
  const y = all.map((r) => r.positive);
  const combos = {
    'logit(entropy, cl100k c/t)': (r) => [r.entropy, r.cl100kCharsPerToken],
    'logit(entropy, cl100k c/t, log length)': (r) => [r.entropy, r.cl100kCharsPerToken, Math.log(r.length)],
    'logit(entropy, log length)': (r) => [r.entropy, Math.log(r.length)],
  };
  for (const [label, cols] of Object.entries(combos)) {
    const X = all.map(cols);
    const model = fitLogistic(X, y);
    const s = X.map(model);
    const cv = crossValidatedScores(X, y);
    const res = evaluateScores(s.slice(0, pos.length), s.slice(pos.length), npmMask);
    out.features[label] = { ...res, aucCrossValidated: auc(cv.filter((_, i) => y[i]), cv.filter((_, i) => !y[i])) };
  }
  // Which rules' false alarms each 99%-recall threshold removes: a filter is only worth adding to the rules it helps.
  out.removedByRule = {};
  for (const f of ['entropy', 'cl100kCharsPerToken']) {
    const r = out.features[f];
    const flag = (v) => (r.direction === 'flag if ≥' ? v >= r.at99.threshold : v <= r.at99.threshold);
    const m = {};
    for (const x of neg.filter((x) => x.source === 'npm-false-alarm')) {
      const k = x.rules[0];
      m[k] ??= { falseAlarms: 0, removed: 0 };
      m[k].falseAlarms++;
      if (!flag(x[f])) m[k].removed++;
    }
    out.removedByRule[f] = m;
  }
  out.andRules = { cl100k: bestAndRule(pos, neg, npmMask, 'cl100kCharsPerToken'), o200k: bestAndRule(pos, neg, npmMask, 'o200kCharsPerToken') };
  return out;
}

function printMarkdown(res) {
  const { npmCounts: c } = res;
  console.log(`npm scan (--confidence low): ${c.findings} findings, labelled real ${c.real} / test ${c.test} / false-alarm ${c['false-alarm']}, unlabelled ${c.unlabelled} (not used), multi-line ${c.multiLine} (not used)`);
  console.log(`team corpus near-miss findings: ${res.nearMissFindings}`);
  console.log(`positives by source: ${JSON.stringify(res.positivesBySource)}`);
  const fmt = (v, d = 2) => (v === undefined || v === null ? '—' : Number.isFinite(v) ? v.toFixed(d) : String(v));
  for (const g of res.groups) {
    console.log(`\n### ${g.name}: ${g.positives} positives, ${g.negatives} negatives (${g.npmFalseAlarms} npm false alarms, ${g.distinctNegatives} distinct values)\n`);
    if (!Object.keys(g.features).length) {
      console.log('(too few values)');
      continue;
    }
    console.log('| feature | AUC | AUC distinct neg. | best-F1 rule | precision | recall | rule keeping ≥99% positives | recall | negatives removed | npm FAs removed |');
    console.log('|---|---:|---:|---|---:|---:|---|---:|---:|---:|');
    for (const [f, r] of Object.entries(g.features)) {
      const aucCell = r.aucCrossValidated !== undefined ? `${fmt(r.auc, 3)} (cv ${fmt(r.aucCrossValidated, 3)})` : fmt(r.auc, 3);
      console.log(`| ${f} | ${aucCell} | ${fmt(r.aucDistinct, 3)} | ${r.direction} ${fmt(r.bestF1.threshold)} | ${fmt(r.bestF1.precision)} | ${fmt(r.bestF1.recall)} | ${r.direction} ${fmt(r.at99.threshold)} | ${fmt(r.at99.recall, 3)} | ${r.at99.removed}/${g.negatives} | ${r.at99.removedNpm}/${g.npmFalseAlarms} |`);
    }
    for (const [tok, r] of Object.entries(g.andRules)) {
      if (!r) continue;
      const b = r[`${tok}CharsPerTokenMax`];
      console.log(`| entropy ≥ ${fmt(r.entropyMin)} AND ${tok} c/t ≤ ${fmt(b)} | | | | | | (grid best) | ${fmt(r.recall, 3)} | ${r.removed}/${g.negatives} | ${r.removedNpm}/${g.npmFalseAlarms} |`);
    }
    for (const [f, m] of Object.entries(g.removedByRule ?? {})) {
      console.log(`\nnpm false alarms removed by the ≥99% ${f} rule, per rule: ${Object.entries(m).sort((a, b) => b[1].falseAlarms - a[1].falseAlarms).map(([k, v]) => `${k} ${v.removed}/${v.falseAlarms}`).join(', ')}`);
    }
  }
}

async function main() {
  const asJson = process.argv.includes('--json');
  const { items, npmCounts, nearMissFindings } = await collect();
  const positivesBySource = {};
  for (const r of items.filter((i) => i.positive)) positivesBySource[r.source] = (positivesBySource[r.source] ?? 0) + 1;
  // Subgroups by the rule family that reports the value: a filter would be applied to that family's findings, so its
  // positives are the secrets that family finds (in the tool-written files, the team corpus and the npm real ones).
  const groups = [
    analyse(items, 'all'),
    analyse(items.filter((r) => r.rules.some((x) => PASSWORD_RULES.has(x))), '(i) generic.password / generic.secret'),
    analyse(items.filter((r) => r.rules.some((x) => ENTROPY_RULES.has(x))), '(ii) generic.high-entropy-base64 / -hex'),
  ];
  const out = { tokenizer: 'gpt-tokenizer 4.0.0 (cl100k_base, o200k_base)', recallKept: RECALL_KEPT, npmCounts, nearMissFindings, positivesBySource, groups };
  if (asJson) console.log(JSON.stringify(out, null, 2));
  else printMarkdown(out);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await main();
  } catch (e) {
    console.error(`token-efficiency: ${e.message}`);
    process.exit(2);
  }
}
