// The git-binary source: commits in parent-first order and the blobs each introduces, including merges and odd paths.
import { describe, expect, it } from 'vitest';
import { openGitSource } from '../../src/git/git-source.js';
import type { CommitChanges } from '../../src/git/history-source.js';
import { makeRepo } from '../helpers/git-fixture.js';

async function collect(dir: string): Promise<CommitChanges[]> {
  const source = openGitSource(dir);
  const commits: CommitChanges[] = [];
  for await (const commit of source.commits()) commits.push(commit);
  await source.close();
  return commits;
}

describe('openGitSource', () => {
  it('lists introduced blobs per commit, parents first, skipping deletions, symlinks and gitlinks', async () => {
    const fixture = makeRepo([
      { files: { 'a.txt': 'a\n', 'dir/b.txt': 'b\n', 'weird\nname é.txt': 'w\n' } },
      { files: { 'a.txt': null, 'dir/b.txt': 'b2\n' } },
    ]);
    try {
      const head = fixture.git('rev-parse', 'HEAD').trim();
      fixture.git('update-index', '--add', '--cacheinfo', `160000,${head},sub`);
      fixture.git('update-index', '--add', '--cacheinfo', `120000,${fixture.git('hash-object', '-w', '--stdin').trim() || head},link`);
      fixture.git('commit', '-qm', 'gitlink and symlink');
      const commits = await collect(fixture.dir);
      expect(commits).toHaveLength(3);
      expect(commits[0].parents).toEqual([]);
      expect(commits[1].parents).toEqual([commits[0].oid]);
      expect(commits[0].changes.map((c) => c.path).sort()).toEqual(['a.txt', 'dir/b.txt', 'weird\nname é.txt']);
      expect(commits[1].changes.map((c) => c.path)).toEqual(['dir/b.txt']);
      expect(commits[2].changes).toEqual([]);
      expect(commits[1].changes[0].oid).toBe(fixture.git('rev-parse', 'HEAD~1:dir/b.txt').trim());
    } finally {
      fixture.cleanup();
    }
  });

  it('gives each commit its names, e-mails and message from the log, whatever the message holds', async () => {
    const message = ':100644 100644 looks like a raw line\n\u0001 and a commit marker\n\nbody';
    const fixture = makeRepo([
      { files: { 'a.txt': 'a\n' }, message, author: { name: 'Ada Lovelace', email: 'ada@example.com' } },
      { files: { 'b.txt': 'b\n' }, message: 'second' },
    ]);
    try {
      const commits = await collect(fixture.dir);
      expect(commits.map((c) => c.changes.map((change) => change.path))).toEqual([['a.txt'], ['b.txt']]);
      expect(commits[0].texts).toEqual({ message: `${message}\n`, authorName: 'Ada Lovelace', authorEmail: 'ada@example.com', committerName: 'Fixture Committer', committerEmail: 'committer@example.com' });
      expect(commits[1].texts?.message).toBe('second\n');
    } finally {
      fixture.cleanup();
    }
  });

  it('reads blobs, refuses oversized ones without reading them, and reports missing ones', async () => {
    const fixture = makeRepo([{ files: { 'small.txt': 'tiny\n', 'big.txt': 'x'.repeat(100_000) } }]);
    try {
      const source = openGitSource(fixture.dir);
      const small = await source.readBlob(fixture.git('rev-parse', 'HEAD:small.txt').trim(), 1000);
      const big = await source.readBlob(fixture.git('rev-parse', 'HEAD:big.txt').trim(), 1000);
      const missing = await source.readBlob('0123456789012345678901234567890123456789', 1000);
      const again = await source.readBlob(fixture.git('rev-parse', 'HEAD:small.txt').trim(), 1000);
      await source.close();
      expect(small.kind === 'data' && Buffer.from(small.data).toString()).toBe('tiny\n');
      expect(big).toEqual({ kind: 'too-large', size: 100_000 });
      expect(missing).toEqual({ kind: 'missing' });
      expect(again.kind).toBe('data');
    } finally {
      fixture.cleanup();
    }
  });

  it('yields nothing for an empty repository', async () => {
    const fixture = makeRepo([]);
    try {
      expect(await collect(fixture.dir)).toEqual([]);
    } finally {
      fixture.cleanup();
    }
  });
});
