// Answers of the code and cloud verifiers beyond the five-way table: hosts that differ, requests never sent, edge answers.
import { describe, expect, it } from 'vitest';
import { useMockProvider, verifyOne } from '../provider-harness.js';
import type { MockAnswer } from '../../helpers/mock-provider.js';
import { VERIFIERS } from '../../../src/verify/registry.js';
import { AKIA, ASIA, AWS_SECRET, AWS_TEMP_SECRET, AZURE_KEY, CLOUD_FIXTURES, GHE } from './cloud-fixtures.js';
import { DD_KEY, PLATFORM_FIXTURES } from './platform-fixtures.js';

const fixtures = [...CLOUD_FIXTURES, ...PLATFORM_FIXTURES];

describe('answers that differ by host: the first valid one decides', () => {
  const provider = useMockProvider();
  /** `valid` answers on that host, `other` everywhere else. */
  const onlyOn = (host: string, valid: MockAnswer, other: MockAnswer) => {
    provider.mock.requests.length = 0;
    provider.mock.respond = (request) => (request.host === host ? valid : other);
  };
  const asked = () => provider.mock.requests.map((r) => `${r.host}${r.url}`);
  const fixture = (provider: string) => fixtures.find((f) => f.provider === provider)!;

  it('GitHub Enterprise: a token github.com does not know, that the configured host accepts', async () => {
    onlyOn('ghe.example.com', { status: 200, body: JSON.stringify({ login: 'ghe-admin' }) }, { status: 401 });
    const found = await verifyOne({ ...fixture('github'), options: { endpoints: { github: [GHE] } } });
    expect(found.verification).toMatchObject({ status: 'valid', identity: { login: 'ghe-admin' } });
    expect(asked()).toEqual(['api.github.com/user', 'ghe.example.com/api/v3/user']);
  });

  it('Datadog: a key of another site, after a 403 on each site before it', async () => {
    onlyOn('api.us5.datadoghq.com', { status: 200, body: JSON.stringify({ valid: true }) }, { status: 403, body: JSON.stringify({ errors: ['Forbidden'] }) });
    const found = await verifyOne({ ...fixture('datadog'), text: `DD_API_KEY=${DD_KEY}` });
    expect(found.verification).toMatchObject({ status: 'valid', identity: { site: 'us5.datadoghq.com' } });
    expect(asked().map((url) => url.split('/')[0])).toEqual(['api.datadoghq.com', 'api.datadoghq.eu', 'api.us3.datadoghq.com', 'api.us5.datadoghq.com']);
  });

  it('Snyk: a token of the EU region', async () => {
    onlyOn('api.eu.snyk.io', { status: 200, body: JSON.stringify({ data: { attributes: { username: 'eu-dev' } } }) }, { status: 401 });
    const found = await verifyOne(fixture('snyk'));
    expect(found.verification).toMatchObject({ status: 'valid', identity: { username: 'eu-dev', region: 'api.eu.snyk.io' } });
  });

  it('Sentry: an answer that did not authenticate the token is not a verdict', async () => {
    onlyOn('sentry.io', { status: 200, body: JSON.stringify({ version: '0', auth: null, user: null }) }, { status: 500 });
    const found = await verifyOne(fixture('sentry'));
    expect(found.verification).toMatchObject({ status: 'unknown', error: 'answered without authenticating the token' });
  });
});

describe('requests not sent', () => {
  const plan = (id: string, ruleId: string, secret: string, companions: Record<string, string[]> = {}) =>
    VERIFIERS.find((v) => v.id === id)!.requests(secret, { ruleId, companions: (name) => companions[name] ?? [], endpoints: () => [] });

  it('AWS: a key id alone, a temporary key id without its session token, a bearer key id', () => {
    expect(plan('aws', 'aws.access-key-id', AKIA)).toEqual({ status: 'unknown', error: 'no secret access key found near the key id' });
    expect(plan('aws', 'aws.secret-access-key', AWS_SECRET)).toEqual({ status: 'unknown', error: 'no access key id found near the secret' });
    expect(plan('aws', 'aws.access-key-id', ASIA, { secret: [AWS_TEMP_SECRET] })).toMatchObject({ status: 'unknown', error: expect.stringMatching(/session token/) });
    expect(plan('aws', 'aws.access-key-id', 'ABIAYL725AAAV3GWWDEH', { secret: [AWS_SECRET] })).toMatchObject({ status: 'unknown' });
  });

  it('Azure: a key without its account name, an account of another Azure cloud', () => {
    expect(plan('azure-storage', 'azure.storage-account-key', AZURE_KEY)).toEqual({ status: 'unknown', error: 'no storage account name found near the key' });
    expect(plan('azure-storage', 'azure.storage-account-key', AZURE_KEY, { account: ['invoicestore01'], 'endpoint-suffix': ['core.chinacloudapi.cn'] })).toEqual({
      status: 'unknown',
      error: 'storage account of another Azure cloud (core.chinacloudapi.cn)',
    });
  });

  it('Sentry: an organization token of a self-hosted Sentry that is not configured', () => {
    const claims = Buffer.from(JSON.stringify({ iat: 1, url: 'https://sentry.acme.internal', org: 'acme' })).toString('base64');
    const token = `sntrys_${claims}_cluXTFld/kZFVgoFdADFqOqrgaPzm860Im4NLKgnqUc`;
    expect(plan('sentry', 'sentry.org-auth-token', token)).toEqual({ status: 'unknown', error: 'issued by sentry.acme.internal, a Sentry not configured in verify.endpoints.sentry' });
    const configured = VERIFIERS.find((v) => v.id === 'sentry')!.requests(token, { ruleId: 'sentry.org-auth-token', companions: () => [], endpoints: () => ['https://sentry.acme.internal/errors/'] });
    expect(configured).toMatchObject([{ method: 'GET', url: 'https://sentry.acme.internal/errors/api/0/' }]);
  });

  it('DigitalOcean: a refresh token is not used', () => {
    expect(plan('digitalocean', 'digitalocean.oauth-token', 'dor_v1_01ee0d93022f5e0a58b252489ab534d75223cf1ba644919c4af47b1ca2146554')).toMatchObject({ status: 'unknown' });
  });
});

describe('answers read without a server', () => {
  const read = (id: string, status: number, body: unknown, headers: Record<string, string> = {}, url = 'https://example.invalid/') =>
    VERIFIERS.find((v) => v.id === id)!.interpret({ status, headers: new Headers(headers), body: typeof body === 'string' ? body : JSON.stringify(body) }, { method: 'GET', url });

  it.each([
    ['github', 403, { message: 'Resource not accessible by integration' }, 'valid', {}],
    ['github', 403, { message: 'API rate limit exceeded' }, 'unknown', { 'x-ratelimit-remaining': '0' }],
    ['digitalocean', 403, { id: 'Forbidden', message: 'You are not authorized to perform this operation' }, 'valid', {}],
    ['cloudflare', 200, { success: true, result: { id: 'a', status: 'disabled' } }, 'unknown', {}],
    ['aws', 403, '<ErrorResponse><Error><Code>AccessDenied</Code></Error></ErrorResponse>', 'unknown', {}],
    ['azure-storage', 403, '<Error><Code>AuthorizationFailure</Code></Error>', 'unknown', {}],
    ['google', 403, { error: { code: 403, status: 'PERMISSION_DENIED', details: [{ reason: 'API_KEY_SERVICE_BLOCKED' }] } }, 'valid', {}],
    ['google', 400, { error: { code: 400, status: 'INVALID_ARGUMENT', details: [{ reason: 'BAD_REQUEST' }] } }, 'unknown', {}],
    ['vercel', 403, { error: { code: 'forbidden', message: 'You do not have access' } }, 'unknown', {}],
    ['datadog', 200, { valid: false }, 'unknown', {}],
    ['linode', 400, { errors: [{ reason: 'Bad request' }] }, 'unknown', {}],
  ] as const)('%s answering %i %j is %s', (id, status, body, expected, headers) => {
    expect(read(id, status, body, headers, id === 'azure-storage' ? 'https://acct.blob.core.windows.net/' : undefined).status).toBe(expected);
  });
});
