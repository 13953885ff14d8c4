// One measured scan for bench/scale.js: peak RSS of leaksweep and of its git children, sampled from /proc, and
// the cat-file floor read in pack order.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { liveGroups, HAS_GNU_TIME, ROOT } from './measure.js';
import { run } from './exec.js';

const RSS_WRAPPER = path.join(ROOT, 'bench', 'rss.js');

/**
 * Samples the process tree under `rootPid` from /proc every `ms`: the peak of each process (VmHWM, so a peak
 * between samples is still seen while the process lives) and the largest sum of current RSS over the tree.
 * Git's RSS includes the pack pages it maps (shared with the page cache), hence RssAnon beside it.
 */
export function treeSampler(rootPid, ms) {
  const procs = new Map();
  let peakTreeKiB = 0;
  const field = (status, name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  const tick = () => {
    const children = new Map();
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'latin1');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (!children.has(ppid)) children.set(ppid, []);
        children.get(ppid).push(Number(entry));
      } catch {}
    }
    let sum = 0;
    const todo = [...(children.get(rootPid) ?? [])];
    while (todo.length) {
      const pid = todo.pop();
      todo.push(...(children.get(pid) ?? []));
      try {
        const status = fs.readFileSync(`/proc/${pid}/status`, 'latin1');
        const name = /^Name:\s+(\S+)/m.exec(status)?.[1] ?? '?';
        const p = procs.get(pid) ?? { name, hwmKiB: 0, anonKiB: 0 };
        p.hwmKiB = Math.max(p.hwmKiB, field(status, 'VmHWM'));
        p.anonKiB = Math.max(p.anonKiB, field(status, 'RssAnon'));
        procs.set(pid, p);
        sum += field(status, 'VmRSS');
      } catch {}
    }
    peakTreeKiB = Math.max(peakTreeKiB, sum);
  };
  const timer = setInterval(tick, ms);
  return () => {
    clearInterval(timer);
    const git = [...procs.values()].filter((p) => p.name === 'git');
    const node = [...procs.values()].filter((p) => p.name === 'node');
    const MiB = (kib) => +(kib / 1024).toFixed(1);
    return {
      samplesEveryMs: ms,
      gitProcesses: git.length,
      gitPeakMB: git.length ? MiB(Math.max(...git.map((p) => p.hwmKiB))) : null,
      gitPeakAnonMB: git.length ? MiB(Math.max(...git.map((p) => p.anonKiB))) : null,
      nodeSampledPeakMB: node.length ? MiB(Math.max(...node.map((p) => p.hwmKiB))) : null,
      treePeakMB: MiB(peakTreeKiB),
    };
  };
}


/**
 * One `leaksweep scan --engine git` through bench/rss.js, under GNU time when there is one. rss.js gives the
 * node process's own peak (worker threads included, git children not); GNU time's %M is the largest of the
 * process and every child it reaped, and %U + %S their CPU.
 */
export async function scanOnce(repo, extraArgs, opt) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leaksweep-scale-'));
  const output = path.join(tmp, 'report.json');
  const rssFile = path.join(tmp, 'rss');
  const usageFile = path.join(tmp, 'usage');
  const cliArgs = ['scan', repo, '--engine', 'git', '--format', 'json', '--output', output, '--quiet', ...(opt.jobs ? ['--jobs', opt.jobs] : []), ...extraArgs];
  const argv = [process.execPath, RSS_WRAPPER, ...cliArgs];
  if (HAS_GNU_TIME) argv.unshift('/usr/bin/time', '-o', usageFile, '-f', '%M %U %S');
  const start = process.hrtime.bigint();
  const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, BENCH_RSS_FILE: rssFile }, detached: true });
  liveGroups.add(child.pid);
  const stopSampler = treeSampler(child.pid, opt.sampleMs);
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  }, opt.timeout * 1000);
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c));
  });
  clearTimeout(timer);
  liveGroups.delete(child.pid);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const sampled = stopSampler();
  const lastLine = (f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8').trim().split('\n').pop().trim().split(/\s+/).map(Number) : []);
  const [nodeKiB, nodeUser, nodeSys] = lastLine(rssFile);
  const [timeKiB, user, sys] = lastLine(usageFile);
  let report = null;
  try {
    report = JSON.parse(fs.readFileSync(output, 'utf8'));
  } catch {}
  fs.rmSync(tmp, { recursive: true, force: true });
  return {
    ok: !timedOut && (code === 0 || code === 1) && report !== null,
    code,
    timedOut,
    seconds,
    cpuSeconds: Number.isFinite(user + sys) ? +(user + sys).toFixed(2) : Number.isFinite(nodeUser + nodeSys) ? +(nodeUser + nodeSys).toFixed(2) : null,
    peakRssMB: nodeKiB ? +(nodeKiB / 1024).toFixed(1) : null,
    peakRssWithChildrenMB: timeKiB ? +(timeKiB / 1024).toFixed(1) : null,
    ...sampled,
    report,
    stderrTail: stderr.trim().split('\n').slice(-8).join('\n'),
  };
}

/**
 * The same read in pack order (`--unordered`). bench/run.js's floor asks in object-id order, which on a deeply
 * deltified pack re-resolves delta chains that fall out of git's delta-base cache (1 GB history: 4.5 s vs 0.7 s).
 */
export async function packOrderFloorOnce(repo) {
  const devnull = fs.openSync('/dev/null', 'w');
  try {
    const start = process.hrtime.bigint();
    await run('git', ['-C', repo, 'cat-file', '--batch-all-objects', '--batch', '--unordered'], { stdio: ['ignore', devnull, 'pipe'] });
    return { seconds: Number(process.hrtime.bigint() - start) / 1e9 };
  } finally {
    fs.closeSync(devnull);
  }
}
