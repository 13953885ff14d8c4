// Audits of many repositories: one merged report with a line per repository; a broken one is reported and the rest go on.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeRepo } from '../helpers/git-fixture.js';
import { AWS_KEY, GITHUB_TOKEN } from '../helpers/test-rules.js';

const BIN = new URL('../../bin/leaksweep.js', import.meta.url).pathname;
const org = mkdtempSync(join(tmpdir(), 'leaksweep-org-'));
const one = makeRepo([{ files: { 'a.env': `AWS_ACCESS_KEY_ID=${AWS_KEY}\n` } }]);
const two = makeRepo([{ files: { 'ci.sh': `token ${GITHUB_TOKEN}\n` } }], { bare: true });
const clean = makeRepo([{ files: { 'README.md': '# nothing\n' } }]);
renameSync(one.dir, join(org, 'one'));
renameSync(two.dir, join(org, 'two.git'));
renameSync(clean.dir, join(org, 'clean'));
afterAll(() => rmSync(org, { recursive: true, force: true }));

function audit(...args: string[]) {
  return spawnSync(process.execPath, [BIN, 'audit', ...args], { encoding: 'utf8', timeout: 120_000 });
}

describe('leaksweep audit', () => {
  it('scans every repository of a directory into one report', () => {
    const result = audit(org, '--format', 'json', '--repos', '2');
    expect(result.status, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.summary.repositories.map((r: { repository: string; findings: number }) => [r.repository, r.findings])).toEqual([
      [join(org, 'clean'), 0],
      [join(org, 'one'), 1],
      [join(org, 'two.git'), 1],
    ]);
    expect(report.findings.map((f: { repository: string; path: string }) => `${f.repository}:${f.path}`).sort()).toEqual([`${join(org, 'one')}:a.env`, `${join(org, 'two.git')}:ci.sh`]);
    expect(report.summary.commits).toBe(3);
    expect(result.stdout).not.toContain(AWS_KEY);
  });

  it('reports a broken repository, goes on, and exits 2; reads --list', () => {
    const broken = join(org, 'broken');
    mkdirSync(join(broken, '.git'), { recursive: true });
    writeFileSync(join(broken, '.git', 'HEAD'), 'garbage\n');
    const list = join(tmpdir(), `leaksweep-list-${process.pid}.txt`);
    writeFileSync(list, `# repositories\n${join(org, 'one')}\n${broken}\n`);
    try {
      const result = audit('--list', list, '--format', 'text', '--no-color');
      expect(result.status).toBe(2);
      expect(result.stdout).toMatch(new RegExp(`${broken}\\s+FAILED: .*not a git repository`));
      expect(result.stdout).toMatch(/a\.env/);
      expect(result.stderr).toContain(`${broken}: `);
    } finally {
      rmSync(broken, { recursive: true, force: true });
      rmSync(list, { force: true });
    }
  });

  it('needs something to audit', () => {
    const result = audit();
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/name repositories to audit/);
  });
});
