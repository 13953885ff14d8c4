// Scale and memory (issue 5): leaksweep on generated histories of growing size and on one huge text blob, against the cat-file floor, with peak RSS checked against the targets.
// Options: --sizes 100MB,300MB,1GB  --runs N (default 1)  --skip-big-blob  --big-blob-size 200MiB  --max-blob-size 300MB
//          --jobs N  --cache-dir DIR (default /dev/shm/leaksweep-scale)  --sample-ms 100  --timeout SECONDS (default 1800)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CACHE_DIR } from './build-corpus.js';
import { repoStats, floorOnce, ensureTinyRepo, benchContext, ROOT } from './measure.js';
import { mb } from './exec.js';
import { packOrderFloorOnce, scanOnce } from './scale-measure.js';
import { historySpec, bigBlobSpec, ensureScaleRepo, defaultCacheDir, parseDecimalSize, sizeLabel, packBytes } from './scale-repo.js';
import { compareWithRecord, describeComparison } from './findings-record.js';

const TARGETS = { historyBytes: 1e9, historyRssMB: 300, bigBlobRssMB: 700, ratio: 2.5 };
const log = (m) => console.error(`[scale] ${m}`);

function parseArgs(argv) {
  const opt = { sizes: ['100MB', '300MB', '1GB'], runs: 1, bigBlob: true, bigBlobSize: '200MiB', maxBlobSize: '300MB', jobs: null, cacheDir: null, sampleMs: 100, timeout: 1800 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sizes') opt.sizes = argv[++i].split(',');
    else if (a === '--runs') opt.runs = Number(argv[++i]);
    else if (a === '--skip-big-blob') opt.bigBlob = false;
    else if (a === '--big-blob-size') opt.bigBlobSize = argv[++i];
    else if (a === '--max-blob-size') opt.maxBlobSize = argv[++i];
    else if (a === '--jobs') opt.jobs = argv[++i];
    else if (a === '--cache-dir') opt.cacheDir = argv[++i];
    else if (a === '--sample-ms') opt.sampleMs = Number(argv[++i]);
    else if (a === '--timeout') opt.timeout = Number(argv[++i]);
    else throw new Error(`unknown option ${a}`);
  }
  if (!(opt.runs >= 1)) throw new Error('--runs: expected a number ≥ 1');
  return opt;
}

/** 200MiB → 209715200; decimal units otherwise (the blob column counts MB as 10^6 bytes). */
function blobSize(text) {
  const m = /^(\d+)\s*MiB$/i.exec(text);
  return m ? Number(m[1]) * 2 ** 20 : parseDecimalSize(text);
}

// ---- one repository -------------------------------------------------------------------------------

async function measureRepo(name, repo, marker, opt, extraArgs = []) {
  log(`${name}: counting reachable blobs`);
  const stats = await repoStats(repo);
  log(`${name}: ${stats.commits} commits, ${stats.blobs} blobs, ${mb(stats.blobBytes)} MB of unique blobs, pack ${mb(packBytes(repo))} MB`);
  const floors = [];
  const packFloors = [];
  const scans = [];
  // Floor and scan alternate (and a floor closes), so a noisy neighbour hurts both alike.
  for (let i = 0; i < opt.runs; i++) {
    floors.push(await floorOnce(repo));
    packFloors.push(await packOrderFloorOnce(repo));
    const r = await scanOnce(repo, extraArgs, opt);
    scans.push(r);
    log(`${name}: floor ${floors[i].seconds.toFixed(2)} s, scan ${r.seconds.toFixed(2)} s, exit ${r.code}, peak RSS ${r.peakRssMB} MB (git ${r.gitPeakMB} MB)${r.ok ? '' : ` FAILED: ${r.stderrTail}`}`);
  }
  floors.push(await floorOnce(repo));
  packFloors.push(await packOrderFloorOnce(repo));
  const good = scans.filter((r) => r.ok);
  const best = good.length ? good.reduce((a, b) => (b.seconds < a.seconds ? b : a)) : null;
  const floor = Math.min(...floors.map((f) => f.seconds));
  const packFloor = Math.min(...packFloors.map((f) => f.seconds));
  const maxOf = (key) => (good.length ? Math.max(...good.map((r) => r[key] ?? 0)) : null);
  const s = best?.report.summary ?? {};
  const result = {
    name,
    repo,
    stats,
    packMB: +mb(packBytes(repo)),
    floorSeconds: floor,
    floorCpuSeconds: Math.min(...floors.map((f) => f.cpuSeconds ?? Infinity)),
    ok: good.length === scans.length,
    scanSeconds: best?.seconds ?? null,
    ratio: best ? best.seconds / floor : null,
    packOrderFloorSeconds: packFloor,
    packOrderRatio: best ? best.seconds / packFloor : null,
    mbPerSec: best ? stats.blobBytes / 1e6 / best.seconds : null,
    cpuSeconds: good.length ? Math.min(...good.map((r) => r.cpuSeconds ?? Infinity)) : null,
    peakRssMB: maxOf('peakRssMB'),
    peakRssWithChildrenMB: maxOf('peakRssWithChildrenMB'),
    gitPeakMB: maxOf('gitPeakMB'),
    gitPeakAnonMB: maxOf('gitPeakAnonMB'),
    treePeakMB: maxOf('treePeakMB'),
    exitCode: best?.code ?? scans[scans.length - 1].code,
    summary: { commits: s.commits, blobsScanned: s.blobsScanned, bytesScanned: s.bytesScanned, blobsSkipped: s.blobsSkipped, findings: s.findings, incomplete: s.incomplete },
    runs: scans.map(({ report, ...r }) => r),
    floorRuns: floors,
    packOrderFloorRuns: packFloors,
    marker,
  };
  if (best && marker) {
    const check = compareWithRecord(name, best.report);
    result.findingsCheck = { status: check.status, lines: describeComparison(name, check) };
  }
  if (best && marker?.plants && Array.isArray(marker.plants)) {
    // Big blob: each planted secret counts as found when a finding sits on its line of the blob's path.
    const lines = new Set(best.report.findings.filter((f) => f.path === marker.bigBlobPath).map((f) => f.line));
    result.plantsFound = marker.plants.filter((p) => lines.has(p.line)).length;
    result.plantsTotal = marker.plants.length;
    result.findingsByRule = {};
    for (const f of best.report.findings) result.findingsByRule[f.ruleId] = (result.findingsByRule[f.ruleId] ?? 0) + 1;
  }
  return result;
}

// ---- output ---------------------------------------------------------------------------------------

function markdownTable(rows) {
  const fmt = (x, d) => (x == null || !Number.isFinite(x) ? '-' : x.toFixed(d));
  const head = ['repo', 'commits', 'blobs', 'unique blob MB', 'pack MB', 'floor s', 'scan s', 'ratio', 'pack-order floor s', 'ratio to it', 'MB/s', 'scan cpu s', '**peak RSS MB**', 'git peak MB', 'node+git MB', 'scanned MB', 'findings', 'exit'];
  const lines = [`| ${head.join(' | ')} |`, `|---|${head.slice(1).map(() => '--:').join('|')}|`];
  for (const r of rows) {
    const s = r.summary;
    lines.push(
      `| ${r.name} | ${r.stats.commits} | ${r.stats.blobs} | ${mb(r.stats.blobBytes)} | ${fmt(r.packMB, 1)} | ${fmt(r.floorSeconds, 2)} | ${fmt(r.scanSeconds, 2)} | ${fmt(r.ratio, 1)} | ${fmt(r.packOrderFloorSeconds, 2)} | ${fmt(r.packOrderRatio, 1)} | ${fmt(r.mbPerSec, 1)} | ${fmt(r.cpuSeconds, 2)} | **${fmt(r.peakRssMB, 0)}** | ${fmt(r.gitPeakMB, 0)} | ${fmt(r.treePeakMB, 0)} | ${s.bytesScanned != null ? mb(s.bytesScanned) : '-'} | ${s.findings ?? '-'} | ${r.ok ? r.exitCode : `FAIL ${r.exitCode}`} |`,
    );
  }
  return lines.join('\n');
}

function verdicts(out) {
  const lines = [];
  const histories = out.rows.filter((r) => r.kind === 'history');
  const largest = histories.reduce((a, b) => (a && a.stats.blobBytes >= b.stats.blobBytes ? a : b), null);
  if (!largest || largest.stats.blobBytes < 0.9 * TARGETS.historyBytes) {
    lines.push(`SKIP  history target (< ${TARGETS.historyRssMB} MB peak RSS at ~1 GB of unique blobs): no size ≥ 0.9 GB in --sizes`);
  } else {
    const pass = largest.ok && largest.peakRssMB != null && largest.peakRssMB < TARGETS.historyRssMB;
    lines.push(`${pass ? 'PASS' : 'FAIL'}  ${largest.name}: peak RSS ${largest.peakRssMB ?? '?'} MB (node, worker threads included) vs target < ${TARGETS.historyRssMB} MB; ${mb(largest.stats.blobBytes)} MB of unique blobs, ${largest.stats.commits} commits; git children peak ${largest.gitPeakMB ?? '?'} MB each`);
    const fmt = (x) => (x == null ? '?' : x.toFixed(2));
    const fast = largest.ok && largest.ratio != null && largest.ratio <= TARGETS.ratio;
    lines.push(`${fast ? 'PASS' : 'FAIL'}  ${largest.name}: scan ${fmt(largest.scanSeconds)} s = ${fmt(largest.ratio)} × the floor (${fmt(largest.floorSeconds)} s) vs target ≤ ${TARGETS.ratio}; ${fmt(largest.packOrderRatio)} × the pack-order floor (${fmt(largest.packOrderFloorSeconds)} s)`);
  }
  for (const row of out.rows) {
    if (row.findingsCheck?.status === 'different') lines.push(`FAIL  ${row.findingsCheck.lines[0]}`);
    else if (row.findingsCheck) lines.push(`${row.findingsCheck.status === 'identical' ? 'PASS' : 'SKIP'}  ${row.findingsCheck.lines[0]}`);
  }
  const big = out.rows.find((r) => r.kind === 'big-blob');
  if (!big) lines.push(`SKIP  big-blob target (< ${TARGETS.bigBlobRssMB} MB peak RSS with a 200 MB blob): --skip-big-blob`);
  else {
    const scanned = (big.summary.bytesScanned ?? 0) >= big.marker.bigBlobBytes;
    const pass = big.ok && scanned && big.peakRssMB != null && big.peakRssMB < TARGETS.bigBlobRssMB;
    lines.push(`${pass ? 'PASS' : 'FAIL'}  ${big.name}: peak RSS ${big.peakRssMB ?? '?'} MB vs target < ${TARGETS.bigBlobRssMB} MB; the ${mb(big.marker.bigBlobBytes)} MB blob was ${scanned ? 'scanned' : 'NOT scanned (skipped: the figure proves nothing)'} (bytesScanned ${mb(big.summary.bytesScanned ?? 0)} MB, --max-blob-size ${out.options.maxBlobSize}), planted secrets found ${big.plantsFound}/${big.plantsTotal}`);
  }
  return lines;
}

function printResults(out) {
  const m = out.machine;
  console.log(`\nleaksweep scale — ${out.date}, ${m.cpus} × ${m.cpuModel}, ${m.memGB} GiB, node ${m.node}, ${m.git}, leaksweep ${out.leaksweep.commit}${out.leaksweep.dirty ? ' (dirty tree)' : ''}`);
  console.log(`load average at start ${m.loadAvgAtStart.join(' ')}, at end ${m.loadAvgAtEnd.join(' ')}: the machine is shared, seconds are noisy; compare ratios taken in this run`);
  console.log(`floor = best of ${out.options.runs + 1} \`git cat-file --batch-all-objects --batch > /dev/null\`; scan = best of ${out.options.runs} \`leaksweep scan --engine git\`${out.options.jobs ? ` --jobs ${out.options.jobs}` : ''}; ratio = scan / floor; MB/s = unique blob MB / scan s`);
  console.log('pack-order floor = the same with --unordered (best of as many): object-id order re-resolves delta chains on a deeply deltified pack, so the first floor flatters large repos');
  console.log('blob and pack MB are 10^6 bytes; RSS MB are MiB. peak RSS = the leaksweep node process, worker threads included (process.resourceUsage().maxRSS via bench/rss.js);');
  console.log(`git peak = the largest single git child (VmHWM, /proc sampled every ${out.options.sampleMs} ms; includes mapped pack pages); node+git = largest sampled sum of current RSS over the process tree\n`);
  console.log(markdownTable(out.rows));
  const h = out.rows.filter((r) => r.kind === 'history' && r.ok).sort((a, b) => a.stats.blobBytes - b.stats.blobBytes);
  if (h.length >= 2) {
    const [a, b] = [h[0], h[h.length - 1]];
    console.log(`\ngrowth ${a.name} → ${b.name}: blob bytes ×${(b.stats.blobBytes / a.stats.blobBytes).toFixed(1)}, commits ×${(b.stats.commits / a.stats.commits).toFixed(1)}, floor ×${(b.floorSeconds / a.floorSeconds).toFixed(1)}, pack-order floor ×${(b.packOrderFloorSeconds / a.packOrderFloorSeconds).toFixed(1)}, scan ×${(b.scanSeconds / a.scanSeconds).toFixed(1)}, peak RSS ×${(b.peakRssMB / a.peakRssMB).toFixed(2)}`);
  }
  const big = out.rows.find((r) => r.kind === 'big-blob');
  if (big?.findingsByRule) console.log(`${big.name} findings by rule: ${JSON.stringify(big.findingsByRule)}`);
  console.log('');
  for (const v of verdicts(out)) console.log(v);
  for (const row of out.rows) for (const line of row.findingsCheck?.status === 'different' ? row.findingsCheck.lines.slice(1) : []) console.log(line);
  console.log(`\nfigures written to ${path.relative(ROOT, path.join(CACHE_DIR, 'scale-last-run.json'))}`);
}

async function main() {
  const opt = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ missing: run `npm run build` first');
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const cacheDir = opt.cacheDir ?? defaultCacheDir(CACHE_DIR);
  const out = {
    ...(await benchContext()),
    options: opt,
    cacheDir,
    targets: TARGETS,
    rows: [],
  };
  // Build every repo first: building is heavy, and should not overlap a measurement.
  const plan = opt.sizes.map((text) => {
    const bytes = parseDecimalSize(text);
    return { name: `history-${sizeLabel(bytes)}`, kind: 'history', spec: historySpec(bytes), extraArgs: [] };
  });
  if (opt.bigBlob) plan.push({ name: `big-blob-${opt.bigBlobSize}`, kind: 'big-blob', spec: bigBlobSpec(blobSize(opt.bigBlobSize)), extraArgs: ['--max-blob-size', opt.maxBlobSize] });
  for (const p of plan) Object.assign(p, await ensureScaleRepo(p.name, p.spec, { cacheDir, log }));
  const tiny = await ensureTinyRepo(CACHE_DIR);
  out.rows.push({ kind: 'tiny', ...(await measureRepo('tiny (fixed cost)', tiny, null, { ...opt, runs: 1 })) });
  for (const p of plan) out.rows.push({ kind: p.kind, ...(await measureRepo(p.name, p.repo, p.marker, opt, p.extraArgs)) });
  out.machine.loadAvgAtEnd = os.loadavg().map((x) => +x.toFixed(2));
  out.verdicts = verdicts(out);
  fs.writeFileSync(path.join(CACHE_DIR, 'scale-last-run.json'), JSON.stringify(out, null, 2));
  printResults(out);
  return out.verdicts.some((v) => v.startsWith('FAIL')) || out.rows.some((r) => !r.ok) ? 1 : 0;
}

process.exitCode = await main();
