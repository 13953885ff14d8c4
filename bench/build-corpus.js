// Builds (or reuses, when a complete one is cached) the bench repos under bench/.cache/.
// Usage: node bench/build-corpus.js [--force] [--only realistic|synthetic]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRealisticRepo, REALISTIC_SPEC } from './realistic-repo.js';
import { buildSyntheticRepo, SYNTHETIC_SPEC } from './synthetic-repo.js';

export const CACHE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '.cache');

const CORPORA = {
  realistic: { spec: REALISTIC_SPEC, build: buildRealisticRepo },
  synthetic: { spec: SYNTHETIC_SPEC, build: buildSyntheticRepo },
};

function markerPath(name) {
  return path.join(CACHE_DIR, `${name}.complete.json`);
}

/** A repo is reused only if its marker says it was finished with exactly the current spec. */
function readMarker(name, spec) {
  try {
    const marker = JSON.parse(fs.readFileSync(markerPath(name), 'utf8'));
    if (JSON.stringify(marker.spec) !== JSON.stringify(spec)) return null;
    if (!fs.existsSync(path.join(marker.repo, '.git', 'HEAD'))) return null;
    if (marker.plantedFile && !fs.existsSync(marker.plantedFile)) return null;
    return marker;
  } catch {
    return null;
  }
}

/** Ensures each corpus exists; returns { name: marker } where marker.repo is the repo path. */
export async function buildCorpus({ force = false, only = null, log = (m) => console.error(`[corpus] ${m}`) } = {}) {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const out = {};
  for (const [name, { spec, build }] of Object.entries(CORPORA)) {
    if (only && only !== name) continue;
    const existing = force ? null : readMarker(name, spec);
    if (existing) {
      log(`${name}: reusing ${existing.repo}`);
      out[name] = existing;
      continue;
    }
    fs.rmSync(markerPath(name), { force: true });
    const repo = path.join(CACHE_DIR, name);
    const started = Date.now();
    log(`${name}: building ${repo}`);
    const details = await build({ cacheDir: CACHE_DIR, dest: repo, spec, log: (m) => log(`${name}: ${m}`) });
    const marker = { name, repo, spec, builtAt: new Date().toISOString(), buildSeconds: (Date.now() - started) / 1000, ...details };
    fs.writeFileSync(markerPath(name), JSON.stringify(marker, null, 2));
    log(`${name}: built in ${marker.buildSeconds.toFixed(0)} s`);
    out[name] = marker;
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const onlyIdx = args.indexOf('--only');
  await buildCorpus({ force: args.includes('--force'), only: onlyIdx >= 0 ? args[onlyIdx + 1] : null });
}
