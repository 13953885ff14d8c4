// The isomorphic-git source against the git binary on real repositories: same commits, same parents, same introduced blobs.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommitChanges } from '../../src/git/history-source.js';
import { openIsomorphicSource } from '../../src/git/isomorphic-source.js';
import { makeRepo, type Fixture, type FixtureCommit } from '../helpers/git-fixture.js';

interface Expected {
  parents: string[];
  time: number;
  /** `path oid`, sorted */
  changes: string[];
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function repo(...args: Parameters<typeof makeRepo>): Fixture {
  const fixture = makeRepo(...args);
  cleanups.push(fixture.cleanup);
  return fixture;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'leaksweep-iso-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** What the git engine is built on, parsed independently of src/git/parse-log.ts. */
function gitLog(dir: string): Record<string, Expected> {
  const out = execFileSync('git', ['log', '--all', '--raw', '-c', '-z', '--no-renames', '--no-abbrev', '--format=%x01%H %P %ct'], { cwd: dir, encoding: 'utf8' });
  const commits: Record<string, Expected> = {};
  let current: Expected | undefined;
  let pendingOid: string | null | undefined;
  for (const raw of out.split('\0')) {
    if (pendingOid !== undefined) {
      if (pendingOid !== null) current!.changes.push(`${raw} ${pendingOid}`);
      pendingOid = undefined;
      continue;
    }
    const token = raw.replace(/^\n/, '');
    if (token.startsWith('\x01')) {
      const [oid, ...rest] = token.slice(1).trim().split(' ').filter(Boolean);
      current = { parents: rest.slice(0, -1), time: Number(rest.at(-1)), changes: [] };
      commits[oid] = current;
    } else if (token.startsWith(':')) {
      // `::100644 100644 100644 <oid> <oid> <oid> MM` for a two-parent merge: the new mode and oid come last of each group
      const colons = /^:+/.exec(token)![0].length;
      const fields = token.slice(colons).split(' ');
      const mode = fields[colons];
      const oid = fields[2 * colons + 1];
      pendingOid = mode === '160000' || mode === '120000' || /^0+$/.test(oid) ? null : oid;
    }
  }
  for (const commit of Object.values(commits)) commit.changes.sort();
  return commits;
}

async function collect(dir: string): Promise<CommitChanges[]> {
  const source = await openIsomorphicSource(dir);
  const commits: CommitChanges[] = [];
  for await (const commit of source.commits()) commits.push(commit);
  await source.close();
  return commits;
}

/** Asserts parents-first order and equality with git log; returns the commits by oid for further checks. */
async function expectSameAsGit(dir: string, gitDir = dir): Promise<Record<string, Expected>> {
  const commits = await collect(dir);
  const seen = new Set<string>();
  for (const commit of commits) {
    for (const parent of commit.parents) expect(seen, `${parent} before ${commit.oid}`).toContain(parent);
    seen.add(commit.oid);
  }
  const actual: Record<string, Expected> = {};
  for (const { oid, parents, time, changes } of commits) {
    expect(actual[oid], `${oid} yielded twice`).toBeUndefined();
    actual[oid] = { parents, time, changes: changes.map((change) => `${change.path} ${change.oid}`).sort() };
  }
  expect(actual).toEqual(gitLog(gitDir));
  return actual;
}

function changedPaths(commits: Record<string, Expected>, oid: string): string[] {
  return commits[oid].changes.map((change) => change.split(' ')[0]);
}

describe('openIsomorphicSource', () => {
  it('matches git on linear history: additions, edits, deletions, unchanged subtrees, odd names', async () => {
    const fixture = repo([
      { files: { 'a.txt': 'a\n', 'src/lib/x.js': 'x\n', 'src/lib/deep/y.js': 'y\n', 'docs/readme.md': 'r\n' } },
      { files: { 'src/lib/deep/y.js': 'y2\n' } },
      { files: { 'tmp.txt': 'temporary\n', 'weird\nname é.txt': 'w\n' } },
      { files: { 'tmp.txt': null, 'a.txt': 'a2\n' } },
    ]);
    const commits = await expectSameAsGit(fixture.dir);
    const head = (rev: string) => fixture.git('rev-parse', rev).trim();
    expect(changedPaths(commits, head('HEAD~3'))).toEqual(['a.txt', 'docs/readme.md', 'src/lib/deep/y.js', 'src/lib/x.js']);
    expect(changedPaths(commits, head('HEAD~2'))).toEqual(['src/lib/deep/y.js']);
    expect(changedPaths(commits, head('HEAD'))).toEqual(['a.txt']);
  });

  it('starts from every ref: side branches, tags of all kinds, notes, stash, custom refs, detached HEAD', async () => {
    const fixture = repo([
      { files: { 'a.txt': 'a\n' }, tag: 'light' },
      { branch: 'side', files: { 'side.txt': 'side only\n' } },
      { branch: 'gone', from: 'main', files: { 'tagged.txt': 'only a tag reaches this\n' }, tag: 'v1', tagMessage: 'release' },
      { branch: 'custom', from: 'main', files: { 'custom.txt': 'custom ref\n' } },
      { branch: 'main', files: { 'b.txt': 'b\n' } },
    ]);
    fixture.git('tag', '-a', '-m', 'a tag of a tag', 'nested', 'v1');
    fixture.git('tag', 'tree-tag', 'HEAD^{tree}');
    fixture.git('tag', 'blob-tag', 'HEAD:a.txt');
    fixture.git('update-ref', 'refs/custom/thing', 'custom');
    fixture.git('branch', '-D', 'gone', 'custom');
    fixture.git('notes', 'add', '-m', 'a note', 'HEAD');
    writeFileSync(join(fixture.dir, 'a.txt'), 'stashed change\n');
    fixture.git('stash', '-q');
    fixture.git('checkout', '-q', '--detach', 'HEAD~1');
    writeFileSync(join(fixture.dir, 'detached.txt'), 'detached\n');
    fixture.git('add', 'detached.txt');
    fixture.git('commit', '-qm', 'on a detached HEAD');
    const commits = await expectSameAsGit(fixture.dir);
    const paths = Object.values(commits).flatMap((commit) => commit.changes.map((change) => change.split(' ')[0]));
    expect(paths).toEqual(expect.arrayContaining(['side.txt', 'tagged.txt', 'custom.txt', 'detached.txt', 'a.txt']));
    expect(Object.keys(commits).length).toBeGreaterThanOrEqual(9);
  });

  it('lists for merges only what differs from every parent (evil, clean and octopus merges)', async () => {
    const fixture = repo([
      { files: { 'shared.txt': 'base\n', 'dir/keep.txt': 'keep\n' } },
      { branch: 'left', files: { 'shared.txt': 'left\n', 'dir/left.txt': 'l\n' } },
      { branch: 'right', from: 'main', files: { 'shared.txt': 'right\n', 'dir/right.txt': 'r\n' } },
      { branch: 'main', merge: ['left'] },
      { branch: 'main', merge: ['right'], files: { 'shared.txt': 'resolved by hand\n' }, message: 'evil merge' },
      { branch: 'a', from: 'main', files: { 'a.txt': 'a\n' } },
      { branch: 'b', from: 'main', files: { 'b.txt': 'b\n' } },
      { branch: 'c', from: 'main', files: { 'c.txt': 'c\n' } },
      { branch: 'main', merge: ['a', 'b', 'c'], message: 'octopus' },
    ]);
    const commits = await expectSameAsGit(fixture.dir);
    const head = (rev: string) => fixture.git('rev-parse', rev).trim();
    expect(commits[head('HEAD')].parents).toHaveLength(4);
    expect(changedPaths(commits, head('HEAD'))).toEqual([]);
    expect(changedPaths(commits, head('HEAD~1'))).toEqual(['shared.txt']);
    expect(changedPaths(commits, head('HEAD~2'))).toEqual([]);
  });

  it('never lists symlinks or gitlinks, and counts mode and type changes as git does', async () => {
    const fixture = repo([{ files: { 'a.sh': 'echo\n', node: 'a file that becomes a directory\n' } }]);
    const head = fixture.git('rev-parse', 'HEAD').trim();
    const target = fixture.git('hash-object', '-w', '--stdin').trim();
    fixture.git('update-index', '--add', '--cacheinfo', `160000,${head},sub`);
    fixture.git('update-index', '--add', '--cacheinfo', `120000,${target},link`);
    fixture.git('commit', '-qm', 'gitlink and symlink');
    chmodSync(join(fixture.dir, 'a.sh'), 0o755);
    fixture.git('update-index', '--chmod=+x', 'a.sh');
    fixture.git('rm', '-q', 'node');
    fixture.git('update-index', '--add', '--cacheinfo', `100644,${target},node/inside.txt`);
    fixture.git('update-index', '--force-remove', 'link');
    fixture.git('update-index', '--add', '--cacheinfo', `100644,${target},link`);
    fixture.git('commit', '-qm', 'mode change, file to directory, symlink to file');
    const commits = await expectSameAsGit(fixture.dir);
    expect(changedPaths(commits, fixture.git('rev-parse', 'HEAD~1').trim())).toEqual([]);
    expect(changedPaths(commits, fixture.git('rev-parse', 'HEAD').trim())).toEqual(['a.sh', 'link', 'node/inside.txt']);
  });

  it('reads bare, packed, partly packed, shallow and linked-worktree repositories', async () => {
    const spec: FixtureCommit[] = [
      { files: { 'a.txt': 'a\n', 'd/b.txt': 'b\n' }, tag: 'v0', tagMessage: 'first' },
      { branch: 'side', files: { 'side.txt': 's\n' } },
      { branch: 'main', files: { 'a.txt': 'a2\n' } },
      { branch: 'main', merge: ['side'] },
      { files: { 'd/b.txt': 'b2\n' } },
    ];
    const bare = repo(spec, { bare: true });
    await expectSameAsGit(bare.dir);

    const packed = repo(spec);
    packed.git('gc', '-q');
    expect(packed.git('count-objects', '-v')).toMatch(/^count: 0$/m);
    await expectSameAsGit(packed.dir);
    writeFileSync(join(packed.dir, 'after-gc.txt'), 'loose\n');
    packed.git('add', 'after-gc.txt');
    packed.git('commit', '-qm', 'loose on top of packed');
    await expectSameAsGit(packed.dir);

    const shallow = join(tempDir(), 'shallow');
    execFileSync('git', ['clone', '-q', '--no-local', '--depth', '2', '--no-single-branch', packed.dir, shallow]);
    await expectSameAsGit(shallow);

    const worktree = join(tempDir(), 'worktree');
    packed.git('worktree', 'add', '-q', '--detach', worktree, 'HEAD~2');
    writeFileSync(join(worktree, 'wt.txt'), 'only the worktree HEAD reaches this\n');
    execFileSync('git', ['add', 'wt.txt'], { cwd: worktree });
    execFileSync('git', ['-c', 'user.name=W', '-c', 'user.email=w@example.com', 'commit', '-qm', 'in worktree'], { cwd: worktree });
    const fromMain = await expectSameAsGit(packed.dir);
    expect(await expectSameAsGit(worktree)).toEqual(fromMain);
  });

  it('yields nothing for an empty repository and refuses what it cannot read', async () => {
    const empty = repo([]);
    expect(await collect(empty.dir)).toEqual([]);
    await expect(openIsomorphicSource(tempDir())).rejects.toMatchObject({ code: 'GIT_NOT_A_REPOSITORY', message: expect.stringContaining('not a git repository') });
    const sha256 = tempDir();
    execFileSync('git', ['init', '-q', '--object-format=sha256', sha256]);
    await expect(openIsomorphicSource(sha256)).rejects.toMatchObject({ code: 'GIT_ENGINE_UNAVAILABLE' });
  });

  it('reads blobs into buffers of their own, refuses oversized ones, reports missing ones', async () => {
    const fixture = repo([{ files: { 'small.txt': 'tiny\n', 'big.txt': 'x'.repeat(100_000) } }]);
    for (const packed of [false, true]) {
      if (packed) fixture.git('gc', '-q');
      const source = await openIsomorphicSource(fixture.dir);
      const small = await source.readBlob(fixture.git('rev-parse', 'HEAD:small.txt').trim(), 1000);
      const big = await source.readBlob(fixture.git('rev-parse', 'HEAD:big.txt').trim(), 1000);
      const missing = await source.readBlob('0123456789012345678901234567890123456789', 1000);
      await source.close();
      expect(small.kind === 'data' && Buffer.from(small.data).toString()).toBe('tiny\n');
      expect(small.kind === 'data' && small.data.buffer.byteLength).toBe(5);
      expect(big).toEqual({ kind: 'too-large', size: 100_000 });
      expect(missing).toEqual({ kind: 'missing' });
    }
  });

  it('returns the raw commit object bytes that git cat-file prints', async () => {
    const fixture = repo([{ files: { 'a.txt': 'a\n' }, message: 'subject\n\nbody with é\n', author: { name: 'Zoë', email: 'z@example.com' } }, { files: { 'a.txt': 'b\n' } }]);
    for (const packed of [false, true]) {
      if (packed) fixture.git('gc', '-q');
      const source = await openIsomorphicSource(fixture.dir);
      for (const rev of ['HEAD', 'HEAD~1']) {
        const oid = fixture.git('rev-parse', rev).trim();
        const expected = execFileSync('git', ['cat-file', 'commit', oid], { cwd: fixture.dir });
        expect(Buffer.from(await source.readCommitObject(oid)).equals(expected)).toBe(true);
      }
      await expect(source.readCommitObject(fixture.git('rev-parse', 'HEAD:a.txt').trim())).rejects.toMatchObject({ code: 'GIT_OBJECT_CORRUPT' });
      await source.close();
    }
  });
});
