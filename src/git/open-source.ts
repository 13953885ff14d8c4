// Picks the repository reader: the git binary when it is on PATH (fast), isomorphic-git otherwise.
import { LeaksweepError } from '../errors.js';
import { gitAvailable, openGitSource } from './git-source.js';
import type { HistorySource, Revisions } from './history-source.js';

export type EngineChoice = 'auto' | 'git' | 'isomorphic';

/** Loaded on demand: isomorphic-git is a large import the git engine never needs. */
async function openIsomorphic(dir: string, revisions?: Revisions): Promise<HistorySource> {
  const { openIsomorphicSource } = await import('./isomorphic-source.js');
  return openIsomorphicSource(dir, revisions);
}

export async function openSource(dir: string, engine: EngineChoice, revisions?: Revisions): Promise<HistorySource> {
  if (engine === 'isomorphic') return openIsomorphic(dir, revisions);
  if (gitAvailable()) return openGitSource(dir, revisions);
  if (engine === 'git') throw new LeaksweepError('GIT_ENGINE_UNAVAILABLE', 'engine "git" needs a git binary on PATH; use --engine isomorphic');
  return openIsomorphic(dir, revisions);
}
