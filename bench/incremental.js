// `node bench/incremental.js`: what a second nightly scan costs with --state, against the first, on the bench corpora.
// Per repo (a --shared clone, so the cached corpus is never changed): a scan without state, a first scan with an empty
// state dir, a second on the unchanged repo, then a third after one new commit. Prints a markdown table.
// Options: --repos realistic,synthetic  --repo NAME=PATH (any repository, repeatable)  --runs N (default 3; best of N for each step)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCorpus } from './build-corpus.js';
import { leaksweepOnce } from './measure.js';
import { run } from './exec.js';

const log = (m) => console.error(`[incremental] ${m}`);
const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const extra = argv.flatMap((arg, i) => (arg === '--repo' ? [argv[i + 1].split('=')] : []));
const repos = argv.includes('--repos') || extra.length === 0 ? option('--repos', 'realistic,synthetic').split(',') : [];
const runs = Number(option('--runs', '3'));

async function best(repo, extraArgs, before = () => {}) {
  let top = null;
  for (let i = 0; i < runs; i++) {
    before();
    const result = await leaksweepOnce(repo, { engine: 'git', extraArgs });
    if (!result.ok) throw new Error(`scan failed (exit ${result.code}): ${result.stderrTail}`);
    if (!top || result.seconds < top.seconds) top = result;
  }
  return top;
}

const fingerprints = (result) => result.report.findings.map((f) => f.fingerprint).sort().join(',');

const corpora = repos.length > 0 ? await buildCorpus({ log }) : {};
for (const [name, repo] of extra) corpora[name] = { repo: path.resolve(repo) };
const rows = [];
for (const name of [...repos, ...extra.map(([name]) => name)]) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `leaksweep-incremental-${name}-`));
  const clone = path.join(work, 'repo');
  const state = path.join(work, 'state');
  await run('git', ['clone', '-q', '--shared', '--no-checkout', corpora[name].repo, clone]);
  log(`${name}: scans without state`);
  const plain = await best(clone, []);
  log(`${name}: first scans (empty state each time)`);
  const first = await best(clone, ['--state', state], () => fs.rmSync(state, { recursive: true, force: true }));
  log(`${name}: second scans (unchanged)`);
  const second = await best(clone, ['--state', state]);
  // One new commit with one new file on top of the default branch.
  const env = { GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.invalid', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.invalid' };
  const blob = (await run('git', ['-C', clone, 'hash-object', '-w', '--stdin'], { input: `# nightly ${Date.now()}\nAWS_ACCESS_KEY_ID = "AKIAQX4MZ7RA2LB6VNEK"\n` })).stdout.trim();
  await run('git', ['-C', clone, 'update-index', '--add', '--cacheinfo', `100644,${blob},nightly.env`]);
  const tree = (await run('git', ['-C', clone, 'write-tree'])).stdout.trim();
  const parent = (await run('git', ['-C', clone, 'rev-parse', 'HEAD'])).stdout.trim();
  const commit = (await run('git', ['-C', clone, 'commit-tree', tree, '-p', parent, '-m', 'nightly'], { env })).stdout.trim();
  await run('git', ['-C', clone, 'update-ref', 'HEAD', commit]);
  log(`${name}: third scan (one new commit)`);
  const grown = await leaksweepOnce(clone, { engine: 'git', extraArgs: ['--state', state] });
  const fresh = await leaksweepOnce(clone, { engine: 'git', extraArgs: [] });
  const s = (r) => r.report.summary;
  rows.push({
    name,
    blobBytes: s(plain).bytesScanned,
    plain: plain.seconds,
    first: first.seconds,
    second: second.seconds,
    secondReuse: s(second).incremental?.reuse,
    secondBytes: s(second).bytesScanned,
    third: grown.seconds,
    thirdReuse: s(grown).incremental?.reuse,
    sameFindings: fingerprints(plain) === fingerprints(first) && fingerprints(first) === fingerprints(second),
    grownSame: fingerprints(grown) === fingerprints(fresh),
    rss: [plain, first, second].map((r) => r.peakRssMB?.toFixed(0)).join(' / '),
  });
  fs.rmSync(work, { recursive: true, force: true });
}

const f2 = (x) => x.toFixed(2);
console.log('| repo | scan, no state | first, with state | second, unchanged | second / first | bytes read again | after 1 new commit | same findings | peak RSS MB (none/first/second) |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.name} (${(r.blobBytes / 1e6).toFixed(0)} MB scanned) | ${f2(r.plain)} s | ${f2(r.first)} s | ${f2(r.second)} s (${r.secondReuse}) | **${((100 * r.second) / r.first).toFixed(1)}%** | ${(r.secondBytes / 1e6).toFixed(2)} MB | ${f2(r.third)} s (${r.thirdReuse}) | ${r.sameFindings && r.grownSame ? 'yes' : 'NO'} | ${r.rss} |`,
  );
}
