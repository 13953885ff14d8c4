// The pre-commit hook: written where git looks, never over a foreign hook unless forced, and it really blocks a leaking commit.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOOK_MARKER, installHook } from '../../src/git/install-hook.js';
import { repoPerTest, type Fixture } from '../helpers/git-fixture.js';
import { GITHUB_TOKEN } from '../helpers/test-rules.js';

const BIN = new URL('../../bin/leaksweep.js', import.meta.url).pathname;
const command = { node: process.execPath, bin: BIN };
const makeRepo = repoPerTest();

function repo(): Fixture {
  return makeRepo([{ files: { 'README.md': '# x\n' } }]);
}

function commit(fixture: Fixture, path: string, content: string) {
  writeFileSync(join(fixture.dir, path), content);
  fixture.git('add', path);
  return spawnSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '-qm', `add ${path}`], { cwd: fixture.dir, encoding: 'utf8' });
}

describe('installHook', () => {
  it('installs an executable hook that blocks a commit adding a secret and lets a clean one through', () => {
    const fixture = repo();
    const result = installHook(fixture.dir, command, false);
    expect(result).toEqual({ path: join(fixture.dir, '.git', 'hooks', 'pre-commit'), replaced: 'none' });
    expect(statSync(result.path).mode & 0o111).not.toBe(0);
    const blocked = commit(fixture, 'deploy.sh', `curl -H "Authorization: token ${GITHUB_TOKEN}"\n`);
    expect(blocked.status).not.toBe(0);
    // git passes a hook's output on stderr
    expect(blocked.stderr).toContain('deploy.sh');
    expect(blocked.stderr + blocked.stdout).not.toContain(GITHUB_TOKEN);
    fixture.git('reset', '-q');
    const clean = commit(fixture, 'notes.txt', 'nothing secret\n');
    expect(clean.status).toBe(0);
  });

  it('refuses to replace a foreign hook unless forced, and replaces its own', () => {
    const fixture = repo();
    const path = join(fixture.dir, '.git', 'hooks', 'pre-commit');
    mkdirSync(join(fixture.dir, '.git', 'hooks'), { recursive: true });
    writeFileSync(path, '#!/bin/sh\nrun-linters\n');
    expect(() => installHook(fixture.dir, command, false)).toThrow(/already exists/);
    expect(readFileSync(path, 'utf8')).toContain('run-linters');
    expect(installHook(fixture.dir, command, true).replaced).toBe('foreign');
    expect(installHook(fixture.dir, command, false).replaced).toBe('ours');
    expect(readFileSync(path, 'utf8')).toContain(HOOK_MARKER);
  });

  it('honours core.hooksPath', () => {
    const fixture = repo();
    fixture.git('config', 'core.hooksPath', '.githooks');
    const result = installHook(fixture.dir, command, false);
    expect(result.path).toBe(join(fixture.dir, '.githooks', 'pre-commit'));
    expect(existsSync(result.path)).toBe(true);
  });
});
