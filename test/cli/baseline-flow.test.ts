// Only new leaks fail: baseline create, then scans after a line move, a rebase, a new secret; stale entries; foreign baselines.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeRepo } from '../helpers/git-fixture.js';
import { AWS_KEY, GITHUB_TOKEN } from '../helpers/test-rules.js';

const BIN = new URL('../../bin/leaksweep.js', import.meta.url).pathname;
const NEW_TOKEN = 'ghp_Zt4Kq8Wm2Xv6Bn1Lp9Rs3Hd7Jf5Gc0Ya2Eu4';

function run(cwd: string, ...args: string[]) {
  const env = { ...process.env };
  delete env.LEAKSWEEP_BASELINE_KEY;
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env });
}

function json(result: { stdout: string }) {
  return JSON.parse(result.stdout) as { findings: { path: string; ruleId: string }[]; summary: { baseline?: { suppressed: number; stale: unknown[] } } };
}

const repo = makeRepo([
  { files: { 'config/app.env': `MODE=prod\nAWS_ACCESS_KEY_ID=${AWS_KEY}\n` } },
  { branch: 'feature', files: { 'ci/deploy.sh': `curl -H "Authorization: token ${GITHUB_TOKEN}" x\n` } },
  { branch: 'main', files: { 'README.md': '# app\n' } },
]);
afterAll(() => repo.cleanup());

describe('baseline workflow', () => {
  it('suppresses what the baseline records, across a line move and a rebase, and fails on a new secret', () => {
    const created = run(repo.dir, 'baseline', 'create', '.');
    expect(created.status, created.stderr).toBe(0);
    const file = join(repo.dir, '.leaksweep-baseline.json');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(AWS_KEY);
    expect(text).not.toContain(GITHUB_TOKEN);
    expect(text).not.toContain(createHash('sha256').update(AWS_KEY).digest('hex'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(text).entries).toHaveLength(2);

    const clean = run(repo.dir, 'scan', '.', '--format', 'json');
    expect(clean.status, clean.stderr).toBe(0);
    expect(json(clean).summary.baseline?.suppressed).toBe(2);

    // move the line: same rule, secret and path, other line
    writeFileSync(join(repo.dir, 'config/app.env'), `# moved\n\nAWS_ACCESS_KEY_ID=${AWS_KEY}\nMODE=prod\n`);
    repo.git('commit', '-qam', 'reorder env');
    expect(run(repo.dir, 'scan', '.', '--format', 'json').status).toBe(0);

    // rebase the feature branch: its commits get new ids, the leak keeps its identity
    repo.git('rebase', '-q', 'main', 'feature');
    repo.git('checkout', '-q', 'main');
    expect(run(repo.dir, 'scan', '.', '--format', 'json').status).toBe(0);

    writeFileSync(join(repo.dir, 'new.sh'), `export GH=${NEW_TOKEN}\n`);
    repo.git('add', 'new.sh');
    repo.git('commit', '-qm', 'new leak');
    const failing = run(repo.dir, 'scan', '.', '--format', 'json');
    expect(failing.status).toBe(1);
    expect(json(failing).findings.map((f) => f.path)).toEqual(['new.sh']);

    // the pre-commit scan gives the same identity as the history scan: a known secret added again
    // at its known path is suppressed, the same secret at a new path is not
    writeFileSync(join(repo.dir, 'config/app.env'), `# moved\n\nAWS_ACCESS_KEY_ID=${AWS_KEY}\nMODE=prod\nAWS_ACCESS_KEY_ID=${AWS_KEY}\n`);
    repo.git('add', 'config/app.env');
    const staged = run(repo.dir, 'scan', '--staged', '.', '--format', 'json');
    expect(staged.status, staged.stdout).toBe(0);
    expect(json(staged).summary.baseline?.suppressed).toBe(1);
    writeFileSync(join(repo.dir, 'again.env'), `AWS_ACCESS_KEY_ID=${AWS_KEY}\n`);
    repo.git('add', 'again.env');
    expect(run(repo.dir, 'scan', '--staged', '.', '--format', 'json').status).toBe(1);
    repo.git('reset', '-q', '--hard');
    rmSync(join(repo.dir, 'again.env'), { force: true });
  });

  it('keeps triage on update and lists stale entries', () => {
    const file = join(repo.dir, '.leaksweep-baseline.json');
    const baseline = JSON.parse(readFileSync(file, 'utf8'));
    baseline.entries[0].status = 'false-positive';
    baseline.entries[0].reason = 'test fixture';
    writeFileSync(file, JSON.stringify(baseline, null, 2));
    expect(run(repo.dir, 'baseline', 'update', '.').status).toBe(0);
    const updated = JSON.parse(readFileSync(file, 'utf8'));
    expect(updated.entries).toHaveLength(3);
    expect(updated.entries.find((e: { reason?: string }) => e.reason === 'test fixture')?.status).toBe('false-positive');

    // on disk (no history) the deleted/moved files are gone: their entries are stale there
    const onDisk = run(repo.dir, 'scan', '--no-git', '.', '--baseline', file, '--format', 'json');
    const summary = json(onDisk).summary;
    expect(summary.baseline?.stale.length).toBeGreaterThan(0);
    expect(JSON.stringify(summary)).not.toContain(GITHUB_TOKEN);

    const audit = run(repo.dir, 'baseline', 'audit', file);
    expect(audit.status).toBe(0);
    expect(audit.stdout).toMatch(/3 entries: 2 unreviewed, 1 false-positive/);
  });

  it('reads detect-secrets, gitleaks and .gitleaksignore files as baselines', () => {
    const other = makeRepo([{ files: { 'keys.txt': `${AWS_KEY}\n` } }]);
    try {
      const commit = other.git('rev-parse', 'HEAD').trim();
      const detectSecrets = {
        version: '1.5.0', plugins_used: [{ name: 'AWSKeyDetector' }], generated_at: '2024-01-01T00:00:00Z',
        results: { 'keys.txt': [{ type: 'AWS Access Key', filename: 'keys.txt', hashed_secret: createHash('sha1').update(AWS_KEY).digest('hex'), line_number: 1, is_verified: false }] },
      };
      writeFileSync(join(other.dir, '.secrets.baseline'), JSON.stringify(detectSecrets));
      writeFileSync(join(other.dir, 'gitleaks.json'), JSON.stringify([{ RuleID: 'aws-access-token', File: 'keys.txt', StartLine: 1, Commit: commit, Secret: 'REDACTED', Fingerprint: `${commit}:keys.txt:aws-access-token:1` }]));
      writeFileSync(join(other.dir, '.gitleaksignore'), `# triaged\n${commit}:keys.txt:aws-access-token:1\n`);
      expect(run(other.dir, 'scan', '.', '--ignore-baseline').status).toBe(1);
      for (const file of ['.secrets.baseline', 'gitleaks.json', '.gitleaksignore']) {
        const result = run(other.dir, 'scan', '.', '--baseline', file, '--format', 'json');
        expect(result.status, `${file}: ${result.stderr}`).toBe(0);
        expect(json(result).summary.baseline?.suppressed).toBe(1);
      }
    } finally {
      other.cleanup();
    }
  });

  it('rejects a malformed baseline with one line naming the file', () => {
    const bad = join(repo.dir, 'bad-baseline.json');
    writeFileSync(bad, '{"version": 1, "keyed": "salt", "entries": [{"oops": true}]}');
    const result = run(repo.dir, 'scan', '.', '--baseline', bad);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('bad-baseline.json');
  });
});
