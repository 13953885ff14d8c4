// Annotated tags and git notes as the git binary lists them: what a metadata scan reads besides commits.
import { spawnSync } from 'node:child_process';
import { LeaksweepError } from '../errors.js';
import { gitFailure, repositoryEnv } from './git-env.js';
import type { AnnotatedTag, Note } from './history-source.js';

function git(gitDir: string, args: string[]): string {
  const result = spawnSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', env: repositoryEnv(), maxBuffer: 1 << 30 });
  if (result.error) throw new LeaksweepError('GIT_ENGINE_UNAVAILABLE', `git binary not usable: ${result.error.message}`);
  if (result.status !== 0) throw new LeaksweepError('GIT_COMMAND_FAILED', `git ${args[0]} failed: ${gitFailure(result.stderr, result.status)}`);
  return result.stdout;
}

const lines = (text: string): string[] => text.split('\n').filter(Boolean);

export function gitAnnotatedTags(gitDir: string): AnnotatedTag[] {
  const tags: AnnotatedTag[] = [];
  for (const line of lines(git(gitDir, ['for-each-ref', '--sort=refname', '--format=%(objecttype) %(objectname) %(refname)', 'refs/tags/']))) {
    const [type, oid, ref] = line.split(' ', 3);
    if (type === 'tag') tags.push({ name: ref.slice('refs/tags/'.length), oid });
  }
  return tags;
}

/** `git notes list` reads the fan-out directories of a notes tree for us. */
export function gitNotes(gitDir: string): Note[] {
  const notes: Note[] = [];
  for (const ref of lines(git(gitDir, ['for-each-ref', '--sort=refname', '--format=%(refname)', 'refs/notes/']))) {
    for (const line of lines(git(gitDir, ['notes', `--ref=${ref}`, 'list']))) {
      const [blob, target] = line.split(' ');
      notes.push({ ref: ref.slice('refs/notes/'.length), target, blob });
    }
  }
  return notes.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
}
