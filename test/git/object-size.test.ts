// Object sizes read from loose-object and pack headers (deltas included) agree with git's own for every object.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ObjectSizes } from '../../src/git/object-size.js';
import { repoPerTest } from '../helpers/git-fixture.js';

const repo = repoPerTest();

function gitSizes(dir: string): Map<string, number> {
  const out = execFileSync('git', ['-C', dir, 'cat-file', '--batch-all-objects', '--batch-check=%(objectname) %(objectsize)'], { encoding: 'utf8' });
  return new Map(out.trim().split('\n').map((line) => [line.split(' ')[0], Number(line.split(' ')[1])]));
}

async function ourSizes(dir: string, oids: Iterable<string>): Promise<Map<string, number | undefined>> {
  const sizes = new ObjectSizes(join(dir, '.git', 'objects'));
  try {
    const found = new Map<string, number | undefined>();
    for (const oid of oids) found.set(oid, await sizes.sizeOf(oid));
    return found;
  } finally {
    await sizes.close();
  }
}

describe('ObjectSizes', () => {
  it('reads the size of loose objects, and of packed objects whole or deltified', async () => {
    const base = Array.from({ length: 400 }, (_, i) => `line ${i}: ${'lorem ipsum '.repeat(i % 7)}\n`).join('');
    const fixture = repo(Array.from({ length: 12 }, (_, version) => ({ files: { 'big.txt': `${base.repeat(1 + (version % 3))}version ${version}\n`, 'small.txt': `v${version}\n` } })));
    const expected = gitSizes(fixture.dir);
    expect(await ourSizes(fixture.dir, expected.keys())).toEqual(expected);
    fixture.git('gc', '-q', '--aggressive');
    const deltas = execFileSync('git', ['-C', fixture.dir, 'cat-file', '--batch-all-objects', '--batch-check=%(deltabase)'], { encoding: 'utf8' });
    expect(deltas.split('\n').filter((base) => base && !/^0+$/.test(base)).length).toBeGreaterThan(5);
    expect(await ourSizes(fixture.dir, expected.keys())).toEqual(expected);
  });

  it('answers undefined for an object it cannot find', async () => {
    const fixture = repo([{ files: { 'a.txt': 'a\n' } }]);
    expect(await ourSizes(fixture.dir, ['0'.repeat(40)])).toEqual(new Map([['0'.repeat(40), undefined]]));
  });
});
