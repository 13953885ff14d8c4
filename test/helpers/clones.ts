// Shallow and partial clones of fixture repositories, and a way to tell whether anything was fetched into one.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Fixture } from './git-fixture.js';

const made: string[] = [];
afterEach(() => made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function cloneInto(args: string[], source: Fixture): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'leaksweep-clone-')), 'clone');
  made.push(join(dir, '..'));
  execFileSync('git', ['clone', '-q', ...args, `file://${source.dir}`, dir], { stdio: 'ignore' });
  return dir;
}

/** Only the tip commit of each branch cloned: `.git/shallow` lists the boundary. */
export function shallowClone(source: Fixture): string {
  return cloneInto(['--depth', '1'], source);
}

/** No blobs but those the checkout of HEAD needed: the rest stay on the source, the clone's promisor remote. */
export function partialClone(source: Fixture): string {
  source.git('config', 'uploadpack.allowFilter', 'true');
  return cloneInto(['--filter=blob:none'], source);
}

/** Pack files and the objects listed as absent, read without fetching: both change when a lazy fetch happens. */
export function fetchState(dir: string): { packs: string[]; absent: string[] } {
  const packs = readdirSync(join(dir, '.git', 'objects', 'pack')).sort();
  const listed = execFileSync('git', ['rev-list', '--objects', '--missing=print', '--no-object-names', '--all'], { cwd: dir, encoding: 'utf8' });
  return { packs, absent: listed.split('\n').filter((line) => line.startsWith('?')).sort() };
}
