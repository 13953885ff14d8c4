// What an incremental scan compares between runs: the commits every ref points at, and whether old ones are still reachable.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LeaksweepError } from '../errors.js';
import { repositoryEnv } from './git-env.js';

function git(gitDir: string, args: string[], input?: string): { status: number | null; stdout: string } {
  const result = spawnSync('git', ['--git-dir', gitDir, ...args], { input, encoding: 'utf8', env: repositoryEnv(), maxBuffer: 1 << 30 });
  if (result.error) throw new LeaksweepError('GIT_ENGINE_UNAVAILABLE', `git binary not usable: ${result.error.message}`);
  return result;
}

/** The commits `git log --all` starts from (every ref and HEAD, tags peeled), sorted, each once. */
export function refTips(gitDir: string): string[] {
  const result = git(gitDir, ['log', '--all', '--no-walk=unsorted', '--format=%H']);
  // An empty repository has no tips; git log then fails or prints nothing.
  if (result.status !== 0) return [];
  return [...new Set(result.stdout.split('\n').filter(Boolean))].sort();
}

/** Deepening or unshallowing a clone changes its history without moving a ref. */
export function shallowMarker(gitDir: string): string {
  try {
    return createHash('sha256').update(readFileSync(join(gitDir, 'shallow'))).digest('hex');
  } catch {
    return '';
  }
}

/** True when every old tip still exists and is reachable from some ref: history only grew, so new commits suffice. */
export function stillReachable(gitDir: string, oldTips: string[]): boolean {
  if (oldTips.length === 0) return true;
  const result = git(gitDir, ['rev-list', '--count', '--stdin', '--not', '--all'], oldTips.map((oid) => `${oid}\n`).join(''));
  return result.status === 0 && result.stdout.trim() === '0';
}
