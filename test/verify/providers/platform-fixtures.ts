// Fixtures of the platform and tooling verifiers (Vercel, Netlify, Terraform, Doppler, CircleCI … Postman): one GET each.
import type { ProviderFixture } from '../provider-harness.js';
import { getFixture } from './cloud-fixtures.js';


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
export const DD_KEY = '0d8c8a32681c971950ea5c5fdfc33ca5';
const SNTRYU = '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';
const SNTRYS =
  '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';
const LINODE = '3ff73da1115111677f27bb49cb60f516c7eef903a58813bd72905236775a3c4a';
const PMAK = 'PMAK-2b8e3d3baa045282067fa8ff-f5886e2ed584bfc63c4fce6a65a2cba596';

export const PLATFORM_FIXTURES: ProviderFixture[] = [
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
