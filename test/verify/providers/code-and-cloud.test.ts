// Verifiers of source hosting, cloud and infrastructure tokens, against a loopback provider.mock.
import { describe, expect, it } from 'vitest';
import { describeProviders, useMockProvider, verifyOne, type ProviderFixture } from '../provider-harness.js';
import type { MockAnswer, RecordedRequest } from '../../helpers/mock-provider.js';
import { signV4 } from '../../../src/verify/aws-sigv4.js';
import { sharedKeyAuthorization } from '../../../src/verify/azure-sharedkey.js';
import { VERIFIERS } from '../../../src/verify/registry.js';
import { CODE_AND_CLOUD } from '../../../src/verify/providers/code-and-cloud.js';
import { loadAllRuleSpecs } from '../../../src/rules/load-rules.js';

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

const GLPAT = 'glpat-1TSF3p3p3KGbOtqkTXPR';
const AKIA = 'AKIANMIRI6HYAELEHQCQ';
const ASIA = 'ASIAYUACGJAS2YIGDBNU';
const AWS_SECRET = 't3ynf0F9uvMLifqdj30hogiuRRQPHwiJtd8ge9zb';
const AWS_TEMP_SECRET = 'squyUKChs5AEKEe2MXBcXV+SntjG/u9DgAR+RoSR';
const AWS_SESSION_TOKEN =
  'IQoJb3JpZ2luX2VjEIoaCXVzLWVhc3QtMSJHMEUCIXBsIfj4yF/jtVPfs0QYDrcVJzWe17RGHufVrsdznbjnI6AWym0X3huu+y1x4+aROXLP27Pi2PzO/vqv0qmZp6zDKggQXmMcBWOXizk3jMo4vk35u9QWxFniJsDi2wlsq8IS/6YVKMfQJayNO5OiBgORdIMqin5OANXxH47E9Sl19aVlc47S0BtaKxAmjo4dNk4Ye4hrYT33alJWlDoOVdMr20s623sQBY5EoKqHkHJ4gfS6m16w8FMhJTAuoXP1pxMl62T0lWRm/HuRsQ5bSkXiXz45RLFwZnncadvZVjEnuahrMvm0kdcUJ7z9h6bTJe52FG1gk0pE+eWC6PpwTuBltvLpo6y0ow0EFR9/XV60yyZWuCA2FE36UJGgD09wOle4N2zrAfLFK3vIADY5F0uZGXJfx99f7r4OFvDpV8iwlJmnsQpeeCfYKJr8gOMIeI7XSxCwsnVJ/6AqSHsMSS2PcmOTFyfbaDoLlE9zHtwI1sRzObk/xf9BgvEkpJfJ2MM2r6hUUySxgu9B2gcvYJms30MtWEeKA/Fho8/TNBxjz2KvqA==';
const AWS_INI = `[default]\naws_access_key_id = ${AKIA}\naws_secret_access_key = ${AWS_SECRET}\n`;
const AWS_TEMP_INI = `[temp]\naws_access_key_id = ${ASIA}\naws_secret_access_key = ${AWS_TEMP_SECRET}\naws_session_token = ${AWS_SESSION_TOKEN}\n`;
const AZURE_KEY = 'j9pD+P1NHhSDJoCHWcJIgpzV6ykM3sQgrt3aRL+xhBy7IQSDzpbz8cXpVQUKL/O1Uv6cX0gt7klqhgnYegzPpg==';
const AZURE_CONNECTION = `{"ConnectionStrings": {"Blobs": "DefaultEndpointsProtocol=https;AccountName=invoicestore01;AccountKey=${AZURE_KEY};EndpointSuffix=core.windows.net"}}`;
const GOOGLE_KEY = 'AIzaSylZy2ENVCqvL3Cqv1VbnYk7F4HqvXc6NNS';
const DOP = 'dop_v1_164da289e2e3df6788c3378ba3d0279b92de8b35d68a015e9e28b2f8ca536a3e';
const DOO = 'doo_v1_298a28f15351f257377381218efa7d293c8db695c08bbc3961cefd16519d839c';
const HEROKU_KEY = '3a0c8776-b50c-4399-95d2-4a5ed6e2fe98';
const HRKU = 'HRKU-AANSE2SqaDUZC3dQgv3ygS3utr0cY9lB8dvtdKLL1Td0mEbAkYD1bHyo_j6M';
const CLOUDFLARE_TOKEN = 'DaaOBH1duZNRBxRSuBKfXotVv0T4gT6vXcdndQi_';

interface GetFixture extends Pick<ProviderFixture, 'provider' | 'label' | 'ruleId' | 'secret' | 'text' | 'identity' | 'options'> {
  /** path and query the provider must receive */
  url: string;
  /** headers it must receive (the secret's) */
  headers: Record<string, string>;
  /** the JSON of a 200 answer */
  body: unknown;
  /** default: 401 */
  invalid?: MockAnswer;
}

/** A provider asked with one GET: 200 with `body` is valid, 401 (or `invalid`) is invalid. */
const getFixture = ({ url, headers, body, invalid, ...fixture }: GetFixture): ProviderFixture => ({
  ...fixture,
  check: expectRequest('GET', url, headers),
  valid: { status: 200, body: JSON.stringify(body) },
  invalid: invalid ?? { status: 401, body: JSON.stringify({ message: 'Unauthorized' }) },
});

const VCP = 'vcp_5GOqageVysslGymQB4lejGznKXXP00NsApYwaJFFFa1mSYKIsGg6ucwU';
const VERCEL_LEGACY = 'LQunBuDXyZXsdGhIQFiiNczW';
const NFP = 'nfp_dPiKb41ip4bpqpu4rAvPaR2KUaxRKBzSQpSW';
const NETLIFY_LEGACY = 'F2KiHe-055UxA-aJ2wmh7lxRMshKRg67Bf3kC1fU5y1';
const TFC = '35hvjzke6RtmWW.atlasv1.vX7bTyTqG8G2QETmX1WPD9X-vfEcZtfPSvmefA7DfiyXSaaN2NWWlXN7_C-3RIbP5jo';
const DOPPLER = 'dp.st.prd.NT96ql6Y9RYfGqEMeGIGgNCZTF6RFYILM0m8gmpg';
const CCIPAT = 'CCIPAT_bY9AIEgplyl9JsSUtmTC44_19de8d89af840a1c1f33669f858ac02260df0fa0';
const BKUA = 'bkua_c415ff3bf973a19fa98ef3cd65076216802ddc5d';
const SNYK = 'f6ecf117-35d8-4bf0-9399-e13f27ee871e';
const NPM = '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';
const DD_KEY = '0d8c8a32681c971950ea5c5fdfc33ca5';
const SNTRYU = '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';
const SNTRYS =
  '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';
const LINODE = '3ff73da1115111677f27bb49cb60f516c7eef903a58813bd72905236775a3c4a';
const PMAK = 'PMAK-2b8e3d3baa045282067fa8ff-f5886e2ed584bfc63c4fce6a65a2cba596';

/** STS's XML error. */
const stsError = (code: string) => `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>m</Message></Error><RequestId>r</RequestId></ErrorResponse>`;
const stsIdentity = (arn: string) => `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${arn}</Arn><UserId>AIDAEXAMPLEUSERID</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>`;

/** The request STS received must carry the signature of these credentials over what was received. */
const expectStsSignature = (accessKeyId: string, secretAccessKey: string, sessionToken?: string) => (request: RecordedRequest) => {
  expect(request.method).toBe('POST');
  expect(request.url).toBe('/');
  expect(request.body).toBe('Action=GetCallerIdentity&Version=2011-06-15');
  expect(request.headers['x-amz-security-token']).toBe(sessionToken);
  const stamp = String(request.headers['x-amz-date']);
  const date = new Date(stamp.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  const expected = signV4(
    { method: 'POST', url: `https://${request.host}/`, headers: { 'content-type': String(request.headers['content-type']) }, body: request.body, region: 'us-east-1', service: 'sts', date },
    { accessKeyId, secretAccessKey, sessionToken },
  );
  expect(request.headers.authorization).toBe(expected.authorization);
  expect(request.headers.authorization).toContain(`Credential=${accessKeyId}/`);
};

function googleError(code: number, status: string, reason: string, message: string) {
  return { status: code, body: JSON.stringify({ error: { code, message, status, details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain: 'googleapis.com', metadata: { consumer: 'projects/123456', service: 'generativelanguage.googleapis.com' } }] } }) };
}

/** An AWS finding whose request STS must receive signed with these credentials; STS answers `arn` or the error `invalidCode`. */
const stsFixture = (
  label: string,
  finding: Pick<ProviderFixture, 'ruleId' | 'secret' | 'line' | 'companions' | 'text'>,
  credentials: [string, string, string?],
  invalidCode: string,
  arn = 'arn:aws:iam::123456789012:user/deploy',
): ProviderFixture => ({
  provider: 'aws',
  label,
  ...finding,
  check: expectStsSignature(...credentials),
  valid: { status: 200, headers: { 'content-type': 'text/xml' }, body: stsIdentity(arn) },
  invalid: { status: 403, headers: { 'content-type': 'text/xml' }, body: stsError(invalidCode) },
  identity: { account: '123456789012', arn, userId: 'AIDAEXAMPLEUSERID' },
});

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
  getFixture({
    provider: 'gitlab',
    ruleId: 'gitlab.personal-access-token',
    secret: GLPAT,
    url: '/api/v4/personal_access_tokens/self',
    headers: { 'private-token': GLPAT },
    body: { id: 4, name: 'ci', revoked: false, scopes: ['api', 'read_user'], user_id: 3, active: true, expires_at: '2026-12-31' },
    identity: { name: 'ci', scopes: 'api, read_user', expires_at: '2026-12-31', user_id: '3' },
  }),
  {
    provider: 'gitlab',
    label: 'self-hosted, valid for lack of scope',
    ruleId: 'gitlab.personal-access-token',
    secret: GLPAT,
    options: { endpoints: { gitlab: ['https://gitlab.example.com/api/v4/'] } },
    check: expectRequest('GET', '/api/v4/personal_access_tokens/self', { 'private-token': GLPAT }),
    valid: { status: 403, body: JSON.stringify({ error: 'insufficient_scope' }) },
    invalid: { status: 401, body: JSON.stringify({ message: '401 Unauthorized' }) },
  },
  stsFixture('key id, its secret a finding of the same blob', { ruleId: 'aws.access-key-id', secret: AKIA, line: 2, companions: [{ ruleId: 'aws.secret-access-key', secret: AWS_SECRET, line: 3 }], text: AWS_INI }, [AKIA, AWS_SECRET], 'InvalidClientTokenId'),
  stsFixture('key id, its secret found by pattern', { ruleId: 'aws.access-key-id', secret: AKIA, line: 2, text: AWS_INI }, [AKIA, AWS_SECRET], 'SignatureDoesNotMatch'),
  stsFixture('secret, its key id found by pattern', { ruleId: 'aws.secret-access-key', secret: AWS_SECRET, line: 3, text: AWS_INI }, [AKIA, AWS_SECRET], 'InvalidClientTokenId'),
  stsFixture(
    'temporary key id with its session token',
    {
      ruleId: 'aws.access-key-id',
      secret: ASIA,
      line: 2,
      companions: [
        { ruleId: 'aws.secret-access-key', secret: AWS_TEMP_SECRET, line: 3 },
        { ruleId: 'aws.session-token', secret: AWS_SESSION_TOKEN, line: 4 },
      ],
      text: AWS_TEMP_INI,
    },
    [ASIA, AWS_TEMP_SECRET, AWS_SESSION_TOKEN],
    'ExpiredToken',
    'arn:aws:iam::123456789012:assumed-role/ci/session',
  ),
  {
    provider: 'azure-storage',
    ruleId: 'azure.storage-account-key',
    secret: AZURE_KEY,
    text: AZURE_CONNECTION,
    check: (request) => {
      expect(request.method).toBe('GET');
      expect(request.host).toBe('invoicestore01.blob.core.windows.net');
      expect(request.url).toBe('/?restype=service&comp=properties');
      const headers = { 'x-ms-date': String(request.headers['x-ms-date']), 'x-ms-version': String(request.headers['x-ms-version']) };
      const url = `https://${request.host}${request.url}`;
      expect(request.headers.authorization).toBe(sharedKeyAuthorization({ method: 'GET', url, headers, account: 'invoicestore01', key: AZURE_KEY }));
    },
    valid: { status: 200, headers: { 'content-type': 'application/xml' }, body: '<?xml version="1.0" encoding="utf-8"?><StorageServiceProperties></StorageServiceProperties>' },
    invalid: { status: 403, headers: { 'x-ms-error-code': 'AuthenticationFailed' }, body: '<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the request.</Message></Error>' },
    identity: { account: 'invoicestore01' },
  },
  {
    provider: 'google',
    ruleId: 'google.api-key',
    secret: GOOGLE_KEY,
    check: expectRequest('GET', '/v1beta/models?pageSize=1', { 'x-goog-api-key': GOOGLE_KEY }),
    valid: { status: 200, body: JSON.stringify({ models: [{ name: 'models/gemini-2.0-flash' }] }) },
    invalid: googleError(400, 'INVALID_ARGUMENT', 'API_KEY_INVALID', 'API key not valid. Please pass a valid API key.'),
  },
  {
    provider: 'google',
    label: 'API off for the project',
    ruleId: 'google.api-key',
    secret: GOOGLE_KEY,
    check: expectRequest('GET', '/v1beta/models?pageSize=1', { 'x-goog-api-key': GOOGLE_KEY }),
    valid: googleError(403, 'PERMISSION_DENIED', 'SERVICE_DISABLED', 'Generative Language API has not been used in project 123456 before or it is disabled.'),
    invalid: googleError(400, 'INVALID_ARGUMENT', 'API_KEY_INVALID', 'API key expired. Please renew the API key.'),
    identity: { project: 'projects/123456', note: 'the key exists; the Generative Language API is off for its project' },
  },
  ...[
    ['digitalocean.personal-access-token', DOP],
    ['digitalocean.oauth-token', DOO],
  ].map(([ruleId, secret]) =>
    getFixture({
      provider: 'digitalocean',
      label: ruleId,
      ruleId,
      secret,
      text: `DIGITALOCEAN_TOKEN=${secret}`,
      url: '/v2/account',
      headers: { authorization: `Bearer ${secret}` },
      body: { account: { email: 'ops@example.com', uuid: 'b6fr89', status: 'active', team: { name: 'Acme' } } },
      identity: { email: 'ops@example.com', team: 'Acme' },
    }),
  ),
  ...[
    ['heroku.api-key', HEROKU_KEY],
    ['heroku.platform-api-token', HRKU],
  ].map(([ruleId, secret]) =>
    getFixture({
      provider: 'heroku',
      label: ruleId,
      ruleId,
      secret,
      text: `HEROKU_API_KEY=${secret}`,
      url: '/account',
      headers: { authorization: `Bearer ${secret}`, accept: 'application/vnd.heroku+json; version=3' },
      body: { email: 'dev@example.com', id: '01234567-89ab-cdef-0123-456789abcdef' },
      identity: { email: 'dev@example.com' },
    }),
  ),
  {
    provider: 'cloudflare',
    ruleId: 'cloudflare.api-token',
    secret: CLOUDFLARE_TOKEN,
    text: `CLOUDFLARE_API_TOKEN=${CLOUDFLARE_TOKEN}`,
    check: expectRequest('GET', '/client/v4/user/tokens/verify', { authorization: `Bearer ${CLOUDFLARE_TOKEN}` }),
    valid: { status: 200, body: JSON.stringify({ success: true, errors: [], result: { id: 'ed17574386854bf78a67040be0a770b0', status: 'active', expires_on: '2027-01-01T00:00:00Z' } }) },
    invalid: { status: 401, body: JSON.stringify({ success: false, errors: [{ code: 1000, message: 'Invalid API Token' }] }) },
    identity: { id: 'ed17574386854bf78a67040be0a770b0', status: 'active' },
  },
  {
    provider: 'cloudflare',
    label: 'expired',
    ruleId: 'cloudflare.api-token',
    secret: CLOUDFLARE_TOKEN,
    text: `CLOUDFLARE_API_TOKEN=${CLOUDFLARE_TOKEN}`,
    check: expectRequest('GET', '/client/v4/user/tokens/verify', { authorization: `Bearer ${CLOUDFLARE_TOKEN}` }),
    valid: { status: 200, body: JSON.stringify({ success: true, result: { id: 'ed17', status: 'active' } }) },
    invalid: { status: 200, body: JSON.stringify({ success: true, result: { id: 'ed17', status: 'expired' } }) },
  },
  ...[
    ['vercel.personal-access-token', VCP],
    ['vercel.access-token', VERCEL_LEGACY],
  ].map(([ruleId, secret]) =>
    getFixture({
      provider: 'vercel',
      label: ruleId,
      ruleId,
      secret,
      text: `VERCEL_TOKEN=${secret}`,
      url: '/v2/user',
      headers: { authorization: `Bearer ${secret}` },
      body: { user: { id: 'AEIIDYVk59zbFF2Sxfyxxmua', email: 'dev@example.com', username: 'dev' } },
      invalid: { status: 403, body: JSON.stringify({ error: { code: 'forbidden', message: 'Not authorized', invalidToken: true } }) },
      identity: { username: 'dev', email: 'dev@example.com' },
    }),
  ),
  ...[
    ['netlify.personal-access-token', NFP],
    ['netlify.access-token', NETLIFY_LEGACY],
  ].map(([ruleId, secret]) =>
    getFixture({
      provider: 'netlify',
      label: ruleId,
      ruleId,
      secret,
      text: `NETLIFY_AUTH_TOKEN=${secret}`,
      url: '/api/v1/user',
      headers: { authorization: `Bearer ${secret}` },
      body: { id: '5a1b', full_name: 'Dev Eloper', email: 'dev@example.com', site_count: 4 },
      identity: { email: 'dev@example.com', name: 'Dev Eloper' },
    }),
  ),
  getFixture({
    provider: 'terraform',
    ruleId: 'terraform.api-token',
    secret: TFC,
    text: `TF_TOKEN_app_terraform_io=${TFC}`,
    url: '/api/v2/account/details',
    headers: { authorization: `Bearer ${TFC}` },
    body: { data: { id: 'user-V3R563qtJNcExAkN', type: 'users', attributes: { username: 'api-team_123', email: 'api-team_123@hashicorp.com', 'is-service-account': true } } },
    invalid: { status: 401, body: JSON.stringify({ errors: [{ status: '401', title: 'unauthorized' }] }) },
    identity: { username: 'api-team_123', service_account: 'true' },
  }),
  getFixture({
    provider: 'terraform',
    label: 'Terraform Enterprise endpoint configured',
    ruleId: 'terraform.api-token',
    secret: TFC,
    options: { endpoints: { terraform: ['https://tfe.example.com/api/v2'] } },
    text: `TF_TOKEN_tfe_example_com=${TFC}`,
    url: '/api/v2/account/details',
    headers: { authorization: `Bearer ${TFC}` },
    body: { data: { id: 'user-1', attributes: { username: 'ops' } } },
  }),
  getFixture({
    provider: 'doppler',
    ruleId: 'doppler.token',
    secret: DOPPLER,
    url: '/v3/me',
    headers: { authorization: `Bearer ${DOPPLER}` },
    body: { workplace: { name: 'Acme', slug: 'acme' }, type: 'service_token', name: 'prd-deploy', token_preview: 'dp.st.prd.NT96…' },
    invalid: { status: 401, body: JSON.stringify({ messages: ['Invalid Auth token'], success: false }) },
    identity: { type: 'service_token', name: 'prd-deploy', workplace: 'Acme' },
  }),
  getFixture({
    provider: 'circleci',
    ruleId: 'circleci.personal-api-token',
    secret: CCIPAT,
    url: '/api/v2/me',
    headers: { 'circle-token': CCIPAT },
    body: { id: '6f7fa4b2-8c44-4a3b-9f5b-4d0f0bd8a4c1', login: 'dev', name: 'Dev Eloper' },
    identity: { login: 'dev' },
  }),
  getFixture({
    provider: 'buildkite',
    ruleId: 'buildkite.api-access-token',
    secret: BKUA,
    url: '/v2/access-token',
    headers: { authorization: `Bearer ${BKUA}` },
    body: { uuid: 'b63254c0-3271-4a98-8270-7cfbd6c2f14e', scopes: ['read_builds', 'read_user'], user: { name: 'Dev Eloper', email: 'dev@example.com' } },
    identity: { scopes: 'read_builds, read_user', user: 'Dev Eloper' },
  }),
  getFixture({
    provider: 'snyk',
    ruleId: 'snyk.api-token',
    secret: SNYK,
    text: `export SNYK_TOKEN=${SNYK}`,
    url: '/rest/self?version=2024-10-15',
    headers: { authorization: `token ${SNYK}` },
    body: { data: { id: '55a348e2-c3ad-4bbc-b40e-9b232d1f4121', type: 'user', attributes: { name: 'Dev Eloper', username: 'dev', email: 'dev@example.com' } } },
    identity: { username: 'dev', region: 'api.snyk.io' },
  }),
  getFixture({
    provider: 'npm',
    ruleId: 'npm.access-token',
    secret: NPM,
    url: '/-/whoami',
    headers: { authorization: `Bearer ${NPM}` },
    body: { username: 'dev' },
    identity: { username: 'dev' },
  }),
  getFixture({
    provider: 'datadog',
    ruleId: 'datadog.api-key',
    secret: DD_KEY,
    text: `docker run -d -e DD_API_KEY=${DD_KEY} -e DD_SITE=datadoghq.eu gcr.io/datadoghq/agent:7`,
    url: '/api/v1/validate',
    headers: { 'dd-api-key': DD_KEY },
    body: { valid: true },
    invalid: { status: 403, body: JSON.stringify({ errors: ['Forbidden'] }) },
    // DD_SITE in the same text: that site is asked first
    identity: { site: 'datadoghq.eu' },
  }),
  getFixture({
    provider: 'sentry',
    label: 'user token',
    ruleId: 'sentry.user-auth-token',
    secret: SNTRYU,
    url: '/api/0/',
    headers: { authorization: `Bearer ${SNTRYU}` },
    body: { version: '0', auth: { scopes: ['org:read', 'project:read'] }, user: { id: '1', username: 'dev', email: 'dev@example.com' } },
    invalid: { status: 401, body: JSON.stringify({ detail: 'Invalid token' }) },
    identity: { username: 'dev', scopes: 'org:read, project:read' },
  }),
  getFixture({
    provider: 'sentry',
    label: 'organization token',
    ruleId: 'sentry.org-auth-token',
    secret: SNTRYS,
    text: `SENTRY_AUTH_TOKEN=${SNTRYS}`,
    url: '/api/0/',
    headers: { authorization: `Bearer ${SNTRYS}` },
    body: { version: '0', auth: { scopes: ['org:ci'] }, user: null },
    invalid: { status: 401, body: JSON.stringify({ detail: 'Invalid token' }) },
    identity: { scopes: 'org:ci', organization: 'acme-payments' },
  }),
  getFixture({
    provider: 'linode',
    ruleId: 'linode.api-token',
    secret: LINODE,
    text: `export LINODE_TOKEN=${LINODE}`,
    url: '/v4/profile',
    headers: { authorization: `Bearer ${LINODE}` },
    body: { username: 'dev', email: 'dev@example.com', restricted: false, uid: 1234 },
    invalid: { status: 401, body: JSON.stringify({ errors: [{ reason: 'Invalid Token' }] }) },
    identity: { username: 'dev', restricted: 'false' },
  }),
  {
    ...getFixture({
      provider: 'linode',
      label: 'scopes without the profile',
      ruleId: 'linode.api-token',
      secret: LINODE,
      text: `export LINODE_TOKEN=${LINODE}`,
      url: '/v4/profile',
      headers: { authorization: `Bearer ${LINODE}` },
      body: {},
      invalid: { status: 401, body: JSON.stringify({ errors: [{ reason: 'Invalid Token' }] }) },
    }),
    valid: { status: 401, body: JSON.stringify({ errors: [{ reason: 'Your OAuth token is not authorized to use this endpoint.' }] }) },
  },
  getFixture({
    provider: 'postman',
    ruleId: 'postman.api-key',
    secret: PMAK,
    url: '/me',
    headers: { 'x-api-key': PMAK },
    body: { user: { id: 12345678, username: 'dev', email: 'dev@example.com', fullName: 'Dev Eloper', teamName: 'Acme' }, operations: [] },
    invalid: { status: 401, body: JSON.stringify({ error: { name: 'AuthenticationError', message: 'Invalid API Key. Every request requires a valid API Key to be sent.' } }) },
    identity: { username: 'dev', team: 'Acme' },
  }),
];

describeProviders('verifiers: code and cloud', fixtures);

describe('the code and cloud list', () => {
  const ruleIds = new Set(loadAllRuleSpecs().map((spec) => spec.id));
  it.each(CODE_AND_CLOUD.map((v) => [v.id, v] as const))('%s: its rules exist, each has a fixture, the README fields are filled', (_id, verifier) => {
    for (const rule of verifier.rules) {
      expect(ruleIds.has(rule), rule).toBe(true);
      expect(fixtures.some((f) => f.provider === verifier.id && f.ruleId === rule), `a fixture of ${rule}`).toBe(true);
    }
    expect(verifier.endpoint).toMatch(/^(GET|POST) https:\/\//);
    expect(verifier.reveals.length).toBeGreaterThan(0);
  });
});

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
