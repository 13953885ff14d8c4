// Remote repositories: a bare mirror kept in a cache directory, fetched before each scan. The only git code that reaches a network.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { LeaksweepError } from '../errors.js';
import { gitAvailable } from './git-source.js';

const URL_FORM = /^(?:https?|ssh|git|file):\/\//i;
/** scp-like `user@host:path`, as git reads it: no slash before the colon, and not `user@host://` */
const SCP_FORM = /^[^\s/@:]+@[^\s/:]+:(?!\/\/)\S/;
/** userinfo in any URL git may echo in its messages */
const USERINFO = /([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi;

export function isRemoteUrl(target: string): boolean {
  return URL_FORM.test(target) || SCP_FORM.test(target);
}

/**
 * What a report and the cache may show of a URL: no userinfo (a token often rides there), no query or fragment.
 * The user of an scp-like address is a login name (`git@`), never a password: it stays.
 */
export function displayUrl(target: string): string {
  if (!URL_FORM.test(target)) return target;
  try {
    const url = new URL(target);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.href;
  } catch {
    return target.replace(USERINFO, '$1').replace(/[?#].*$/, '');
  }
}

/** `--mirror-dir`, else $LEAKSWEEP_MIRROR_DIR, else $XDG_CACHE_HOME/leaksweep/mirrors, else ~/.cache/leaksweep/mirrors. */
export function mirrorRoot(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(option || env.LEAKSWEEP_MIRROR_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'leaksweep', 'mirrors'));
}

/** Named by a hash of the credential-free URL, so a rotated token still finds its mirror; the last path segment keeps it readable. */
export function mirrorDirFor(root: string, target: string): string {
  const shown = displayUrl(target);
  const tail = (shown.replace(/\/+$/, '').split(/[/:]/).pop() ?? '').replace(/\.git$/, '').replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 40) || 'repo';
  return join(root, `${tail}-${createHash('sha256').update(shown).digest('hex').slice(0, 16)}.git`);
}

/** Git may echo the URL it was given; what it prints goes through this first. */
function redact(text: string, target: string): string {
  return text.split(target).join(displayUrl(target)).replace(USERINFO, '$1');
}

/** The user's config and credential helpers apply as for any git command; a prompt never waits for an answer that cannot come. */
function remoteEnv(): NodeJS.ProcessEnv {
  const { GIT_DIR: _dir, GIT_WORK_TREE: _tree, GIT_COMMON_DIR: _common, GIT_INDEX_FILE: _index, ...env } = process.env;
  return { ...env, GIT_TERMINAL_PROMPT: '0' };
}

function run(args: string[], target: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn('git', args, { stdio: ['ignore', 'ignore', 'pipe'], env: remoteEnv() });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    child.on('error', (error) => fail(new LeaksweepError('GIT_ENGINE_UNAVAILABLE', `git binary not usable: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) return done();
      const lines = redact(stderr, target).trim().split('\n');
      const why = lines.find((line) => /^(?:fatal|error):/.test(line)) ?? lines[0] ?? `exit code ${code}`;
      fail(new LeaksweepError('GIT_COMMAND_FAILED', `${displayUrl(target)}: cannot fetch (${why.replace(/^(?:fatal|error):\s*/, '')})`));
    });
  });
}

const MIRROR_REFS = '+refs/*:refs/*';

/**
 * Mirrors `target` into the cache and returns the mirror's directory. The URL with its credentials is given to
 * git only on the command line of each fetch: the mirror's config keeps the credential-free one.
 * A first fetch goes into a temporary directory renamed into place, so a failed clone leaves nothing behind.
 */
export async function updateMirror(target: string, root: string): Promise<string> {
  if (!gitAvailable()) throw new LeaksweepError('GIT_ENGINE_UNAVAILABLE', 'scanning a URL needs a git binary on PATH to mirror it');
  const dir = mirrorDirFor(root, target);
  if (existsSync(join(dir, 'HEAD'))) {
    await run(['--git-dir', dir, 'fetch', '--quiet', '--prune', '--no-write-fetch-head', target, MIRROR_REFS], target);
    return dir;
  }
  mkdirSync(root, { recursive: true, mode: 0o700 });
  // left by a run cut off before the rename could not be; nothing in it is worth keeping
  rmSync(dir, { recursive: true, force: true });
  const fresh = `${dir}.${process.pid}.tmp`;
  rmSync(fresh, { recursive: true, force: true });
  try {
    await run(['init', '--quiet', '--bare', fresh], target);
    await run(['--git-dir', fresh, 'config', 'remote.origin.url', displayUrl(target)], target);
    await run(['--git-dir', fresh, 'config', 'remote.origin.fetch', MIRROR_REFS], target);
    await run(['--git-dir', fresh, 'config', 'remote.origin.mirror', 'true'], target);
    await run(['--git-dir', fresh, 'fetch', '--quiet', '--no-write-fetch-head', target, MIRROR_REFS], target);
    renameSync(fresh, dir);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
  return dir;
}
