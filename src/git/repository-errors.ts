// What every reader of a repository says of a path that is not one, worded alike whichever git process found out.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { LeaksweepError } from '../errors.js';

export function notARepository(dir: string): LeaksweepError {
  return new LeaksweepError('GIT_NOT_A_REPOSITORY', `${resolve(dir)}: not a git repository`);
}

/** Checked before git runs in `dir`: a missing working directory would read as a missing git binary. */
export function requireDirectory(dir: string): void {
  if (!existsSync(dir)) throw new LeaksweepError('GIT_NOT_A_REPOSITORY', `${dir}: no such directory`);
}
