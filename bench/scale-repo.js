// Generated repositories for bench/scale.js: a long history of N bytes of unique blobs, or one huge text blob; built once, cached by spec.
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { spawn } from 'node:child_process';
import { git, run } from './exec.js';
import { writeBigBlob, writeHistory } from './scale-content.js';

/** Bump when scale-content.js changes the bytes written: cached repos with another version are rebuilt. */
export const SCALE_GENERATOR = 2;

export function historySpec(targetBytes) {
  return { kind: 'history', generator: SCALE_GENERATOR, seed: 20250105, targetBytes, initialFiles: 300 + Math.round(targetBytes / 5e6), plants: 30 };
}

export function bigBlobSpec(blobBytes) {
  return { kind: 'big-blob', generator: SCALE_GENERATOR, seed: 20250106, blobBytes, plants: 12 };
}

/** Decimal sizes (the tables count MB as 10^6 bytes): 100MB, 1GB, 1.5GB, 250000000. */
export function parseDecimalSize(text) {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(String(text).trim());
  if (!m) throw new Error(`expected a size such as 300MB or 1GB, got "${text}"`);
  return Math.round(Number(m[1]) * { b: 1, kb: 1e3, mb: 1e6, gb: 1e9 }[(m[2] ?? 'b').toLowerCase()]);
}

export function sizeLabel(bytes) {
  return bytes >= 1e9 && bytes % 1e8 === 0 ? `${bytes / 1e9}GB` : `${Math.round(bytes / 1e6)}MB`;
}

// ---- fast-import stream ---------------------------------------------------------------------------

/** A `git fast-import` fed through a buffer with backpressure: the stream (≈ the blob bytes) is never held whole. */
function fastImport(repo) {
  const child = spawn('git', ['-C', repo, 'fast-import', '--quiet', '--done'], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const closed = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exited ${code}: ${stderr}`))));
  });
  let parts = [];
  let pending = 0;
  const flush = async () => {
    const buf = Buffer.from(parts.join(''), 'latin1');
    parts = [];
    pending = 0;
    if (!child.stdin.write(buf)) await Promise.race([once(child.stdin, 'drain'), closed]);
  };
  return {
    /** Text is ASCII, so string length is byte length. */
    async emit(s) {
      parts.push(s);
      pending += s.length;
      if (pending >= 1 << 22) await flush();
    },
    async data(s) {
      await this.emit(`data ${s.length}\n`);
      await this.emit(s);
      await this.emit('\n');
    },
    async end() {
      await this.emit('done\n');
      await flush();
      child.stdin.end();
      await closed;
    },
  };
}

// ---- cache ----------------------------------------------------------------------------------------

export function defaultCacheDir(benchCacheDir) {
  try {
    fs.accessSync('/dev/shm', fs.constants.W_OK);
    return '/dev/shm/leaksweep-scale';
  } catch {
    return path.join(benchCacheDir, 'scale');
  }
}

/**
 * Returns { repo, marker } for the spec, building it first unless `<name>.complete.json` records exactly this spec.
 * Built in `<name>.tmp` and renamed, so an interrupted build is never taken for a finished one.
 */
export async function ensureScaleRepo(name, spec, { cacheDir, log }) {
  fs.mkdirSync(cacheDir, { recursive: true });
  const repo = path.join(cacheDir, name);
  const markerFile = path.join(cacheDir, `${name}.complete.json`);
  try {
    const marker = JSON.parse(fs.readFileSync(markerFile, 'utf8'));
    if (JSON.stringify(marker.spec) === JSON.stringify(spec) && fs.existsSync(path.join(repo, '.git', 'HEAD'))) {
      log(`${name}: reusing ${repo}`);
      return { repo, marker };
    }
  } catch {}
  fs.rmSync(markerFile, { force: true });
  const tmp = `${repo}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const started = Date.now();
  log(`${name}: building in ${tmp}`);
  await run('git', ['init', '-q', '-b', 'main', tmp]);
  await git(tmp, ['config', 'gc.auto', '0']);
  const fi = fastImport(tmp);
  const written = spec.kind === 'history' ? await writeHistory(spec, fi, (m) => log(`${name}: ${m}`)) : await writeBigBlob(spec, fi);
  await fi.end();
  const importSeconds = (Date.now() - started) / 1000;
  const packBytesImported = packBytes(tmp);
  log(`${name}: fast-import done in ${importSeconds.toFixed(0)} s, pack ${(packBytesImported / 1e6).toFixed(0)} MB; git gc`);
  // A repository as it is after a clone and routine maintenance: one pack with same-path delta chains, a
  // commit-graph, packed refs. fast-import deltas a blob only against the blob written just before it (usually
  // another file), and plain gc reuses those choices (a 30 MB history: 531 of 1,999 blobs deltified, 9.7 MB pack);
  // `repack -f` searches again (1,631 deltified, 2.5 MB, like a server's pack), then gc adds the rest.
  await git(tmp, ['repack', '-a', '-d', '-f', '-q']);
  await git(tmp, ['gc', '--quiet']);
  // No checkout: the scan reads history, and a work tree would only double the tmpfs used.
  fs.rmSync(repo, { recursive: true, force: true });
  fs.renameSync(tmp, repo);
  const marker = { name, spec, repo, builtAt: new Date().toISOString(), buildSeconds: (Date.now() - started) / 1000, importSeconds, packBytesImported, packBytes: packBytes(repo), ...written };
  fs.writeFileSync(markerFile, JSON.stringify(marker, null, 2));
  log(`${name}: built in ${marker.buildSeconds.toFixed(0)} s, pack ${(marker.packBytes / 1e6).toFixed(0)} MB`);
  return { repo, marker };
}

export function packBytes(repo) {
  const dir = path.join(repo, '.git', 'objects', 'pack');
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir).filter((f) => f.endsWith('.pack')).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
}
