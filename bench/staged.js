// Pre-commit timing: `leaksweep scan --staged` on a 10-file change in a 10,000-commit repository (goal < 0.3 s wall).
// Usage: node bench/staged.js [--runs N]. Prints best and median wall time and the ratio against a floor measured in
// the same run: starting node plus `git diff --cached --raw`, the least any node-based hook must spend.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { git, run } from './exec.js';
import { ROOT } from './measure.js';

const COMMITS = 10_000;
const FILES = 400;
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 7;
const repo = path.join(ROOT, 'bench', '.cache', 'staged-10k');
const BIN = path.join(ROOT, 'bin', 'leaksweep.js');

/** fast-import stream: each commit rewrites one of FILES source-like files; fixed dates keep ids stable. */
function history() {
  const parts = [];
  for (let i = 0; i < COMMITS; i += 1) {
    const file = `src/module-${i % FILES}.js`;
    const body = `// module ${i % FILES}, revision ${i}\n${Array.from({ length: 40 }, (_, l) => `export const value${l} = ${(i * 31 + l) % 9973}; // line ${l}`).join('\n')}\n`;
    const message = `change ${i}`;
    parts.push(
      `commit refs/heads/main\ncommitter Bench <bench@example.com> ${1_600_000_000 + i * 60} +0000\n` +
        `data ${Buffer.byteLength(message)}\n${message}\n` +
        `M 100644 inline ${file}\ndata ${Buffer.byteLength(body)}\n${body}\n`,
    );
  }
  return parts.join('');
}

async function build() {
  if (existsSync(path.join(repo, '.git', 'bench-complete'))) return;
  mkdirSync(repo, { recursive: true });
  await git(repo, ['init', '-q', '-b', 'main']);
  await run('git', ['fast-import', '--quiet'], { cwd: repo, input: history() });
  await git(repo, ['checkout', '-q', '-f', 'main']);
  await git(repo, ['gc', '-q']);
  writeFileSync(path.join(repo, '.git', 'bench-complete'), '');
}

async function stageChange() {
  await git(repo, ['reset', '-q', '--hard']);
  for (let i = 0; i < 10; i += 1) {
    const file = path.join(repo, `src/module-${i}.js`);
    writeFileSync(file, `export const added${i} = 'x';\n`, { flag: 'a' });
  }
  writeFileSync(path.join(repo, 'src/module-3.js'), `const password = "Zq8-bench-${Date.now() % 1000}-pw";\n`, { flag: 'a' });
  await git(repo, ['add', '-A']);
}

async function time(cmd, args) {
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    const result = await run(cmd, args, { cwd: repo, allowFail: true });
    samples.push(performance.now() - started);
    if (result.code !== 0 && result.code !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  }
  samples.sort((a, b) => a - b);
  return { best: samples[0], median: samples[Math.floor(samples.length / 2)] };
}

await build();
await stageChange();
const floorNode = await time(process.execPath, ['-e', '0']);
const floorGit = await time('git', ['diff', '--cached', '--raw']);
const scan = await time(process.execPath, [BIN, 'scan', '--staged', '.', '--quiet', '--format', 'json']);
const floor = floorNode.best + floorGit.best;
const fmt = (ms) => `${(ms / 1000).toFixed(3)} s`;
console.log(`repository: ${COMMITS} commits, 10 staged files (one adds a password)`);
console.log(`floor (node start + git diff --cached): ${fmt(floor)}`);
console.log(`leaksweep scan --staged: best ${fmt(scan.best)}, median ${fmt(scan.median)} over ${runs} runs; goal < 0.300 s`);
console.log(`ratio to floor: ${(scan.best / floor).toFixed(2)}`);
await git(repo, ['reset', '-q', '--hard']);
