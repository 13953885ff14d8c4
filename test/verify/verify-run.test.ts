// The shared part of --verify: host allow-list, once per secret, redirects, proxies, limits, cache and the test-base guard.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { TEST_BASE_ENV, testBase } from '../../src/verify/http-client.js';
import { retryAfterMs } from '../../src/verify/host-limits.js';
import { byStatus, jsonOf, pick, type Verifier } from '../../src/verify/verifier.js';
import { VerificationRun, type VerifyOptions } from '../../src/verify/verify-run.js';
import { startMockProvider, type MockProvider } from '../helpers/mock-provider.js';

/** A stand-in provider: hosts a.example and *.b.example; `tok-valid…` is valid, anything else invalid. */
const fake: Verifier = {
  id: 'fake',
  name: 'Fake',
  rules: ['fake.token'],
  hosts: ['api.fake.example', '*.tenant.fake.example'],
  endpoint: 'GET https://api.fake.example/me',
  reveals: 'user',
  companions: [{ name: 'tenant', pattern: 'tenant=([a-z]+)' }],
  requests: (secret, context) => {
    if (secret.startsWith('tok-elsewhere')) return [{ method: 'GET', url: 'https://evil.example/me', headers: { authorization: secret } }];
    const tenant = context.companions('tenant')[0];
    const host = tenant ? `${tenant}.tenant.fake.example` : 'api.fake.example';
    return [{ method: 'GET', url: `https://${host}/me`, headers: { authorization: `Bearer ${secret}` } }];
  },
  interpret: (response) => byStatus(response, () => pick(jsonOf(response), { user: 'user' })),
};

let serial = 0;
function finding(secret: string, extra: Partial<Finding> = {}): Finding {
  serial += 1;
  return { ruleId: 'fake.token', ruleName: 'Fake', severity: 'high', confidence: 'high', context: 'source', path: `f${serial}.env`, line: 1, column: 1, fingerprint: `fp-${secret}-${serial}`, redacted: 'x', secret, blob: `blob${serial}`, laterCommits: [], ...extra };
}

let mock: MockProvider;
const dirs: string[] = [];
beforeAll(async () => {
  mock = await startMockProvider((request) => (String(request.headers.authorization).includes('tok-valid') ? { status: 200, body: JSON.stringify({ user: 'dev' }) } : { status: 401 }));
  process.env[TEST_BASE_ENV] = mock.base;
});
afterAll(async () => {
  delete process.env[TEST_BASE_ENV];
  await mock.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  mock.requests.length = 0;
});

async function verify(findings: Finding[], options: VerifyOptions = {}, text: string | null = null): Promise<VerificationRun> {
  const run = new VerificationRun({ verifiers: [fake], timeoutMs: 1000, retries: 1, maxWaitMs: 2000, ...options });
  await run.verify(findings, findings, async () => text);
  await run.close();
  return run;
}

describe('VerificationRun', () => {
  it('asks once per secret, however many findings hold it', async () => {
    const findings = [finding('tok-valid-1'), finding('tok-valid-1'), finding('tok-valid-1'), finding('tok-dead-1')];
    const run = await verify(findings);
    expect(run.requests).toBe(2);
    expect(mock.requests).toHaveLength(2);
    expect(findings.map((f) => f.verification?.status)).toEqual(['valid', 'valid', 'valid', 'invalid']);
    expect(findings[0].verification?.identity).toEqual({ user: 'dev' });
  });

  it('never sends a secret to a host its verifier does not document', async () => {
    const target = finding('tok-elsewhere');
    const run = await verify([target]);
    expect(run.requests).toBe(0);
    expect(mock.requests).toHaveLength(0);
    expect(target.verification).toMatchObject({ status: 'unknown', error: 'refused: evil.example is not a documented Fake host' });
  });

  it('takes a companion from the blob text: a tenant host under the documented wildcard', async () => {
    const target = finding('tok-valid-2', { line: 3 });
    await verify([target], {}, 'tenant=far\n\ntoken=tok-valid-2\ntenant=near\n');
    expect(mock.requests.map((r) => r.host)).toEqual(['near.tenant.fake.example']);
  });

  it('marks rules without a verifier unknown, without a request', async () => {
    const other = { ...finding('whatever'), ruleId: 'other.rule' };
    const run = await verify([other]);
    expect(other.verification).toMatchObject({ status: 'unknown', provider: 'none' });
    expect(run.requests).toBe(0);
  });

  it('never reports the secret, even when the provider echoes it', async () => {
    const previous = mock.respond;
    mock.respond = (request) => ({ status: 200, body: JSON.stringify({ user: `owner of ${String(request.headers.authorization).slice(7)}` }) });
    const target = finding('tok-valid-echo');
    await verify([target]);
    mock.respond = previous;
    expect(target.verification?.identity).toEqual({ user: 'owner of [secret]' });
  });

  it('does not follow a redirect', async () => {
    mock.respond = () => ({ status: 302, headers: { location: 'http://evil.example/steal' } });
    const target = finding('tok-valid-3');
    await verify([target]);
    expect(target.verification).toMatchObject({ status: 'unknown', error: 'redirect to evil.example not followed' });
    expect(mock.requests).toHaveLength(1);
    mock.respond = (request) => (String(request.headers.authorization).includes('tok-valid') ? { status: 200, body: JSON.stringify({ user: 'dev' }) } : { status: 401 });
  });

  it('keeps the global and per-host limits, and waits out Retry-After before asking that host again', async () => {
    const previous = mock.respond;
    let first = true;
    const times: number[] = [];
    mock.respond = async (request) => {
      times.push(Date.now());
      if (first) {
        first = false;
        return { status: 429, headers: { 'retry-after': '1' } };
      }
      await new Promise((resolve) => setTimeout(resolve, 30));
      return previous(request);
    };
    const findings = Array.from({ length: 12 }, (_, i) => finding(`tok-valid-limit-${i}`));
    const before = mock.maxInFlight;
    mock.maxInFlight = 0;
    const run = await verify(findings, { concurrency: 8, perHost: 2 });
    expect(mock.maxInFlight).toBeLessThanOrEqual(2);
    expect(run.limits.maxInFlight).toBeLessThanOrEqual(2);
    expect(findings.every((f) => f.verification?.status === 'valid')).toBe(true);
    // the request sent beside the 429 was already under way; every later one waited out Retry-After
    expect(Math.min(...times.slice(2)) - times[0]).toBeGreaterThanOrEqual(950);
    mock.maxInFlight = Math.max(before, mock.maxInFlight);
    mock.respond = previous;
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
    expect(retryAfterMs('soon')).toBeUndefined();
  });

  it('keeps definite answers in the state directory for the TTL, keyed by fingerprint and holding no secret', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leaksweep-verify-cache-'));
    dirs.push(dir);
    const a = [finding('tok-valid-cache', { fingerprint: 'fp-a' }), finding('tok-dead-cache', { fingerprint: 'fp-b' })];
    const first = await verify(a, { cacheDir: dir });
    expect(first.requests).toBe(2);
    const file = join(dir, 'verify-cache.json');
    expect(readFileSync(file, 'utf8')).not.toContain('tok-');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const b = [finding('tok-valid-cache', { fingerprint: 'fp-a' }), finding('tok-dead-cache', { fingerprint: 'fp-b' })];
    const second = await verify(b, { cacheDir: dir });
    expect(second.requests).toBe(0);
    expect(second.cached).toBe(2);
    expect(b.map((f) => f.verification?.status)).toEqual(['valid', 'invalid']);
    // past the TTL the provider is asked again
    await new Promise((resolve) => setTimeout(resolve, 20));
    const c = [finding('tok-valid-cache', { fingerprint: 'fp-a' })];
    const third = await verify(c, { cacheDir: dir, ttlMs: 10 });
    expect(third.requests).toBe(1);
  });

  it('does not cache an unknown answer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leaksweep-verify-cache-'));
    dirs.push(dir);
    const previous = mock.respond;
    mock.respond = () => ({ status: 503 });
    await verify([finding('tok-valid-flaky', { fingerprint: 'fp-flaky' })], { cacheDir: dir });
    mock.respond = previous;
    const again = await verify([finding('tok-valid-flaky', { fingerprint: 'fp-flaky' })], { cacheDir: dir });
    expect(again.requests).toBe(1);
  });

  it('goes through the proxy named by HTTP_PROXY, and around it for NO_PROXY', async () => {
    const seen: string[] = [];
    const proxy = createServer((req, res) => {
      seen.push(req.url ?? '');
      const target = new URL(req.url ?? '');
      const upstream = httpRequest({ host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
    });
    // undici tunnels through the proxy with CONNECT, for http targets too
    proxy.on('connect', (req, client, head) => {
      seen.push(`CONNECT ${req.url}`);
      const [host, port] = String(req.url).split(':');
      const upstream = connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
    try {
      process.env.HTTP_PROXY = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      delete process.env.NO_PROXY;
      const via = finding('tok-valid-proxy');
      await verify([via]);
      expect(via.verification?.status).toBe('valid');
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatch(new RegExp(`^(CONNECT ${mock.base.slice('http://'.length)}|${mock.base}/me)$`));
      process.env.NO_PROXY = '127.0.0.1';
      const around = finding('tok-valid-noproxy');
      await verify([around]);
      expect(around.verification?.status).toBe('valid');
      expect(seen).toHaveLength(1);
    } finally {
      for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key]; else process.env[key] = value;
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});

describe('the test base', () => {
  it('is refused outside the test runner and for any host but loopback', () => {
    expect(() => testBase({ [TEST_BASE_ENV]: 'http://127.0.0.1:9' })).toThrow(/refused/);
    expect(() => testBase({ [TEST_BASE_ENV]: 'http://10.0.0.1:9', VITEST: 'true' })).toThrow(/refused/);
    expect(() => testBase({ [TEST_BASE_ENV]: 'https://api.github.com', VITEST: 'true' })).toThrow(/refused/);
    expect(testBase({ [TEST_BASE_ENV]: 'http://127.0.0.1:9', VITEST: 'true' })?.host).toBe('127.0.0.1:9');
    expect(testBase({})).toBeUndefined();
  });
});
