// Writes the pre-commit hook that runs `leaksweep scan --staged`, wherever git looks for hooks (core.hooksPath included).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { LeaksweepError } from '../errors.js';
import { gitEnv } from './git-env.js';
import { notARepository } from './repository-errors.js';

export const HOOK_MARKER = '# installed by leaksweep install-hook';

export interface HookResult {
  path: string;
  replaced: 'none' | 'ours' | 'foreign';
}

function hooksDir(dir: string): string {
  const result = spawnSync('git', ['rev-parse', '--git-path', 'hooks'], { cwd: dir, encoding: 'utf8', env: gitEnv() });
  if (result.status !== 0) throw notARepository(dir);
  const path = result.stdout.trim();
  return isAbsolute(path) ? path : join(resolve(dir), path);
}

function hookScript(node: string, bin: string): string {
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
  return `#!/bin/sh\n${HOOK_MARKER}\n# Blocks a commit that adds a secret. Bypass once with: git commit --no-verify\nexec ${quote(node)} ${quote(bin)} scan --staged --format text "$@"\n`;
}

/** Refuses to replace a hook it did not write unless forced: that hook may do something the team relies on. */
export function installHook(dir: string, command: { node: string; bin: string }, force: boolean): HookResult {
  const directory = hooksDir(dir);
  const path = join(directory, 'pre-commit');
  let replaced: HookResult['replaced'] = 'none';
  if (existsSync(path)) {
    replaced = readFileSync(path, 'utf8').includes(HOOK_MARKER) ? 'ours' : 'foreign';
    if (replaced === 'foreign' && !force) {
      throw new LeaksweepError('USAGE', `${path}: a pre-commit hook already exists and was not written by leaksweep; use --force to replace it`);
    }
  }
  mkdirSync(directory, { recursive: true });
  writeFileSync(path, hookScript(command.node, command.bin));
  chmodSync(path, 0o755);
  return { path, replaced };
}
