// Scanning URLs: a file:// repository and a smart-HTTP server on 127.0.0.1 started here, mirrored into a cache and fetched again.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo } from '../helpers/git-fixture.js';
import { startGitHttpServer, type GitHttpServer } from '../helpers/git-http-server.js';
import { runCli } from '../helpers/run-cli.js';
import { AWS_KEY, AWS_KEY_2 } from '../helpers/test-rules.js';

const TOKEN = 'tok-Zq81xVb7Lw';
const repo = makeRepo([{ files: { 'deploy.env': `AWS_ACCESS_KEY_ID=${AWS_KEY}\n` }, message: 'add deploy config' }]);
const scratch = mkdtempSync(join(tmpdir(), 'leaksweep-remote-'));
const savedEnv = { ...process.env };
let server: GitHttpServer;

beforeAll(async () => {
  // the user's own git config must not answer for the test: no credential helper unless a test writes one
  process.env.GIT_CONFIG_NOSYSTEM = '1';
  process.env.GIT_CONFIG_GLOBAL = '/dev/null';
  server = await startGitHttpServer(repo.dir, `user:${TOKEN}`);
});
afterEach(() => {
  process.env.GIT_CONFIG_GLOBAL = '/dev/null';
});
afterAll(async () => {
  await server.close();
  repo.cleanup();
  rmSync(scratch, { recursive: true, force: true });
  process.env = savedEnv;
});

interface Report {
  findings: { path: string; repository?: string }[];
  summary: { path: string; repositories?: { repository: string; error?: string }[] };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

async function scan(target: string, mirrors: string, ...extra: string[]) {
  const result = await runCli('scan', target, '--mirror-dir', mirrors, '--format', 'json', '--quiet', ...extra);
  return { ...result, report: result.stdout ? (JSON.parse(result.stdout) as Report) : null };
}

describe('remote repositories', () => {
  it('mirrors a file:// URL into the cache, and fetches a commit pushed before the next run', async () => {
    const mirrors = join(scratch, 'file-mirrors');
    const url = `file://${repo.dir}`;
    const first = await scan(url, mirrors);
    expect(first.code, first.stderr).toBe(1);
    expect(first.report?.summary.path).toBe(url);
    expect(first.report?.findings.map((f) => f.path)).toEqual(['deploy.env']);
    expect(readdirSync(mirrors)).toHaveLength(1);

    writeFileSync(join(repo.dir, 'later.env'), `KEY=${AWS_KEY_2}\n`);
    repo.git('add', 'later.env');
    repo.git('commit', '-qm', 'later');
    const second = await scan(url, mirrors);
    expect(second.report?.findings.map((f) => f.path).sort()).toEqual(['deploy.env', 'later.env']);
    expect(readdirSync(mirrors)).toHaveLength(1);
    repo.git('reset', '-q', '--hard', 'HEAD~1');
  });

  it('uses the token in an http URL, and never writes it into the report, the cache path or the mirror', async () => {
    const mirrors = join(scratch, 'http-mirrors');
    const url = `${server.base.replace('http://', `http://user:${TOKEN}@`)}.git`;
    const result = await scan(url, mirrors);
    expect(result.code, result.stderr).toBe(1);
    expect(server.logins).toContain(`user:${TOKEN}`);
    expect(result.report?.summary.path).toBe(`${server.base}.git`);
    expect(result.stdout).not.toContain(TOKEN);
    const files = filesUnder(mirrors);
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      expect(file).not.toContain(TOKEN);
      expect(readFileSync(file, 'latin1')).not.toContain(TOKEN);
    }
  });

  it('lets the user\'s credential helper answer for a URL without credentials', async () => {
    const config = join(scratch, 'gitconfig');
    writeFileSync(config, `[credential]\n\thelper = "!f() { echo username=user; echo password=${TOKEN}; }; f"\n`);
    process.env.GIT_CONFIG_GLOBAL = config;
    const result = await scan(`${server.base}.git`, join(scratch, 'helper-mirrors'));
    expect(result.code, result.stderr).toBe(1);
    expect(result.report?.findings).toHaveLength(1);
  });

  it('fails in one line, exit 2, without echoing the token, when the URL cannot be fetched', async () => {
    const wrong = `${server.base.replace('http://', 'http://user:wrong-tok-3391@')}.git`;
    const result = await scan(wrong, join(scratch, 'bad-mirrors'));
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`${server.base}.git`);
    expect(result.stderr).not.toContain('wrong-tok-3391');
    const missing = await scan(`file://${join(scratch, 'no-such-repo')}`, join(scratch, 'bad-mirrors'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^leaksweep: file:\/\/.*no-such-repo: cannot fetch \(.+\)\n$/);
  });

  it('refuses --no-git and --staged with a URL', async () => {
    for (const flag of ['--no-git', '--staged']) {
      const result = await scan(`file://${repo.dir}`, join(scratch, 'unused'), flag);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^leaksweep: file:\/\/.*: a URL is scanned as a mirror of its history; --staged and --no-git need a work tree\n$/);
    }
  });

  it('audits URLs beside paths; one that cannot be fetched is reported and the audit goes on', async () => {
    const good = `${server.base.replace('http://', `http://user:${TOKEN}@`)}.git`;
    const bad = `file://${join(scratch, 'absent')}`;
    const result = await runCli('audit', good, bad, repo.dir, '--mirror-dir', join(scratch, 'audit-mirrors'), '--format', 'json', '--quiet');
    expect(result.stdout).not.toContain(TOKEN);
    const report = JSON.parse(result.stdout) as Report;
    const rows = report.summary.repositories ?? [];
    expect(rows.map((row) => row.repository).sort()).toEqual([`${server.base}.git`, bad, repo.dir].sort());
    expect(rows.find((row) => row.repository === bad)?.error).toMatch(/cannot fetch/);
    expect(report.findings.map((f) => f.repository).sort()).toEqual([`${server.base}.git`, repo.dir].sort());
    expect(result.code).toBe(2);
  });
});
