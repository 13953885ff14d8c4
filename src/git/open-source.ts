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

/** The engine a choice comes to: auto is the git binary when it is on PATH. */
export function resolveEngine(choice: EngineChoice): 'git' | 'isomorphic' {
  if (choice === 'isomorphic') return 'isomorphic';
  if (gitAvailable()) return 'git';
  if (choice === 'git') throw new LeaksweepError('GIT_ENGINE_UNAVAILABLE', 'engine "git" needs a git binary on PATH; use --engine isomorphic');
  return 'isomorphic';
}

export async function openSource(dir: string, engine: EngineChoice, revisions?: Revisions): Promise<HistorySource> {
  return resolveEngine(engine) === 'git' ? openGitSource(dir, revisions) : openIsomorphic(dir, revisions);
}
