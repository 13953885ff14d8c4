// Picks the repository reader: the git binary when it is on PATH (fast), isomorphic-git otherwise.
import { LeaksweepError } from '../errors.js';
import { findRepository, openGitSource, type GitRepository } from './git-source.js';
import type { HistorySource, Revisions } from './history-source.js';

export type EngineChoice = 'auto' | 'git' | 'isomorphic';

/** Loaded on demand: isomorphic-git is a large import the git engine never needs. */
async function openIsomorphic(dir: string, revisions?: Revisions): Promise<HistorySource> {
  const { openIsomorphicSource } = await import('./isomorphic-source.js');
  return openIsomorphicSource(dir, revisions);
}

/** The engine a choice comes to, with the repository when it is git's: auto is the git binary when it is on PATH. */
export type Located = ({ engine: 'git' } & GitRepository) | { engine: 'isomorphic' };

export function locateRepository(dir: string, choice: EngineChoice): Located {
  if (choice === 'isomorphic') return { engine: 'isomorphic' };
  const repository = findRepository(dir);
  if (repository) return { engine: 'git', ...repository };
  if (choice === 'git') throw new LeaksweepError('GIT_ENGINE_UNAVAILABLE', 'engine "git" needs a git binary on PATH; use --engine isomorphic');
  return { engine: 'isomorphic' };
}

export async function openSource(dir: string, engine: EngineChoice, revisions?: Revisions, located: Located = locateRepository(dir, engine)): Promise<HistorySource> {
  return located.engine === 'git' ? openGitSource(dir, revisions, located) : openIsomorphic(dir, revisions);
}
