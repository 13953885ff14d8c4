// Audits of many repositories: one merged report with a line per repository; a broken one is reported and the rest go on.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

  it('keeps a state per repository with a bare --state ($LEAKSWEEP_STATE_DIR): the second audit reads only blobs with findings', () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'leaksweep-audit-state-'));
    try {
      const run = () => spawnSync(process.execPath, [BIN, 'audit', org, '--format', 'json', '--state'], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, LEAKSWEEP_STATE_DIR: stateDir } });
      const first = run();
      const second = run();
      expect(second.status, second.stderr).toBe(1);
      const [before, after] = [JSON.parse(first.stdout), JSON.parse(second.stdout)];
      expect(before.summary.repositories.map((r: { reuse: string }) => r.reuse)).toEqual(['none', 'none', 'none']);
      expect(after.summary.repositories.map((r: { reuse: string }) => r.reuse)).toEqual(['unchanged', 'unchanged', 'unchanged']);
      expect(after.findings).toEqual(before.findings);
      // the clean repository's only blob is known clean; each of the others has one blob with a finding
      expect(after.summary.blobsScanned).toBe(2);
      expect(readdirSync(stateDir)).toHaveLength(3);
      const text = spawnSync(process.execPath, [BIN, 'audit', org, '--format', 'text', '--no-color', '--state', stateDir], { encoding: 'utf8', timeout: 120_000 });
      expect(text.stdout).toMatch(new RegExp(`${join(org, 'one')}\\s+1\\s+1\\s+1\\s+[\\d.]+ s \\(state: unchanged\\)`));
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
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

  it('splits the repositories over shards deterministically, and merge joins the shard reports into the whole', () => {
    const whole = JSON.parse(audit(org, '--format', 'json').stdout);
    const shards = [1, 2, 3].map((index) => {
      const file = join(tmpdir(), `leaksweep-shard-${process.pid}-${index}.json`);
      const result = audit(org, '--shard', `${index}/3`, '--format', 'json', '--output', file);
      expect([0, 1]).toContain(result.status);
      return file;
    });
    try {
      const counts = shards.map((file) => JSON.parse(readFileSync(file, 'utf8')).summary.repositories.length);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(3);
      // same split on every run
      expect(JSON.parse(audit(org, '--shard', '1/3', '--format', 'json').stdout).summary.repositories.length).toBe(counts[0]);
      const merged = spawnSync(process.execPath, [BIN, 'merge', ...shards, '--format', 'json'], { encoding: 'utf8' });
      expect(merged.status).toBe(1);
      const report = JSON.parse(merged.stdout);
      const key = (r: { findings: { repository: string; path: string; fingerprint: string }[] }) => r.findings.map((f) => `${f.repository}:${f.path}:${f.fingerprint}`).sort();
      expect(key(report)).toEqual(key(whole));
      expect(report.summary.repositories.map((r: { repository: string }) => r.repository).sort()).toEqual(whole.summary.repositories.map((r: { repository: string }) => r.repository).sort());
      expect(report.summary.commits).toBe(whole.summary.commits);
    } finally {
      for (const file of shards) rmSync(file, { force: true });
    }
    expect(audit(org, '--shard', '4/3').status).toBe(2);
    const notReport = spawnSync(process.execPath, [BIN, 'merge', BIN], { encoding: 'utf8' });
    expect(notReport.status).toBe(2);
    expect(notReport.stderr).toMatch(/not a readable JSON report/);
  });

  it('needs something to audit', () => {
    const result = audit();
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/name repositories to audit/);
  });
});
