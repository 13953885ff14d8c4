// Builds real git repositories in a temp dir from small declarative specs, with fixed dates so object ids are stable.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

export interface FixtureCommit {
  /** branch to commit on; created from `from` (default: the current HEAD) when it does not exist */
  branch?: string;
  from?: string;
  /** path → content; null deletes the file */
  files?: Record<string, string | Buffer | null>;
  message?: string;
  author?: { name: string; email: string };
  /** merge these branches into `branch` (a real merge commit, conflicts resolved by `files`) */
  merge?: string[];
  tag?: string;
  /** annotated tag message: makes `tag` an annotated tag */
  tagMessage?: string;
}

export interface Fixture {
  dir: string;
  git(...args: string[]): string;
  cleanup(): void;
}

let clock = 1_700_000_000;

function env(seconds: number, author?: { name: string; email: string }): NodeJS.ProcessEnv {
  const date = `${seconds} +0000`;
  return {
    ...process.env,
    GIT_AUTHOR_NAME: author?.name ?? 'Fixture Author',
    GIT_AUTHOR_EMAIL: author?.email ?? 'author@example.com',
    GIT_COMMITTER_NAME: 'Fixture Committer',
    GIT_COMMITTER_EMAIL: 'committer@example.com',
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
  };
}

export function makeRepo(commits: FixtureCommit[], options: { bare?: boolean } = {}): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'leaksweep-fixture-'));
  let time = clock;
  clock += 100_000;
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: dir, env: env(time), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  git('config', 'commit.gpgsign', 'false');
  let current = 'main';
  let first = true;
  for (const commit of commits) {
    time += 60;
    const branch = commit.branch ?? current;
    if (branch !== current) {
      const exists = !first && git('branch', '--list', branch).trim() !== '';
      if (exists) git('checkout', '-q', branch);
      else if (first) git('checkout', '-q', '-b', branch);
      else git('checkout', '-q', '-b', branch, commit.from ?? 'HEAD');
      current = branch;
    }
    if (commit.merge) {
      try {
        git('merge', '-q', '--no-ff', '--no-commit', ...commit.merge);
      } catch {
        // conflicts are resolved by the files below
      }
    }
    for (const [path, content] of Object.entries(commit.files ?? {})) {
      const full = join(dir, path);
      if (content === null) {
        unlinkSync(full);
        git('rm', '-q', '--cached', '--', path);
        continue;
      }
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
      git('add', '--', path);
    }
    execFileSync('git', ['commit', '-q', '--allow-empty', '-m', commit.message ?? `commit ${time}`], {
      cwd: dir,
      env: env(time, commit.author),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    first = false;
    if (commit.tag) {
      if (commit.tagMessage) git('tag', '-a', commit.tag, '-m', commit.tagMessage);
      else git('tag', commit.tag);
    }
  }
  let repoDir = dir;
  if (options.bare) {
    const bareDir = mkdtempSync(join(tmpdir(), 'leaksweep-bare-'));
    execFileSync('git', ['clone', '-q', '--mirror', dir, bareDir], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
    repoDir = bareDir;
  }
  return {
    dir: repoDir,
    git: (...args: string[]) =>
      execFileSync('git', args, { cwd: repoDir, env: env(time), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
    cleanup: () => rmSync(repoDir, { recursive: true, force: true }),
  };
}

/** A makeRepo whose repositories are removed after each test of the file that calls it. */
export function repoPerTest(): typeof makeRepo {
  const made: Fixture[] = [];
  afterEach(() => made.splice(0).forEach((fixture) => fixture.cleanup()));
  return (commits, options) => {
    const fixture = makeRepo(commits, options);
    made.push(fixture);
    return fixture;
  };
}
