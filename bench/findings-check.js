// Scans every bench corpus and compares the findings with bench/findings/<corpus>.json (exit 1 on any difference),
// or writes those records (--record). Speed work must leave what is found exactly as it was.
//
//   node bench/findings-check.js                       # every corpus that is built and has a record
//   node bench/findings-check.js --record              # record what this build finds (run it on the build before a change)
//   node bench/findings-check.js --only synthetic,history-6GB --cli ../other/bin/leaksweep.js
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from './exec.js';
import { buildCorpus } from './build-corpus.js';
import { CLI, ROOT } from './measure.js';
import { defaultCacheDir } from './scale-repo.js';
import { compareWithRecord, describeComparison, recordFile, writeRecord } from './findings-record.js';

function parseArgs(argv) {
  const opt = { record: false, only: null, cli: CLI, scaleDir: defaultCacheDir(path.join(ROOT, 'bench', '.cache')) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--record') opt.record = true;
    else if (a === '--only') opt.only = argv[++i].split(',');
    else if (a === '--cli') opt.cli = path.resolve(argv[++i]);
    else if (a === '--scale-dir') opt.scaleDir = argv[++i];
    else throw new Error(`unknown option ${a}`);
  }
  return opt;
}

/** The bench's own corpora, and whichever scale.js repositories are built (they take minutes to make: never built here). */
async function corpora(opt) {
  const found = {};
  const built = await buildCorpus({ log: (m) => console.error(`[corpus] ${m}`) });
  for (const [name, marker] of Object.entries(built)) found[name] = marker.repo;
  if (fs.existsSync(opt.scaleDir)) {
    for (const file of fs.readdirSync(opt.scaleDir).filter((f) => f.endsWith('.complete.json')).sort()) {
      const marker = JSON.parse(fs.readFileSync(path.join(opt.scaleDir, file), 'utf8'));
      if (marker.spec?.kind && fs.existsSync(marker.repo)) found[marker.name] = marker.repo;
    }
  }
  return found;
}

/** Big blobs need a size limit above the default; every other corpus is scanned as a user would. */
function extraArgs(name) {
  return name.startsWith('big-blob-') ? ['--max-blob-size', '300MB'] : [];
}

async function scan(cli, repo, name) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leaksweep-findings-'));
  const output = path.join(tmp, 'report.json');
  try {
    const r = await run(process.execPath, [cli, 'scan', repo, '--engine', 'git', '--format', 'json', '--output', output, '--quiet', ...extraArgs(name)], { allowFail: true });
    if (r.code !== 0 && r.code !== 1) throw new Error(`${name}: scan exited ${r.code}: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
    return JSON.parse(fs.readFileSync(output, 'utf8'));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function main() {
  const opt = parseArgs(process.argv.slice(2));
  const all = await corpora(opt);
  const names = (opt.only ?? Object.keys(all)).filter((name) => {
    if (!all[name]) throw new Error(`${name}: not built (bench corpora: ${Object.keys(all).join(', ')})`);
    return opt.record || opt.only || fs.existsSync(recordFile(name));
  });
  const head = await run('git', ['-C', path.dirname(path.dirname(opt.cli)), 'rev-parse', '--short', 'HEAD'], { allowFail: true });
  let different = 0;
  for (const name of names) {
    const started = Date.now();
    const report = await scan(opt.cli, all[name], name);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (opt.record) {
      const c = writeRecord(name, report, { recordedAt: new Date().toISOString(), leaksweep: head.stdout.trim() });
      console.log(`findings (${name}): recorded ${c.findings} findings, digest ${c.digest.slice(0, 16)} (scan ${seconds} s)`);
      continue;
    }
    const result = compareWithRecord(name, report);
    if (result.status === 'different') different += 1;
    for (const line of describeComparison(name, result)) console.log(line);
  }
  return different > 0 ? 1 : 0;
}

process.exitCode = await main();
