// `npm run eval`, second part: the evaluations on text the team did not write, each run when its corpus is in the cache.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheRoot } from './fetch-npm.js';

const HERE = dirname(fileURLToPath(import.meta.url));

// A missing corpus is said, not skipped silently: building one needs apt packages or ~2 GB of downloads.
const EVALS = [
  { name: 'tool-written credential files', script: 'eval-tool-creds.js', corpus: join(cacheRoot(), 'tool-creds', 'manifest.json'), build: 'node bench/realworld/tool-creds.js --install' },
  { name: 'real npm packages (noise)', script: 'eval-npm.js', corpus: join(cacheRoot(), 'npm'), build: 'node bench/realworld/fetch-npm.js' },
];

let failed = 0;
for (const { name, script, corpus, build } of EVALS) {
  console.log(`\n=== ${name} ===`);
  if (!existsSync(corpus)) {
    console.log(`not measured: no corpus at ${corpus} (build it with: ${build})`);
    continue;
  }
  const run = spawnSync(process.execPath, [join(HERE, script), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (run.status !== 0) failed = run.status ?? 3;
}
process.exit(failed);
