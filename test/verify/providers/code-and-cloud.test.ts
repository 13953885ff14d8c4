// Verifiers of source hosting, cloud and infrastructure tokens, against a loopback mock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BASE_ENV } from '../../../src/verify/http-client.js';
import { describeProviders, verifyOne, type ProviderFixture } from '../provider-harness.js';
import { startMockProvider, type MockProvider, type RecordedRequest } from '../../helpers/mock-provider.js';

/** A check that the request has this method, path and query, and these headers. */
const expectRequest =
  (method: string, url: string, headers: Record<string, string>) =>
  (request: RecordedRequest): void => {
    expect(request.method).toBe(method);
    expect(request.url).toBe(url);
    for (const [name, value] of Object.entries(headers)) expect(request.headers[name], name).toBe(value);
  };

const GHP = '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';
const GITHUB_PAT = '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';
const GHO = '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';
const GHU = 'ghu_b1p2CCNulfEPYwXOE6w0Q8o7QF8ZTS07Lhhr';
const GHS = 'ghs_M4JH7XVvfkANfKnakEDc2MNu2GtjUM0ngrhu';
const GHE = 'https://ghe.example.com/api/v3';

const githubUser = (secret: string, ruleId: string, label: string, headers: Record<string, string> = {}): ProviderFixture => ({
  provider: 'github',
  label,
  ruleId,
  secret,
  check: expectRequest('GET', '/user', { authorization: `Bearer ${secret}` }),
  valid: { status: 200, headers, body: JSON.stringify({ login: 'octocat', type: 'User' }) },
  invalid: { status: 401, body: JSON.stringify({ message: 'Bad credentials' }) },
  identity: { login: 'octocat', ...(headers['x-oauth-scopes'] ? { scopes: headers['x-oauth-scopes'] } : {}) },
});

const fixtures: ProviderFixture[] = [
  githubUser(GHP, 'github.personal-access-token', 'classic PAT', { 'x-oauth-scopes': 'repo, read:org' }),
  { ...githubUser(GITHUB_PAT, 'github.fine-grained-pat', 'fine-grained PAT', { 'github-authentication-token-expiration': '2026-12-31 00:00:00 UTC' }), identity: { login: 'octocat', expires: '2026-12-31 00:00:00 UTC' } },
  githubUser(GHO, 'github.oauth-token', 'OAuth token', { 'x-oauth-scopes': 'repo' }),
  githubUser(GHU, 'github.app-token', 'user-to-server token'),
  {
    provider: 'github',
    label: 'installation token',
    ruleId: 'github.app-token',
    secret: GHS,
    check: expectRequest('GET', '/installation/repositories?per_page=1', { authorization: `Bearer ${GHS}` }),
    valid: { status: 200, body: JSON.stringify({ total_count: 3, repositories: [{ full_name: 'acme/api', owner: { login: 'acme' } }] }) },
    invalid: { status: 401, body: JSON.stringify({ message: 'Bad credentials' }) },
    identity: { kind: 'app installation', repositories: '3', repository: 'acme/api', owner: 'acme' },
  },
  {
    provider: 'github',
    label: 'GitHub Enterprise endpoint configured',
    ruleId: 'github.personal-access-token',
    secret: GHP,
    options: { endpoints: { github: [GHE] } },
    check: (request) => expectRequest('GET', request.host === 'ghe.example.com' ? '/api/v3/user' : '/user', { authorization: `Bearer ${GHP}` })(request),
    valid: { status: 200, body: JSON.stringify({ login: 'octocat' }) },
    invalid: { status: 401, body: JSON.stringify({ message: 'Bad credentials' }) },
  },
];

describeProviders('verifiers: code and cloud', fixtures);

describe('GitHub Enterprise: a token github.com does not know, that the configured host accepts', () => {
  let mock: MockProvider;
  beforeAll(async () => {
    mock = await startMockProvider((request) => (request.host === 'ghe.example.com' ? { status: 200, body: JSON.stringify({ login: 'ghe-admin' }) } : { status: 401 }));
    process.env[TEST_BASE_ENV] = mock.base;
  });
  afterAll(async () => {
    delete process.env[TEST_BASE_ENV];
    await mock.close();
  });

  it('is valid, with the GHE identity', async () => {
    const found = await verifyOne({ ...fixtures[0], options: { endpoints: { github: [GHE] } } });
    expect(found.verification).toMatchObject({ status: 'valid', identity: { login: 'ghe-admin' } });
    expect(mock.requests.map((r) => `${r.host}${r.url}`)).toEqual(['api.github.com/user', 'ghe.example.com/api/v3/user']);
  });
});
