// Where a leak lives now: still present at which branch heads, which commit removed it, which refs still reach it.
import { spawnSync } from 'node:child_process';
import { LeaksweepError } from '../errors.js';
import { CatFile } from './cat-file.js';
import { repositoryEnv } from './git-env.js';

export interface Lifecycle {
  /** branch heads (and HEAD) whose version of the file still holds the secret */
  presentAt: string[];
  /** on HEAD's first-parent line, the first commit after the introduction whose file no longer holds it */
  removedIn?: string;
  /** refs from which the introducing commit is reachable: what a history purge must rewrite */
  reachableFrom: string[];
  /** still live somewhere: rotate; only in history: rotate, then purge history */
  action: 'rotate' | 'rotate-and-purge';
}

export interface LifecycleQuery {
  commit: string;
  path: string;
  secret: string;
}

function git(gitDir: string, args: string[]): string {
  const result = spawnSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env: repositoryEnv() });
  if (result.status !== 0) throw new LeaksweepError('GIT_COMMAND_FAILED', `git ${args[0]} failed: ${(result.stderr || '').trim().split('\n')[0]}`);
  return result.stdout;
}

async function holdsSecret(catFile: CatFile, spec: string, secret: string): Promise<boolean> {
  const read = await catFile.read(spec, 64 << 20);
  return read.kind === 'data' && Buffer.from(read.data.buffer, read.data.byteOffset, read.data.byteLength).includes(secret);
}

export async function lifecycles(gitDir: string, queries: LifecycleQuery[]): Promise<Lifecycle[]> {
  const heads = git(gitDir, ['for-each-ref', '--format=%(refname)', 'refs/heads']).split('\n').filter(Boolean);
  const hasHead = spawnSync('git', ['--git-dir', gitDir, 'rev-parse', '--verify', '-q', 'HEAD'], { encoding: 'utf8', env: repositoryEnv() }).status === 0;
  const catFile = new CatFile(gitDir);
  try {
    const results: Lifecycle[] = [];
    for (const query of queries) {
      const presentAt: string[] = [];
      for (const ref of [...(hasHead ? ['HEAD'] : []), ...heads]) {
        if (await holdsSecret(catFile, `${ref}:${query.path}`, query.secret)) presentAt.push(ref);
      }
      let removedIn: string | undefined;
      if (hasHead && !presentAt.includes('HEAD')) {
        const touching = git(gitDir, ['log', '--first-parent', '--reverse', '--format=%H', `${query.commit}..HEAD`, '--', query.path]).split('\n').filter(Boolean);
        for (const commit of touching) {
          if (!(await holdsSecret(catFile, `${commit}:${query.path}`, query.secret))) {
            removedIn = commit;
            break;
          }
        }
      }
      const reachableFrom = git(gitDir, ['for-each-ref', '--contains', query.commit, '--format=%(refname)']).split('\n').filter(Boolean);
      results.push({ presentAt, ...(removedIn ? { removedIn } : {}), reachableFrom, action: presentAt.length > 0 ? 'rotate' : 'rotate-and-purge' });
    }
    return results;
  } finally {
    await catFile.close();
  }
}
