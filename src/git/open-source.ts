// Picks the repository reader: the git binary when it is on PATH (fast), isomorphic-git otherwise.
import { LeaksweepError } from '../errors.js';
import { gitAvailable, openGitSource } from './git-source.js';
import type { HistorySource } from './history-source.js';
import { openIsomorphicSource } from './isomorphic-source.js';

export type EngineChoice = 'auto' | 'git' | 'isomorphic';

export async function openSource(dir: string, engine: EngineChoice): Promise<HistorySource> {
  if (engine === 'isomorphic') return openIsomorphicSource(dir);
  if (engine === 'git' || gitAvailable()) {
    if (engine === 'git' && !gitAvailable()) throw new LeaksweepError('GIT_ENGINE_UNAVAILABLE', 'engine "git" needs a git binary on PATH; use --engine isomorphic');
    return openGitSource(dir);
  }
  return openIsomorphicSource(dir);
}
