// Timing and sizing primitives for the bench: repo blob stats, the cat-file floor, and a timed leaksweep run with peak RSS.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { run } from './exec.js';

const BENCH_DIR = path.dirname(new URL(import.meta.url).pathname);
export const ROOT = path.dirname(BENCH_DIR);
export const CLI = path.join(ROOT, 'bin', 'leaksweep.js');
export const RSS_WRAPPER = path.join(BENCH_DIR, 'rss.js');

/** GNU time's `-f %M` gives the child's peak RSS; some images lack it, then rss.js measures from inside. */
export const HAS_GNU_TIME = (() => {
  if (!fs.existsSync('/usr/bin/time')) return false;
  const r = spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' });
  return r.status === 0 && /^\d+\s*$/.test(r.stderr.trim().split('\n').pop());
})();

/** Unique reachable blobs: count and bytes, plus commit count. Without --no-object-names, cat-file would take "<sha> <path>" as the object name and report it missing. */
export async function repoStats(repo) {
  const list = spawn('git', ['-C', repo, 'rev-list', '--objects', '--all', '--no-object-names'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const check = spawn('git', ['-C', repo, 'cat-file', '--batch-check=%(objecttype) %(objectsize)'], { stdio: ['pipe', 'pipe', 'inherit'] });
  list.stdout.pipe(check.stdin);
  let blobs = 0;
  let bytes = 0;
  let rest = '';
  for await (const chunk of check.stdout) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop();
    for (const l of lines) {
      if (l.startsWith('blob ')) {
        blobs++;
        bytes += Number(l.slice(5));
      }
    }
  }
  const commits = Number((await run('git', ['-C', repo, 'rev-list', '--all', '--count'])).stdout.trim());
  const refs = (await run('git', ['-C', repo, 'for-each-ref', '--format=%(refname)'])).stdout.trim().split('\n').length;
  return { blobs, blobBytes: bytes, commits, refs };
}

// Children run in their own process group (so a timeout can end the CLI and its git children together);
// end those groups too if the bench itself is interrupted.
export const liveGroups = new Set();
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    for (const pid of liveGroups) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {}
    }
    process.exit(130);
  });
}

function timeChild(cmd, args, { stdout = 'ignore', timeoutMs = 0, env } = {}) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', stdout, 'pipe'], env: env ? { ...process.env, ...env } : process.env, detached: true });
    liveGroups.add(child.pid);
    const err = [];
    child.stderr.on('data', (d) => err.push(d));
    let timedOut = false;
    const timer = timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          try {
            process.kill(-child.pid, 'SIGKILL'); // its own process group: the CLI and the git children it spawned
          } catch {}
        }, timeoutMs)
      : null;
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      liveGroups.delete(child.pid);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      resolve({ code, signal, seconds, timedOut, stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** A one-commit, one-file repo: scanning it shows leaksweep's fixed cost (start-up, rule compile, workers). */
export async function ensureTinyRepo(cacheDir) {
  const repo = path.join(cacheDir, 'tiny');
  if (fs.existsSync(path.join(repo, '.git', 'refs', 'heads', 'main'))) return repo;
  fs.rmSync(repo, { recursive: true, force: true });
  await run('git', ['init', '-q', '-b', 'main', repo]);
  fs.writeFileSync(path.join(repo, 'README.md'), '# tiny\n');
  const date = '@1577836800 +0000';
  const env = { GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.invalid', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.invalid', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  await run('git', ['-C', repo, 'add', 'README.md'], { env });
  await run('git', ['-C', repo, 'commit', '-q', '-m', 'tiny'], { env });
  return repo;
}

/** Reads "<peak RSS KiB> <user s> <sys s>" (GNU time's `%M %U %S`, or what rss.js writes); its last line, as time may note an exit status first. */
function readUsage(file) {
  try {
    const [kib, user, sys] = fs.readFileSync(file, 'utf8').trim().split('\n').pop().trim().split(/\s+/).map(Number);
    return { peakRssMB: kib > 0 ? kib / 1024 : null, cpuSeconds: Number.isFinite(user + sys) ? +(user + sys).toFixed(2) : null };
  } catch {
    return { peakRssMB: null, cpuSeconds: null };
  }
}

/**
 * Runs a command timed, with its peak RSS and CPU seconds (user + sys, its waited-for children included) when
 * GNU time is there. Without it, `fallback` (if given) is a { cmd, args, env } that writes the same figures itself.
 */
export async function measured(cmd, args, { stdout, timeoutMs, fallback } = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leaksweep-bench-usage-'));
  const usageFile = path.join(tmp, 'usage');
  try {
    let r;
    if (HAS_GNU_TIME) r = await timeChild('/usr/bin/time', ['-o', usageFile, '-f', '%M %U %S', cmd, ...args], { stdout, timeoutMs });
    else if (fallback) r = await timeChild(fallback.cmd, fallback.args, { stdout, timeoutMs, env: { ...fallback.env, BENCH_RSS_FILE: usageFile } });
    else r = await timeChild(cmd, args, { stdout, timeoutMs });
    return { ...r, ...readUsage(usageFile) };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** One pass of `git cat-file --batch-all-objects --batch > /dev/null`: the cost of reading every object once. */
export async function floorOnce(repo) {
  const devnull = fs.openSync('/dev/null', 'w');
  try {
    const r = await measured('git', ['-C', repo, 'cat-file', '--batch-all-objects', '--batch'], { stdout: devnull });
    if (r.code !== 0) throw new Error(`cat-file failed: ${r.stderr}`);
    return { seconds: r.seconds, cpuSeconds: r.cpuSeconds };
  } finally {
    fs.closeSync(devnull);
  }
}

/**
 * One leaksweep scan. Exit 0 (clean) and 1 (findings) are success; anything else is recorded as a failure.
 * Returns { ok, code, seconds, cpuSeconds, peakRssMB, report, stderrTail }.
 */
export async function leaksweepOnce(repo, { engine, extraArgs = [], timeoutMs = 0 }) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leaksweep-bench-'));
  const output = path.join(tmp, 'report.json');
  const cliArgs = ['scan', repo, '--engine', engine, '--format', 'json', '--output', output, '--quiet', ...extraArgs];
  const r = await measured(process.execPath, [CLI, ...cliArgs], {
    timeoutMs,
    fallback: { cmd: process.execPath, args: [RSS_WRAPPER, ...cliArgs] },
  });
  let report = null;
  let reportError = null;
  try {
    report = JSON.parse(fs.readFileSync(output, 'utf8'));
  } catch (e) {
    reportError = e.message;
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  const ok = !r.timedOut && (r.code === 0 || r.code === 1) && report !== null;
  return {
    ok,
    code: r.code,
    signal: r.signal,
    timedOut: r.timedOut,
    seconds: r.seconds,
    cpuSeconds: r.cpuSeconds,
    peakRssMB: r.peakRssMB,
    report,
    reportError,
    stderrTail: r.stderr.trim().split('\n').slice(-8).join('\n'),
  };
}

/** What every bench report starts with: when, on what machine, at which commit (and whether src/ differs from it). */
export async function benchContext() {
  const head = await run('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { allowFail: true });
  const dirty = await run('git', ['-C', ROOT, 'status', '--porcelain', '--', 'src', 'patterns', 'bin'], { allowFail: true });
  return {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim(),
      memGB: +(os.totalmem() / 2 ** 30).toFixed(1),
      node: process.version,
      git: (await run('git', ['--version'])).stdout.trim(),
      loadAvgAtStart: os.loadavg().map((x) => +x.toFixed(2)),
      rssMeasuredWith: HAS_GNU_TIME ? '/usr/bin/time -f %M' : 'bench/rss.js (process.resourceUsage().maxRSS)',
    },
    leaksweep: { commit: head.stdout.trim(), dirty: dirty.stdout.trim() !== '' },
  };
}
