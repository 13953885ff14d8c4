// No command touches the network: scans run with sockets and name resolution stubbed to fail.
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { makeRepo } from '../helpers/git-fixture.js';
import { AWS_KEY } from '../helpers/test-rules.js';

const BIN = new URL('../../bin/leaksweep.js', import.meta.url).pathname;
const BLOCK = new URL('../helpers/block-network.cjs', import.meta.url).pathname;
const repo = makeRepo([{ files: { 'a.env': `AWS_ACCESS_KEY_ID=${AWS_KEY}\n` } }]);
afterAll(() => repo.cleanup());

function run(...args: string[]) {
  return spawnSync(process.execPath, ['--require', BLOCK, BIN, ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20, input: `token ${AWS_KEY}\n` });
}

describe('network', () => {
  it('the stub really blocks', () => {
    const probe = spawnSync(process.execPath, ['--require', BLOCK, '-e', "require('node:net').connect(80, 'example.com')"], { encoding: 'utf8' });
    expect(probe.stderr).toContain('NETWORK BLOCKED');
  });

  it('is never used by scans (both engines, every mode), formats or rule commands', () => {
    const runs = [
      run('scan', repo.dir, '--format', 'sarif', '--quiet'),
      run('scan', repo.dir, '--engine', 'isomorphic', '--format', 'html', '--quiet'),
      run('scan', repo.dir, '--staged', '--quiet'),
      run('scan', '--no-git', repo.dir, '--quiet'),
      run('scan', '-', '--quiet'),
      run('scan', repo.dir, '--lifecycle', '--quiet'),
      run('rules', 'list'),
    ];
    for (const result of runs) {
      expect(result.stderr).not.toContain('NETWORK BLOCKED');
      expect([0, 1]).toContain(result.status);
    }
  });
});
