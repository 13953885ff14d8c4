// --verify end to end: real repositories, the real CLI, providers stood in for by a loopback server.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base62, crc32 } from '../../src/detect/checksum.js';
import { TEST_BASE_ENV } from '../../src/verify/http-client.js';
import { makeRepo, type Fixture } from '../helpers/git-fixture.js';
import { startMockProvider, type MockAnswer, type MockProvider, type RecordedRequest } from '../helpers/mock-provider.js';
import { runCli } from '../helpers/run-cli.js';

const BIN = new URL('../../bin/leaksweep.js', import.meta.url).pathname;

/** Deterministic random-looking text: tokens must not look like placeholders. */
function randomText(seed: number, length: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'): string {
  let state = seed * 2654435761 + 12345;
  let out = '';
  for (let i = 0; i < length; i += 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out += alphabet[Math.floor((state / 2147483648) * alphabet.length)];
  }
  return out;
}

/** A ghp_ token with a valid checksum; `live` decides what the mock answers for it. */
function githubToken(seed: number): string {
  const random = randomText(seed, 30);
  return `ghp_${random}${base62(crc32(random), 6)}`;
}

function slackToken(seed: number): string {
  return `xoxb-${randomText(seed, 11, '0123456789').replace(/^0/, '1')}-${randomText(seed + 1, 13, '0123456789').replace(/^0/, '1')}-${randomText(seed + 2, 24)}`;
}

const AGE_KEY = 'AGE-SECRET-KEY-1QQPQZ5NS6M0W5QX6YJ7FDXZL0TW0RHUVKV0SX8RS0PJXC2QH0TQQ0ZQ3UC';

/** Tokens whose secret ends in an even character code are live. */
const live = (token: string) => token.charCodeAt(token.length - 1) % 2 === 0;

function providerAnswer(request: RecordedRequest): MockAnswer {
  const auth = String(request.headers.authorization ?? '');
  const token = auth.replace(/^Bearer /, '');
  if (request.host === 'api.github.com' && request.url === '/user') {
    return live(token) ? { status: 200, headers: { 'x-oauth-scopes': 'repo' }, body: JSON.stringify({ login: `dev-${token.slice(4, 8)}`, type: 'User' }) } : { status: 401, body: '{"message":"Bad credentials"}' };
  }
  if (request.host === 'slack.com' && request.url === '/api/auth.test') {
    return { status: 200, body: JSON.stringify(live(token) ? { ok: true, team: 'Acme', user: 'bot' } : { ok: false, error: 'invalid_auth' }) };
  }
  return { status: 404 };
}

let mock: MockProvider;
const cleanups: (() => void)[] = [];
beforeAll(async () => {
  mock = await startMockProvider(providerAnswer);
  process.env[TEST_BASE_ENV] = mock.base;
});
afterAll(async () => {
  delete process.env[TEST_BASE_ENV];
  await mock.close();
  for (const cleanup of cleanups) cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'leaksweep-verify-cli-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function repo(files: Record<string, string>): Fixture {
  const fixture = makeRepo([{ files }]);
  cleanups.push(() => fixture.cleanup());
  return fixture;
}

function liveAndDead(seed: number): { alive: string; dead: string } {
  let alive = '';
  let dead = '';
  for (let s = seed; !alive || !dead; s += 1) {
    const token = githubToken(s);
    if (live(token)) alive ||= token;
    else dead ||= token;
  }
  return { alive, dead };
}

describe('scan --verify', () => {
  const { alive, dead } = liveAndDead(1);
  let slack = '';
  for (let s = 100; !slack; s += 3) if (live(slackToken(s))) slack = slackToken(s);
  const fixture = repo({
    'deploy/ci.env': `GITHUB_TOKEN=${alive}\nOLD_GITHUB_TOKEN=${dead}\nSLACK_BOT_TOKEN=${slack}\n`,
    'keys/backup.txt': `# age key\n${AGE_KEY}\n`,
    // the same live token in a second file: one request
    'scripts/release.sh': `export GH_TOKEN=${alive}\n`,
  });

  it('adds each finding its status and the summary the counts, never a secret', async () => {
    mock.requests.length = 0;
    const result = await runCli('scan', fixture.dir, '--verify', '--format', 'json', '--quiet');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    const byPath = (path: string, rule: string) => report.findings.find((f: any) => f.path === path && f.ruleId === rule)?.verification;
    expect(byPath('deploy/ci.env', 'github.personal-access-token')).toBeDefined();
    const github = report.findings.filter((f: any) => f.ruleId === 'github.personal-access-token');
    expect(github.map((f: any) => f.verification.status).sort()).toEqual(['invalid', 'valid', 'valid']);
    const valid = github.find((f: any) => f.verification.status === 'valid');
    expect(valid.verification).toMatchObject({ provider: 'github', identity: { login: `dev-${alive.slice(4, 8)}`, scopes: 'repo' } });
    expect(report.findings.find((f: any) => f.ruleId === 'slack.bot-token').verification).toMatchObject({ status: 'valid', identity: { team: 'Acme' } });
    expect(report.findings.find((f: any) => f.ruleId === 'age.secret-key').verification).toMatchObject({ status: 'unknown', provider: 'none' });
    expect(report.summary.verification).toEqual({ valid: 3, invalid: 1, unknown: 1, unsupported: 1, requests: 3, cached: 0 });
    expect(mock.requests).toHaveLength(3);
    for (const secret of [alive, dead, slack, AGE_KEY]) expect(result.stdout).not.toContain(secret);
  });

  it('--only-verified keeps live keys; --fail-on valid fails only on them', async () => {
    const only = JSON.parse((await runCli('scan', fixture.dir, '--verify', '--only-verified', '--format', 'json', '--quiet')).stdout);
    expect(only.findings.map((f: any) => f.verification.status)).toEqual(['valid', 'valid', 'valid']);
    expect((await runCli('scan', fixture.dir, '--verify', '--fail-on', 'valid', '--format', 'json', '--quiet')).code).toBe(1);
    const deadOnly = repo({ 'ci.env': `GITHUB_TOKEN=${dead}\n` });
    const result = await runCli('scan', deadOnly.dir, '--verify', '--fail-on', 'valid', '--format', 'json', '--quiet');
    expect(JSON.parse(result.stdout).findings).toHaveLength(1);
    expect(result.code).toBe(0);
  });

  it('verifies staged files and files on disk too', async () => {
    const staged = repo({ 'README.md': 'hi\n' });
    const disk = join(staged.dir, 'ci.env');
    (await import('node:fs')).writeFileSync(disk, `GITHUB_TOKEN=${alive}\n`);
    staged.git('add', 'ci.env');
    for (const args of [['--staged'], ['--no-git']]) {
      const report = JSON.parse((await runCli('scan', staged.dir, ...args, '--verify', '--format', 'json', '--quiet')).stdout);
      expect(report.findings.map((f: any) => f.verification?.status), args[0]).toEqual(['valid']);
    }
  });

  it('baseline create --verify keeps each entry\'s last status, and baseline audit shows it', async () => {
    const file = join(tempDir(), 'baseline.json');
    const created = await runCli('baseline', 'create', fixture.dir, '--verify', '-o', file);
    expect(created.code).toBe(0);
    const entries = JSON.parse(readFileSync(file, 'utf8')).entries;
    const statuses = entries.map((entry: any) => entry.verification?.status ?? 'none').sort();
    expect(statuses).toEqual(['invalid', 'unknown', 'valid', 'valid', 'valid']);
    for (const secret of [alive, dead, slack]) expect(readFileSync(file, 'utf8')).not.toContain(secret);
    const audit = await runCli('baseline', 'audit', file, '--summary');
    expect(audit.stdout).toContain('last verification: 3 valid, 1 invalid, 1 unknown, 0 never verified');
    expect(audit.stdout).toMatch(/github\.personal-access-token .* last valid \d{4}-\d{2}-\d{2} \(github\)/);
  });

  it('refuses the verify flags without --verify', async () => {
    for (const flags of [['--only-verified'], ['--fail-on', 'valid']]) {
      const result = await runCli('scan', fixture.dir, ...flags, '--quiet');
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/need --verify/);
    }
  });

  it('refuses the test base outside the test runner: one line, exit 2, no request', () => {
    mock.requests.length = 0;
    const env = { ...process.env, [TEST_BASE_ENV]: mock.base };
    delete env.VITEST;
    const result = spawnSync(process.execPath, [BIN, 'scan', fixture.dir, '--verify', '--quiet'], { encoding: 'utf8', env, timeout: 60_000 });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('refused');
    expect(mock.requests).toHaveLength(0);
  });
});

describe('audit --verify of 20 repositories', () => {
  it('asks within the limits, reports the counts, and asks nothing again the next run', async () => {
    const root = tempDir();
    const state = tempDir();
    const expected = { valid: 0, invalid: 0 };
    for (let r = 0; r < 20; r += 1) {
      const lines: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const gh = githubToken(1000 + r * 10 + i);
        const sl = slackToken(5000 + r * 40 + i * 4);
        lines.push(`GH_TOKEN_${i}=${gh}`, `SLACK_TOKEN_${i}=${sl}`);
        for (const token of [gh, sl]) expected[live(token) ? 'valid' : 'invalid'] += 1;
      }
      const fixture = makeRepo([{ files: { 'config/secrets.env': `${lines.join('\n')}\n` } }]);
      cleanups.push(() => fixture.cleanup());
      spawnSync('git', ['clone', '-q', '--bare', fixture.dir, join(root, `repo-${String(r).padStart(2, '0')}.git`)]);
    }
    // each answer takes a little while, so requests overlap and the limits are what holds them back
    const inFlight = new Map<string, number>();
    const maxPerHost = new Map<string, number>();
    mock.requests.length = 0;
    mock.maxInFlight = 0;
    mock.respond = async (request) => {
      inFlight.set(request.host, (inFlight.get(request.host) ?? 0) + 1);
      maxPerHost.set(request.host, Math.max(maxPerHost.get(request.host) ?? 0, inFlight.get(request.host)!));
      await new Promise((resolve) => setTimeout(resolve, 15));
      inFlight.set(request.host, inFlight.get(request.host)! - 1);
      return providerAnswer(request);
    };
    try {
      const first = await runCli('audit', root, '--verify', '--state', state, '--format', 'json', '--quiet');
      const report = JSON.parse(first.stdout);
      expect(report.summary.repositories).toHaveLength(20);
      expect(report.findings).toHaveLength(200);
      expect(report.summary.verification).toEqual({ ...expected, unknown: 0, unsupported: 0, requests: 200, cached: 0 });
      expect(mock.requests).toHaveLength(200);
      // 2 per host (the default), 2 hosts
      expect(Math.max(...maxPerHost.values())).toBe(2);
      expect(mock.maxInFlight).toBeLessThanOrEqual(4);
      expect(readFileSync(join(state, 'verify-cache.json'), 'utf8')).not.toMatch(/ghp_|xoxb-/);

      mock.requests.length = 0;
      const second = JSON.parse((await runCli('audit', root, '--verify', '--state', state, '--format', 'json', '--quiet')).stdout);
      expect(mock.requests).toHaveLength(0);
      expect(second.summary.verification).toEqual({ ...expected, unknown: 0, unsupported: 0, requests: 0, cached: 200 });
    } finally {
      mock.respond = providerAnswer;
    }
  }, 120_000);
});
