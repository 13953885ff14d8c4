// Both engines on clones that lack part of the history: shallow clones say so, partial clones never fetch what they lack.
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistorySource } from '../../src/git/history-source.js';
import { locateRepository, openSource } from '../../src/git/open-source.js';
import { fetchState, partialClone, shallowClone } from '../helpers/clones.js';
import { repoPerTest } from '../helpers/git-fixture.js';

const repo = repoPerTest();
const ENGINES = ['git', 'isomorphic'] as const;

async function commitCount(source: HistorySource): Promise<number> {
  let count = 0;
  for await (const _commit of source.commits()) count += 1;
  return count;
}

describe('openSource', () => {
  it.each(ENGINES)('%s: a shallow clone is flagged shallow and walks only the commits it has', async (engine) => {
    const fixture = repo([{ files: { 'a.txt': 'a\n' } }, { files: { 'a.txt': 'b\n' } }, { files: { 'a.txt': 'c\n' } }]);
    const full = await openSource(fixture.dir, engine);
    const shallow = await openSource(shallowClone(fixture), engine);
    try {
      expect(full.shallow).toBe(false);
      expect(shallow.shallow).toBe(true);
      expect(await commitCount(shallow)).toBe(1);
    } finally {
      await full.close();
      await shallow.close();
    }
  });

  it.each(ENGINES)('%s: a partial clone reads the blobs it has and reports the others missing, without fetching', async (engine) => {
    const fixture = repo([{ files: { 'a.txt': 'old\n' } }, { files: { 'a.txt': 'new\n' } }]);
    const absent = fixture.git('rev-parse', 'HEAD~1:a.txt').trim();
    const present = fixture.git('rev-parse', 'HEAD:a.txt').trim();
    const clone = partialClone(fixture);
    const before = fetchState(clone);
    expect(before.absent).toEqual([`?${absent}`]);
    const source = await openSource(clone, engine);
    try {
      expect(await source.readBlob(absent, 1000)).toEqual({ kind: 'missing' });
      const read = await source.readBlob(present, 1000);
      expect(read.kind === 'data' && Buffer.from(read.data).toString()).toBe('new\n');
      expect(await source.readBlob(absent, 1000)).toEqual({ kind: 'missing' });
    } finally {
      await source.close();
    }
    expect(fetchState(clone)).toEqual(before);
  });
});

describe('locateRepository', () => {
  /** Runs `body` with a PATH where no git can be found. */
  function withoutGit<T>(body: () => T): T {
    const empty = mkdtempSync(join(tmpdir(), 'leaksweep-no-git-'));
    const path = process.env.PATH;
    process.env.PATH = empty;
    try {
      return body();
    } finally {
      process.env.PATH = path;
      rmSync(empty, { recursive: true, force: true });
    }
  }

  it('finds the git directory with the git binary, and falls back to isomorphic-git without one', () => {
    const fixture = repo([{ files: { 'a.txt': 'a\n' } }]);
    expect(locateRepository(fixture.dir, 'auto')).toEqual({ engine: 'git', gitDir: realpathSync(join(fixture.dir, '.git')), shallow: false });
    expect(locateRepository(fixture.dir, 'isomorphic')).toEqual({ engine: 'isomorphic' });
    expect(withoutGit(() => locateRepository(fixture.dir, 'auto'))).toEqual({ engine: 'isomorphic' });
    expect(() => withoutGit(() => locateRepository(fixture.dir, 'git'))).toThrow(expect.objectContaining({ code: 'GIT_ENGINE_UNAVAILABLE' }));
  });

  it('refuses a directory that is not a repository, or does not exist', () => {
    const outside = mkdtempSync(join(tmpdir(), 'leaksweep-not-a-repo-'));
    try {
      expect(() => locateRepository(outside, 'auto')).toThrow(expect.objectContaining({ code: 'GIT_NOT_A_REPOSITORY', message: `${outside}: not a git repository` }));
      expect(() => locateRepository(join(outside, 'gone'), 'git')).toThrow(expect.objectContaining({ code: 'GIT_NOT_A_REPOSITORY' }));
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
