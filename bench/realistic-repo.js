// Builds the "realistic" corpus: published npm package versions committed one after another, one branch per package.
import fs from 'node:fs';
import path from 'node:path';
import { run, git, mapLimit, withScratchDir, copyInto } from './exec.js';

/**
 * What goes into the repo. Version ranges have a fixed upper bound so the corpus does not change when new
 * versions are published. webpack and eslint give hundreds of commits of real code churn; typescript adds
 * multi-megabyte bundled files that change on every release (each typescript version adds ~20 MB of
 * unique blobs). Measured: webpack 5.0–5.99 ≈ 144 MB, eslint 7.0–9.30 ≈ 69 MB of unique blob bytes.
 */
export const REALISTIC_SPEC = {
  name: 'realistic',
  span: ['2016-01-01T00:00:00Z', '2025-06-01T00:00:00Z'],
  headBranch: 'webpack',
  packages: [
    { pkg: 'webpack', from: '5.0.0', to: '5.99.9' },
    { pkg: 'eslint', from: '7.0.0', to: '9.30.1' },
    { pkg: 'typescript', versions: ['5.7.3', '5.8.3'] },
  ],
};

const AUTHOR = { name: 'Release Bot', email: 'release-bot@bench.invalid' };

function semverKey(v) {
  return v.split('.').map((n) => Number(n));
}

function compareSemver(a, b) {
  const ka = semverKey(a);
  const kb = semverKey(b);
  for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
  return 0;
}

/** Lists the versions a package entry selects; the registry's version list is cached on disk. */
async function resolveVersions(entry, cacheDir) {
  if (entry.versions) return entry.versions;
  const file = path.join(cacheDir, 'versions', `${safeName(entry.pkg)}.json`);
  let all;
  if (fs.existsSync(file)) {
    all = JSON.parse(fs.readFileSync(file, 'utf8'));
  } else {
    const r = await run('npm', ['view', entry.pkg, 'versions', '--json']);
    all = JSON.parse(r.stdout);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(all));
  }
  return all
    .filter((v) => /^\d+\.\d+\.\d+$/.test(v))
    .filter((v) => compareSemver(v, entry.from) >= 0 && compareSemver(v, entry.to) <= 0)
    .sort(compareSemver);
}

function safeName(pkg) {
  return pkg.replace(/^@/, '').replace(/\//g, '-');
}

function tarballName(pkg, version) {
  return `${safeName(pkg)}-${version}.tgz`;
}

/** Downloads missing tarballs with `npm pack`, in batches, into tarballDir (via a scratch dir so partial files never count). */
async function fetchTarballs(wanted, tarballDir, log) {
  fs.mkdirSync(tarballDir, { recursive: true });
  const missing = wanted.filter(({ pkg, version }) => !fs.existsSync(path.join(tarballDir, tarballName(pkg, version))));
  if (missing.length === 0) return;
  log(`fetching ${missing.length} tarballs with npm pack`);
  const batches = [];
  for (let i = 0; i < missing.length; i += 20) batches.push(missing.slice(i, i + 20));
  let done = 0;
  await mapLimit(batches, 4, async (batch, bi) => {
    const scratch = path.join(tarballDir, `.partial-${process.pid}-${bi}`);
    fs.rmSync(scratch, { recursive: true, force: true });
    fs.mkdirSync(scratch);
    const specs = batch.map(({ pkg, version }) => `${pkg}@${version}`);
    await run('npm', ['pack', ...specs, '--pack-destination', scratch, '--ignore-scripts', '--silent', '--loglevel=error']);
    for (const { pkg, version } of batch) {
      const name = tarballName(pkg, version);
      fs.renameSync(path.join(scratch, name), path.join(tarballDir, name));
    }
    fs.rmSync(scratch, { recursive: true, force: true });
    done += batch.length;
    log(`  tarballs ${done}/${missing.length}`);
  });
}

/** Extracts a tarball into a fresh dir and returns the package root inside it (usually `package/`). */
async function extract(tgz, dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  await run('tar', ['-xzf', tgz, '-C', dir, '--no-same-owner']);
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  if (entries.length === 1 && entries[0].isDirectory()) return path.join(dir, entries[0].name);
  return dir;
}

function gitDate(ms) {
  return `@${Math.floor(ms / 1000)} +0000`;
}

/** Commits every version of one package onto its own orphan branch, tagging each. */
async function commitPackage(repo, entry, versions, tarballDir, workDir, span) {
  const branch = safeName(entry.pkg);
  const gitDir = path.join(repo, '.git');
  const index = path.join(gitDir, `index-${branch}`);
  const [start, end] = span.map((s) => Date.parse(s));
  let parent = null;
  for (let i = 0; i < versions.length; i++) {
    const version = versions[i];
    const root = await extract(path.join(tarballDir, tarballName(entry.pkg, version)), path.join(workDir, branch));
    const env = { GIT_DIR: gitDir, GIT_WORK_TREE: root, GIT_INDEX_FILE: index };
    await run('git', ['add', '-A', '-f', '.'], { env, cwd: root });
    const tree = (await run('git', ['write-tree'], { env, cwd: root })).stdout.trim();
    const date = gitDate(start + ((end - start) * (i + 0.5)) / versions.length);
    const commitEnv = {
      GIT_DIR: gitDir,
      GIT_AUTHOR_NAME: AUTHOR.name,
      GIT_AUTHOR_EMAIL: AUTHOR.email,
      GIT_COMMITTER_NAME: AUTHOR.name,
      GIT_COMMITTER_EMAIL: AUTHOR.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    };
    const args = ['commit-tree', tree, '-m', `${entry.pkg} ${version}`];
    if (parent) args.push('-p', parent);
    const commit = (await run('git', args, { env: commitEnv })).stdout.trim();
    await run('git', ['update-ref', `refs/heads/${branch}`, commit], { env: { GIT_DIR: gitDir } });
    await run('git', ['update-ref', `refs/tags/${branch}-v${version}`, commit], { env: { GIT_DIR: gitDir } });
    parent = commit;
  }
  fs.rmSync(index, { force: true });
  fs.rmSync(path.join(workDir, branch), { recursive: true, force: true });
  return { branch, commits: versions.length };
}

/** Builds the repo at `dest` (atomically, via a temp dir). Returns a description to store in the marker. */
export async function buildRealisticRepo({ cacheDir, dest, spec = REALISTIC_SPEC, log }) {
  const tarballDir = path.join(cacheDir, 'tarballs');
  const resolved = [];
  for (const entry of spec.packages) resolved.push({ entry, versions: await resolveVersions(entry, cacheDir) });
  const wanted = resolved.flatMap(({ entry, versions }) => versions.map((version) => ({ pkg: entry.pkg, version })));
  await fetchTarballs(wanted, tarballDir, log);

  return withScratchDir(cacheDir, async (scratch) => {
    const tmp = path.join(scratch, 'repo');
    const workDir = path.join(scratch, 'work');
    await run('git', ['init', '-q', tmp]);
    await git(tmp, ['config', 'gc.auto', '0']);
    log(`committing ${wanted.length} versions of ${spec.packages.map((p) => p.pkg).join(', ')}`);
    const branches = await Promise.all(
      resolved.map(({ entry, versions }) => commitPackage(tmp, entry, versions, tarballDir, workDir, spec.span)),
    );
    await git(tmp, ['symbolic-ref', 'HEAD', `refs/heads/${spec.headBranch}`]);
    await git(tmp, ['reset', '-q', '--hard']);
    log('git gc');
    await git(tmp, ['gc', '--quiet']);
    fs.rmSync(workDir, { recursive: true, force: true });
    copyInto(tmp, dest);
    return {
      branches,
      versions: Object.fromEntries(resolved.map(({ entry, versions }) => [entry.pkg, versions])),
    };
  });
}
