// `npm run bench`: builds/reuses the corpora, then times leaksweep against the cat-file floor on each and prints ratios.
// Options: --runs N (default 3)  --repos realistic,synthetic  --skip-isomorphic  --iso-timeout SECONDS (default 1800)  --jobs N
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCorpus, CACHE_DIR } from './build-corpus.js';
import { repoStats, floorOnce, leaksweepOnce, ensureTinyRepo, benchContext, HAS_GNU_TIME, ROOT } from './measure.js';
import { recall, findingsByRule } from './recall.js';
import { run, mb } from './exec.js';
import { compareWithRecord, describeComparison } from './findings-record.js';

function parseArgs(argv) {
  const opt = { runs: 3, repos: ['realistic', 'synthetic'], isomorphic: true, isoTimeout: 1800, jobs: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') opt.runs = Number(argv[++i]);
    else if (a === '--repos') opt.repos = argv[++i].split(',');
    else if (a === '--skip-isomorphic') opt.isomorphic = false;
    else if (a === '--iso-timeout') opt.isoTimeout = Number(argv[++i]);
    else if (a === '--jobs') opt.jobs = argv[++i];
    else throw new Error(`unknown option ${a}`);
  }
  return opt;
}

const log = (m) => console.error(`[bench] ${m}`);

function summarizeEngine(runs, stats, floor, floorCpu) {
  const good = runs.filter((r) => r.ok);
  const last = runs[runs.length - 1];
  if (good.length === 0) {
    return { ok: false, runs: runs.map(runFigures), failure: { code: last.code, signal: last.signal, timedOut: last.timedOut, reportError: last.reportError, stderr: last.stderrTail } };
  }
  const best = good.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const s = best.report.summary ?? {};
  const cpus = good.map((r) => r.cpuSeconds).filter((x) => x != null);
  const cpuSeconds = cpus.length ? Math.min(...cpus) : null;
  const fingerprints = good.map((r) => (r.report.findings ?? []).map((f) => f.fingerprint).sort().join(','));
  return {
    ok: true,
    failedRuns: runs.length - good.length,
    runs: runs.map(runFigures),
    bestSeconds: best.seconds,
    medianSeconds: median(good.map((r) => r.seconds)),
    ratio: best.seconds / floor,
    cpuSeconds,
    cpuRatio: cpuSeconds != null && floorCpu ? cpuSeconds / floorCpu : null,
    mbPerSec: stats.blobBytes / 1e6 / best.seconds,
    peakRssMB: Math.max(...good.map((r) => r.peakRssMB ?? 0)) || null,
    exitCode: best.code,
    blobsScanned: s.blobsScanned,
    bytesScanned: s.bytesScanned,
    blobsSkipped: s.blobsSkipped,
    commits: s.commits,
    findings: (best.report.findings ?? []).length,
    findingsStableAcrossRuns: new Set(fingerprints).size === 1,
    summary: s,
    byRule: findingsByRule(best.report),
    report: best.report, // dropped before writing last-run.json
  };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function runFigures(r) {
  return { seconds: +r.seconds.toFixed(3), cpuSeconds: r.cpuSeconds, code: r.code, peakRssMB: r.peakRssMB && +r.peakRssMB.toFixed(1) };
}

async function benchRepo(name, marker, opt) {
  const repo = marker.repo;
  log(`${name}: counting reachable blobs`);
  const stats = await repoStats(repo);
  log(`${name}: ${stats.commits} commits, ${stats.blobs} blobs, ${mb(stats.blobBytes)} MB`);
  const jobs = opt.jobs ? ['--jobs', opt.jobs] : [];
  const floors = [];
  const gitRuns = [];
  // Floor and scan alternate so that a noisy neighbour hurts both alike.
  for (let i = 0; i < opt.runs; i++) {
    floors.push(await floorOnce(repo));
    log(`${name}: floor run ${i + 1}: ${floors[i].seconds.toFixed(2)} s`);
    const r = await leaksweepOnce(repo, { engine: 'git', extraArgs: jobs });
    gitRuns.push(r);
    log(`${name}: leaksweep --engine git run ${i + 1}: ${r.seconds.toFixed(2)} s, exit ${r.code}${r.ok ? '' : ' FAILED'}`);
    if (!r.ok) break;
  }
  const floor = Math.min(...floors.map((f) => f.seconds));
  const floorCpus = floors.map((f) => f.cpuSeconds).filter((x) => x != null);
  const floorCpu = floorCpus.length ? Math.min(...floorCpus) : null;
  const result = { repo, stats, floorSeconds: floor, floorCpuSeconds: floorCpu, floorRuns: floors.map((f) => ({ ...f, seconds: +f.seconds.toFixed(3) })), engines: {} };
  result.engines.git = summarizeEngine(gitRuns, stats, floor, floorCpu);
  const firstGood = gitRuns.find((r) => r.ok);
  if (firstGood) {
    const check = compareWithRecord(name, firstGood.report);
    result.findingsCheck = { status: check.status, lines: describeComparison(name, check) };
  }
  if (opt.isomorphic) {
    log(`${name}: leaksweep --engine isomorphic (timeout ${opt.isoTimeout} s)`);
    const r = await leaksweepOnce(repo, { engine: 'isomorphic', extraArgs: jobs, timeoutMs: opt.isoTimeout * 1000 });
    log(`${name}: isomorphic: ${r.seconds.toFixed(2)} s, exit ${r.code}${r.timedOut ? ' (timed out)' : ''}`);
    result.engines.isomorphic = summarizeEngine([r], stats, floor, floorCpu);
  }
  if (name === 'synthetic') {
    const planted = JSON.parse(fs.readFileSync(path.join(CACHE_DIR, 'synthetic-planted.json'), 'utf8'));
    log(`${name}: leaksweep --engine git --show-secrets (recall by secret)`);
    const r = await leaksweepOnce(repo, { engine: 'git', extraArgs: [...jobs, '--show-secrets'] });
    result.recall = { gitBySecret: r.ok ? recall(r.report, planted, 'secret') : { failed: true, code: r.code, stderr: r.stderrTail } };
    if (result.engines.git.ok) result.recall.gitByLine = recall(result.engines.git.report, planted, 'line');
    if (result.engines.isomorphic?.ok) result.recall.isomorphicByLine = recall(result.engines.isomorphic.report, planted, 'line');
  }
  result.notes = consistencyNotes(result);
  for (const e of Object.values(result.engines)) delete e.report;
  return result;
}

/** summary.blobsSkipped is a number or a map of reason -> count. */
function skippedCount(v) {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object') return Object.values(v).reduce((a, b) => a + (Number(b) || 0), 0);
  return 0;
}

/** Things worth a second look: counts that disagree with git's own view, or engines that disagree. */
function consistencyNotes(result) {
  const notes = [];
  const { stats, engines } = result;
  for (const [engine, e] of Object.entries(engines)) {
    if (!e.ok) {
      notes.push(`${engine}: failed (exit ${e.failure.code}${e.failure.timedOut ? ', timed out' : ''}): ${e.failure.stderr || e.failure.reportError || ''}`);
      continue;
    }
    const seen = (e.blobsScanned ?? 0) + skippedCount(e.blobsSkipped);
    if (e.blobsScanned === undefined) notes.push(`${engine}: summary.blobsScanned missing`);
    else if (seen !== stats.blobs) notes.push(`${engine}: blobsScanned + blobsSkipped = ${seen}, git counts ${stats.blobs} unique reachable blobs`);
    if (e.commits !== undefined && e.commits !== stats.commits) notes.push(`${engine}: summary.commits = ${e.commits}, git counts ${stats.commits}`);
    if (e.failedRuns) notes.push(`${engine}: ${e.failedRuns} of ${e.runs.length} runs failed`);
    if (!e.findingsStableAcrossRuns) notes.push(`${engine}: findings differ between runs`);
  }
  if (engines.git?.ok && engines.isomorphic?.ok && engines.git.findings !== engines.isomorphic.findings) {
    notes.push(`engines disagree: git ${engines.git.findings} findings, isomorphic ${engines.isomorphic.findings}`);
  }
  return notes;
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ')).join('\n');
}

function printResults(out) {
  const rows = [['repo', 'engine', 'commits', 'blobs', 'blob MB', 'floor s', 'scan s', 'ratio', 'MB/s', 'floor cpu s', 'scan cpu s', 'cpu ratio', 'peak RSS MB', 'blobsScanned', 'findings', 'exit']];
  for (const [name, r] of Object.entries(out.repos)) {
    for (const [engine, e] of Object.entries(r.engines)) {
      const f = (x, d = 2) => (e.ok && x != null ? x.toFixed(d) : '-');
      rows.push([name, engine, r.stats.commits, r.stats.blobs, mb(r.stats.blobBytes), r.floorSeconds.toFixed(2), f(e.bestSeconds), f(e.ratio), f(e.mbPerSec, 1), r.floorCpuSeconds?.toFixed(2) ?? '-', f(e.cpuSeconds), f(e.cpuRatio), f(e.peakRssMB, 0), e.ok ? e.blobsScanned ?? '?' : '-', e.ok ? e.findings : '-', e.ok ? e.exitCode : `FAIL ${e.failure.code ?? e.failure.signal}`]);
    }
  }
  console.log(`\nleaksweep bench — ${out.date}, ${out.machine.cpus} × ${out.machine.cpuModel}, node ${out.machine.node}, ${out.machine.git}, leaksweep ${out.leaksweep.commit}${out.leaksweep.dirty ? ' (dirty tree)' : ''}`);
  console.log(`load average at start ${out.machine.loadAvgAtStart.join(' ')}, at end ${out.machine.loadAvgAtEnd.join(' ')} (other work on the machine makes single figures noisy; compare ratios)`);
  console.log(`floor = best of ${out.options.runs} \`git cat-file --batch-all-objects --batch > /dev/null\`; scan = best of ${out.options.runs} (isomorphic: 1); ratio = scan / floor (goal for git: ≤ 2.5); MB = 10^6 bytes of unique reachable blobs`);
  console.log(`cpu s = user + sys of the process and its git children (least of the runs): steadier than wall time on a busy machine\n`);
  console.log(table(rows));
  const fc = out.fixedCost;
  console.log(fc.failed ? `\nfixed cost: scan of a one-commit repo failed (exit ${fc.code}): ${fc.stderr}` : `\nfixed cost: a scan of a one-commit repo takes ${fc.seconds.toFixed(2)} s wall, ${Number.isFinite(fc.cpuSeconds) ? fc.cpuSeconds.toFixed(2) : '?'} s cpu, ${fc.peakRssMB.toFixed(0)} MB peak RSS (start-up, rule compile, workers): part of every scan figure above`);
  for (const [name, r] of Object.entries(out.repos)) {
    if (r.recall) {
      for (const [k, rc] of Object.entries(r.recall)) {
        if (rc.failed) {
          console.log(`\n${name} recall ${k}: run failed (exit ${rc.code}): ${rc.stderr}`);
          continue;
        }
        const kinds = Object.entries(rc.byKind).map(([kind, v]) => `${kind} ${v.found}/${v.total}`).join(', ');
        const how = k.endsWith('BySecret') ? 'matched on path + secret text, --show-secrets run' : 'matched on path + line; can over-count when another secret later sits on the same line';
        console.log(`\n${name} recall ${k} (${how}):`);
        console.log(`  ${rc.found}/${rc.total} planted secrets found (${kinds})`);
        console.log(`  ${rc.atPlantCommit} attributed to the planting commit; ${rc.secretsWithSeveralFindings} secrets reported by more than one rule; ${rc.unmatched} other findings${rc.unmatched ? ` ${JSON.stringify(rc.unmatchedByRule)}` : ''}`);
        if (rc.missedTotal) console.log(`  missed: ${rc.missed.map((m) => `${m.plant} ${m.kind} ${m.path}:${m.line}`).join('; ')}`);
      }
    }
    for (const n of r.notes) console.log(`note (${name}): ${n}`);
    for (const line of r.findingsCheck?.lines ?? []) console.log(line);
  }
  console.log(`\nfigures written to ${path.relative(ROOT, path.join(CACHE_DIR, 'last-run.json'))}`);
}

async function main() {
  const opt = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(ROOT, 'bin', 'leaksweep.js'))) throw new Error('bin/leaksweep.js not found');
  const corpora = await buildCorpus({ log: (m) => log(`corpus ${m}`) });
  const out = {
    ...(await benchContext()),
    options: opt,
    repos: {},
  };
  // Fixed cost, to read the ratios of small repos by: a scan of a one-commit repo.
  const tiny = await ensureTinyRepo(CACHE_DIR);
  const tinyRuns = [];
  for (let i = 0; i < opt.runs; i++) tinyRuns.push(await leaksweepOnce(tiny, { engine: 'git', extraArgs: opt.jobs ? ['--jobs', opt.jobs] : [] }));
  const tinyOk = tinyRuns.filter((r) => r.ok);
  out.fixedCost = tinyOk.length
    ? { seconds: Math.min(...tinyOk.map((r) => r.seconds)), cpuSeconds: Math.min(...tinyOk.map((r) => r.cpuSeconds ?? Infinity)), peakRssMB: Math.max(...tinyOk.map((r) => r.peakRssMB ?? 0)) }
    : { failed: true, code: tinyRuns[0]?.code, stderr: tinyRuns[0]?.stderrTail };
  log(`fixed cost (one-commit repo): ${tinyOk.length ? `${out.fixedCost.seconds.toFixed(2)} s` : 'FAILED'}`);
  for (const name of opt.repos) {
    if (!corpora[name]) throw new Error(`unknown repo ${name}`);
    out.repos[name] = await benchRepo(name, corpora[name], opt);
  }
  out.machine.loadAvgAtEnd = os.loadavg().map((x) => +x.toFixed(2));
  fs.writeFileSync(path.join(CACHE_DIR, 'last-run.json'), JSON.stringify(out, null, 2));
  printResults(out);
  const failed = Object.values(out.repos).some((r) => r.findingsCheck?.status === 'different' || Object.values(r.engines).some((e) => !e.ok));
  return failed ? 1 : 0;
}

process.exitCode = await main();
