// The cat-file reader on repositories where git's cat-file dies mid-batch: partial clones and corrupt packs.
import { closeSync, openSync, readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatFile } from '../../src/git/cat-file.js';
import { fetchState, partialClone } from '../helpers/clones.js';
import { repoPerTest } from '../helpers/git-fixture.js';

const repo = repoPerTest();

function text(read: Awaited<ReturnType<CatFile['read']>>): string | undefined {
  return read.kind === 'data' ? Buffer.from(read.data).toString() : undefined;
}

describe('CatFile', () => {
  it('reads a partial clone without fetching: absent blobs are missing, the others read, in request order', async () => {
    const source = repo([{ files: { 'old.txt': 'old\n', 'kept.txt': 'kept\n' } }, { files: { 'old.txt': 'new\n' } }]);
    const absent = source.git('rev-parse', 'HEAD~1:old.txt').trim();
    const present = [source.git('rev-parse', 'HEAD:old.txt').trim(), source.git('rev-parse', 'HEAD:kept.txt').trim()];
    const clone = partialClone(source);
    const before = fetchState(clone);
    expect(before.absent).toEqual([`?${absent}`]);
    const catFile = new CatFile(join(clone, '.git'));
    // the absent blob sits between present ones in one batch, and is asked for again once known
    const reads = await Promise.all(catFile.readMany([present[0], absent, present[1], absent], 1000));
    const again = await catFile.read(absent, 1000);
    const later = await catFile.read(present[1], 1000);
    await catFile.close();
    expect(reads.map((read) => text(read) ?? read.kind)).toEqual(['new\n', 'missing', 'kept\n', 'missing']);
    expect(again).toEqual({ kind: 'missing' });
    expect(text(later)).toBe('kept\n');
    expect(fetchState(clone)).toEqual(before);
  });

  it('fails only the object it cannot inflate from a corrupt pack; reads after it still succeed', async () => {
    const fixture = repo([{ files: { 'a.txt': 'first file\n'.repeat(20), 'b.txt': 'second file\n'.repeat(20) } }]);
    fixture.git('gc', '-q');
    const [a, b] = ['a.txt', 'b.txt'].map((path) => fixture.git('rev-parse', `HEAD:${path}`).trim());
    const packDir = join(fixture.dir, '.git', 'objects', 'pack');
    const pack = join(packDir, readdirSync(packDir).find((name) => name.endsWith('.pack'))!);
    const offset = Number(new RegExp(`^${a} blob +\\d+ \\d+ (\\d+)`, 'm').exec(fixture.git('verify-pack', '-v', pack.replace(/\.pack$/, '.idx')))![1]);
    // past the object's size header, into its zlib stream
    const fd = openSync(pack, 'r+');
    writeSync(fd, Buffer.alloc(8, 0xff), 0, 8, offset + 3);
    closeSync(fd);
    const catFile = new CatFile(join(fixture.dir, '.git'));
    const [first, second] = catFile.readMany([a, b], 1000).map((read) => read.then(text, (error: Error) => error.message));
    expect(await first).toMatch(new RegExp(`^object ${a} cannot be read: `));
    expect(await second).toBe('second file\n'.repeat(20));
    await catFile.close();
  });

  it('fails every read when the repository cannot be read at all, restarting only a bounded number of times', async () => {
    const notARepository = repo([]).dir;
    const catFile = new CatFile(join(notARepository, 'nothing-here'));
    const results = await Promise.allSettled(catFile.readMany(Array.from({ length: 300 }, (_, i) => i.toString(16).padStart(40, '0')), 1000));
    await catFile.close();
    expect(results.every((result) => result.status === 'rejected')).toBe(true);
    const reasons = new Set(results.map((result) => (result.status === 'rejected' ? (result.reason as Error).message : '')));
    expect([...reasons].some((reason) => reason.startsWith('git cat-file stopped: fatal: not a git repository'))).toBe(true);
  });
});
