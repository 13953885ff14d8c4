// Annotated tags and git notes as the git binary lists them: what a metadata scan reads besides commits.
import { execFile } from 'node:child_process';
import { LeaksweepError } from '../errors.js';
import { gitFailure, repositoryEnv } from './git-env.js';
import type { AnnotatedTag, Note } from './history-source.js';

/** Asynchronous: the listing runs while the walk goes on. */
function git(gitDir: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', env: repositoryEnv(), maxBuffer: 1 << 30 }, (error, stdout, stderr) => {
      if (!error) resolve(stdout);
      else if (typeof error.code === 'string') reject(new LeaksweepError('GIT_ENGINE_UNAVAILABLE', `git binary not usable: ${error.message}`));
      else reject(new LeaksweepError('GIT_COMMAND_FAILED', `git ${args[0]} failed: ${gitFailure(stderr, typeof error.code === 'number' ? error.code : null)}`));
    });
  });
}

const lines = (text: string): string[] => text.split('\n').filter(Boolean);

export async function gitAnnotatedTags(gitDir: string): Promise<AnnotatedTag[]> {
  const tags: AnnotatedTag[] = [];
  for (const line of lines(await git(gitDir, ['for-each-ref', '--sort=refname', '--format=%(objecttype) %(objectname) %(refname)', 'refs/tags/']))) {
    const [type, oid, ref] = line.split(' ', 3);
    if (type === 'tag') tags.push({ name: ref.slice('refs/tags/'.length), oid });
  }
  return tags;
}

/** `git notes list` reads the fan-out directories of a notes tree for us. */
export async function gitNotes(gitDir: string): Promise<Note[]> {
  const notes: Note[] = [];
  for (const ref of lines(await git(gitDir, ['for-each-ref', '--sort=refname', '--format=%(refname)', 'refs/notes/']))) {
    for (const line of lines(await git(gitDir, ['notes', `--ref=${ref}`, 'list']))) {
      const [blob, target] = line.split(' ');
      notes.push({ ref: ref.slice('refs/notes/'.length), target, blob });
    }
  }
  return notes.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
}
