// Fixtures of the source hosting and cloud verifiers (GitHub, GitLab, AWS, Azure, Google, DigitalOcean, Heroku, Cloudflare).
import { expect } from 'vitest';
import type { ProviderFixture } from '../provider-harness.js';
import type { MockAnswer, RecordedRequest } from '../../helpers/mock-provider.js';
import { signV4 } from '../../../src/verify/aws-sigv4.js';
import { sharedKeyAuthorization } from '../../../src/verify/azure-sharedkey.js';

/** A check that the request has this method, path and query, and these headers. */
const expectRequest =
  (method: string, url: string, headers: Record<string, string>) =>
  (request: RecordedRequest): void => {
    expect(request.method).toBe(method);
    expect(request.url).toBe(url);
    for (const [name, value] of Object.entries(headers)) expect(request.headers[name], name).toBe(value);
  };

export interface GetFixture extends Pick<ProviderFixture, 'provider' | 'label' | 'ruleId' | 'secret' | 'text' | 'identity' | 'options'> {
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
export const getFixture = ({ url, headers, body, invalid, ...fixture }: GetFixture): ProviderFixture => ({
  ...fixture,
  check: expectRequest('GET', url, headers),
  valid: { status: 200, body: JSON.stringify(body) },
  invalid: invalid ?? { status: 401, body: JSON.stringify({ message: 'Unauthorized' }) },
});

const GHP = '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';
const GITHUB_PAT = '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';
const GHO = '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';
const GHU = 'ghu_b1p2CCNulfEPYwXOE6w0Q8o7QF8ZTS07Lhhr';
const GHS = 'ghs_M4JH7XVvfkANfKnakEDc2MNu2GtjUM0ngrhu';
export const GHE = 'https://ghe.example.com/api/v3';

const GLPAT = 'glpat-1TSF3p3p3KGbOtqkTXPR';
export const AKIA = 'AKIANMIRI6HYAELEHQCQ';
export const ASIA = 'ASIAYUACGJAS2YIGDBNU';
export const AWS_SECRET = 't3ynf0F9uvMLifqdj30hogiuRRQPHwiJtd8ge9zb';
export const AWS_TEMP_SECRET = 'squyUKChs5AEKEe2MXBcXV+SntjG/u9DgAR+RoSR';
const AWS_SESSION_TOKEN =
  'IQoJb3JpZ2luX2VjEIoaCXVzLWVhc3QtMSJHMEUCIXBsIfj4yF/jtVPfs0QYDrcVJzWe17RGHufVrsdznbjnI6AWym0X3huu+y1x4+aROXLP27Pi2PzO/vqv0qmZp6zDKggQXmMcBWOXizk3jMo4vk35u9QWxFniJsDi2wlsq8IS/6YVKMfQJayNO5OiBgORdIMqin5OANXxH47E9Sl19aVlc47S0BtaKxAmjo4dNk4Ye4hrYT33alJWlDoOVdMr20s623sQBY5EoKqHkHJ4gfS6m16w8FMhJTAuoXP1pxMl62T0lWRm/HuRsQ5bSkXiXz45RLFwZnncadvZVjEnuahrMvm0kdcUJ7z9h6bTJe52FG1gk0pE+eWC6PpwTuBltvLpo6y0ow0EFR9/XV60yyZWuCA2FE36UJGgD09wOle4N2zrAfLFK3vIADY5F0uZGXJfx99f7r4OFvDpV8iwlJmnsQpeeCfYKJr8gOMIeI7XSxCwsnVJ/6AqSHsMSS2PcmOTFyfbaDoLlE9zHtwI1sRzObk/xf9BgvEkpJfJ2MM2r6hUUySxgu9B2gcvYJms30MtWEeKA/Fho8/TNBxjz2KvqA==';
const AWS_INI = `[default]\naws_access_key_id = ${AKIA}\naws_secret_access_key = ${AWS_SECRET}\n`;
const AWS_TEMP_INI = `[temp]\naws_access_key_id = ${ASIA}\naws_secret_access_key = ${AWS_TEMP_SECRET}\naws_session_token = ${AWS_SESSION_TOKEN}\n`;
export const AZURE_KEY = 'j9pD+P1NHhSDJoCHWcJIgpzV6ykM3sQgrt3aRL+xhBy7IQSDzpbz8cXpVQUKL/O1Uv6cX0gt7klqhgnYegzPpg==';
const AZURE_CONNECTION = `{"ConnectionStrings": {"Blobs": "DefaultEndpointsProtocol=https;AccountName=invoicestore01;AccountKey=${AZURE_KEY};EndpointSuffix=core.windows.net"}}`;
const GOOGLE_KEY = 'AIzaSylZy2ENVCqvL3Cqv1VbnYk7F4HqvXc6NNS';
const DOP = 'dop_v1_164da289e2e3df6788c3378ba3d0279b92de8b35d68a015e9e28b2f8ca536a3e';
const DOO = 'doo_v1_298a28f15351f257377381218efa7d293c8db695c08bbc3961cefd16519d839c';
const HEROKU_KEY = '3a0c8776-b50c-4399-95d2-4a5ed6e2fe98';
const HRKU = 'HRKU-AANSE2SqaDUZC3dQgv3ygS3utr0cY9lB8dvtdKLL1Td0mEbAkYD1bHyo_j6M';
const CLOUDFLARE_TOKEN = 'DaaOBH1duZNRBxRSuBKfXotVv0T4gT6vXcdndQi_';


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

export const CLOUD_FIXTURES: ProviderFixture[] = [
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
];
