// Fetches the pinned npm packages of npm-packages.json into a cache outside the repo, for eval-npm.js to scan.
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pLimit from 'p-limit';

const here = dirname(fileURLToPath(import.meta.url));
const REGISTRY = (process.env.LEAKSWEEP_NPM_REGISTRY || 'https://registry.npmjs.org').replace(/\/$/, '');

/** The cache root; the package trees live in <root>/npm, their fetch metadata in <root>/npm-meta (kept apart so
 *  integrity hashes and URLs are not scanned as part of the corpus). */
export function cacheRoot() {
  return process.env.LEAKSWEEP_EVAL_CACHE || join(homedir(), '.cache', 'leaksweep-eval');
}

/** `name@version` specs in list order; the scope's `@` is not the separator. */
export function loadSpecs(file = join(here, 'npm-packages.json')) {
  const { categories } = JSON.parse(readFileSync(file, 'utf8'));
  return Object.entries(categories).flatMap(([category, specs]) =>
    specs.map((spec) => {
      const at = spec.lastIndexOf('@');
      return { category, spec, name: spec.slice(0, at), version: spec.slice(at + 1) };
    }),
  );
}

/** Directory name of a package in the cache: the scope's `/` becomes `__` so every package is one level deep,
 *  which lets eval-npm.js recover the package from the first path segment of a finding. */
export function dirName(name, version) {
  return `${name.replace('/', '__')}@${version}`;
}

async function getJson(url) {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(url, { headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`${res.status} ${res.statusText} for ${url}`);
      return await res.json();
    } catch (err) {
      // The registry sometimes drops a connection under load: retry a little before giving up on a package.
      if (attempt >= 3) throw err;
      await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
  }
}

async function getBuffer(url) {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`${res.status} ${res.statusText} for ${url}`);
      return Buffer.from(await res.arrayBuffer());
    } catch (err) {
      if (attempt >= 3) throw err;
      await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
  }
}

/** Checks a tarball against the registry's SRI integrity (sha512) or, for very old packages, its sha1 shasum. */
function verify(buf, dist) {
  if (dist.integrity) {
    const [algo, want] = dist.integrity.split(' ')[0].split(/-(.*)/s);
    const got = createHash(algo).update(buf).digest('base64');
    if (got !== want) throw new Error(`integrity mismatch (${algo})`);
    return;
  }
  if (dist.shasum) {
    if (createHash('sha1').update(buf).digest('hex') !== dist.shasum) throw new Error('shasum mismatch');
    return;
  }
  throw new Error('registry gave no integrity nor shasum');
}

function run(cmd, args, input) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: [input ? 'pipe' : 'ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}: ${err.trim()}`))));
    if (input) child.stdin.end(input);
  });
}

/** Files and bytes under a directory (what the scan will see, before its own skips). */
export async function measure(dir) {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += (await stat(join(entry.parentPath ?? entry.path, entry.name))).size;
  }
  return { files, bytes };
}

async function fetchOne(pkg, npmDir, metaDir) {
  const target = join(npmDir, dirName(pkg.name, pkg.version));
  // The final directory appears only by rename after a full unpack, so its presence means the package is complete.
  if (existsSync(target)) return { ...pkg, status: 'cached', ...(await measure(target)) };
  const meta = await getJson(`${REGISTRY}/${pkg.name.replace('/', '%2F')}/${pkg.version}`);
  const buf = await getBuffer(meta.dist.tarball);
  verify(buf, meta.dist);
  const tmp = `${target}.partial-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  // npm tarballs hold one top directory (usually `package/`, not always): strip it whatever its name.
  await run('tar', ['-xzf', '-', '-C', tmp, '--strip-components=1', '--no-same-owner'], buf);
  // Some tarballs carry directories without the x bit; make the tree readable so the scan can walk it.
  await run('chmod', ['-R', 'u+rwX', tmp]);
  await rename(tmp, target);
  await writeFile(
    join(metaDir, `${dirName(pkg.name, pkg.version)}.json`),
    JSON.stringify({ spec: pkg.spec, tarball: meta.dist.tarball, integrity: meta.dist.integrity ?? null, shasum: meta.dist.shasum, unpackedSize: meta.dist.unpackedSize ?? null }, null, 2) + '\n',
  );
  return { ...pkg, status: 'fetched', tarballBytes: buf.length, ...(await measure(target)) };
}

async function main() {
  const specs = loadSpecs();
  const root = cacheRoot();
  const npmDir = join(root, 'npm');
  const metaDir = join(root, 'npm-meta');
  await mkdir(npmDir, { recursive: true });
  await mkdir(metaDir, { recursive: true });
  const limit = pLimit(Number(process.env.FETCH_CONCURRENCY) || 8);
  let done = 0;
  const results = await Promise.all(
    specs.map((pkg) =>
      limit(async () => {
        try {
          const r = await fetchOne(pkg, npmDir, metaDir);
          done++;
          if (r.status === 'fetched') console.log(`[${done}/${specs.length}] ${pkg.spec}: ${r.files} files, ${(r.bytes / 1e6).toFixed(1)} MB`);
          return r;
        } catch (err) {
          done++;
          console.error(`[${done}/${specs.length}] ${pkg.spec}: FAILED ${err.message}`);
          return { ...pkg, status: 'failed', error: err.message, files: 0, bytes: 0 };
        }
      }),
    ),
  );
  const ok = results.filter((r) => r.status !== 'failed');
  const files = ok.reduce((a, r) => a + r.files, 0);
  const bytes = ok.reduce((a, r) => a + r.bytes, 0);
  const count = (s) => results.filter((r) => r.status === s).length;
  console.log(`\n${ok.length}/${specs.length} packages (${count('fetched')} fetched, ${count('cached')} already cached, ${count('failed')} failed)`);
  console.log(`${files} files, ${(bytes / 1e6).toFixed(1)} MB unpacked in ${npmDir}`);
  const big = [...ok].sort((a, b) => b.bytes - a.bytes).slice(0, 10);
  console.log(`largest: ${big.map((r) => `${r.spec} ${(r.bytes / 1e6).toFixed(0)} MB`).join(', ')}`);
  if (count('failed')) process.exitCode = 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
