// End to end: spawns bin/leaksweep.js against fixture repositories and checks exit codes and output.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeRepo } from '../helpers/git-fixture.js';
import { AWS_KEY, GITHUB_TOKEN } from '../helpers/test-rules.js';

const BIN = new URL('../../bin/leaksweep.js', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'leaksweep-out-'));
const leaky = makeRepo([
  { files: { 'README.md': '# demo\n' } },
  { files: { '.env': `AWS_ACCESS_KEY_ID=${AWS_KEY}\n`, 'ci/deploy.sh': `curl -H "Authorization: token ${GITHUB_TOKEN}" https://api.github.com\n` } },
  { files: { '.env': null } },
]);
const clean = makeRepo([{ files: { 'index.js': 'console.log("hello");\n' } }]);

afterAll(() => {
  leaky.cleanup();
  clean.cleanup();
  rmSync(out, { recursive: true, force: true });
});

function run(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
}

function runWithInput(input: string, ...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, input });
}

describe('bin/leaksweep.js', () => {
  it('exits 1 and writes a redacted JSON report when history holds secrets', () => {
    const report = join(out, 'report.json');
    const result = run('scan', leaky.dir, '--output', report);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/2 findings in 3 commits/);
    const text = readFileSync(report, 'utf8');
    expect(text).not.toContain(AWS_KEY);
    expect(text).not.toContain(GITHUB_TOKEN);
    expect(statSync(report).mode & 0o777).toBe(0o600);
    const parsed = JSON.parse(text);
    expect(parsed.findings.map((f: { path: string }) => f.path).sort()).toEqual(['.env', 'ci/deploy.sh']);
    expect(parsed.summary).toMatchObject({ commits: 3, engine: 'git', incomplete: false });
  });

  it('prints secrets only with --show-secrets', () => {
    const result = run('scan', leaky.dir, '--format', 'json', '--show-secrets', '--quiet');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(AWS_KEY);
    expect(result.stderr).toBe('');
  });

  it('prints a text report on request', () => {
    const result = run('scan', leaky.dir, '--format', 'text', '--no-color');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^ci\/deploy\.sh$/m);
    expect(result.stdout).not.toContain(GITHUB_TOKEN);
  });

  it('takes the last of a repeated option', () => {
    const result = run('scan', leaky.dir, '--format', 'sarif', '--format', 'json');
    expect(result.status, result.stderr).toBe(1);
    expect(JSON.parse(result.stdout).summary.findings).toBe(2);
  });

  it('says what a bad option value is in one line', () => {
    const result = run('scan', leaky.dir, '--format', 'yaml');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^leaksweep: Invalid values: Argument: format, Given: "yaml", Choices: .*\n$/);
  });

  it('exits 0 on a clean repository', () => {
    const result = run('scan', clean.dir, '--quiet');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).findings).toEqual([]);
  });

  it('exits 2 with one line on stderr for bad input, never a stack trace', () => {
    for (const args of [['scan', '/nonexistent/repo'], ['scan', clean.dir, '--jobs', '0'], ['scan', clean.dir, '--max-blob-size', 'lots'], ['scan', clean.dir, '--bogus'], ['scan', clean.dir, '--output', '/nonexistent/dir/r.json']]) {
      const result = run(...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr).toMatch(/^leaksweep: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('scans standard input with a lone -', () => {
    const result = runWithInput(`+export TOKEN=${GITHUB_TOKEN}\n`, 'scan', '-', '--format', 'json');
    expect(result.status).toBe(1);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.findings.map((f: { path: string; line: number }) => [f.path, f.line])).toEqual([['stdin', 1]]);
    expect(parsed.summary.mode).toBe('stdin');
    expect(result.stdout).not.toContain(GITHUB_TOKEN);
  });

  it('scans files on disk with --no-git', () => {
    const result = run('scan', '--no-git', leaky.dir, '--format', 'json', '--quiet');
    expect(result.status).toBe(1);
    const paths = JSON.parse(result.stdout).findings.map((f: { path: string }) => f.path);
    // .env was deleted in history: on disk only the deploy script is left
    expect(paths).toEqual(['ci/deploy.sh']);
  });

  it('finishes a full-history scan of its own repository (real rule pack, real history)', () => {
    const root = new URL('../..', import.meta.url).pathname;
    const result = run('scan', root, '--format', 'json', '--quiet');
    // the rule pack's own examples are findings; the point is that it ends, with a report
    expect([0, 1]).toContain(result.status);
    expect(JSON.parse(result.stdout).summary.incomplete).toBe(false);
  });

  it('answers --help for every command', () => {
    for (const args of [['--help'], ['scan', '--help'], ['rules', 'list', '--help'], ['install-hook', '--help']]) {
      const result = run(...args);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/leaksweep/);
    }
    // options laid out in columns: the bundle's deferred string-width measured them
    expect(run('scan', '--help').stdout).toMatch(/\n {6}--confidence {2,}report findings of at least this confidence/);
  });
});
