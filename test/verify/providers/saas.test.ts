// Verifiers of SaaS API keys, against a loopback mock.
import { describe, expect, it } from 'vitest';
import { describeProviders, useMockProvider, verifyOne, type ProviderFixture } from '../provider-harness.js';
import type { MockAnswer, RecordedRequest } from '../../helpers/mock-provider.js';

interface ExpectedRequest {
  method?: 'GET' | 'POST';
  /** path and query */
  path: string;
  /** headers that must be sent, lowercase names */
  headers: Record<string, string>;
  body?: string;
  host?: string;
}

function expectRequest(expected: ExpectedRequest): (request: RecordedRequest) => void {
  return (request) => {
    expect(request.method).toBe(expected.method ?? 'GET');
    expect(request.url).toBe(expected.path);
    for (const [name, value] of Object.entries(expected.headers)) expect(request.headers[name], name).toBe(value);
    if (expected.body !== undefined) expect(request.body).toBe(expected.body);
    if (expected.host !== undefined) expect(request.host).toBe(expected.host);
  };
}

const json = (body: unknown, headers?: Record<string, string>): MockAnswer => ({ status: 200, headers, body: JSON.stringify(body) });
const UNAUTHORIZED: MockAnswer = { status: 401, body: JSON.stringify({ error: 'unauthorized' }) };
const basicAuth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** A fixture whose dead answer is a plain 401 unless `rest` says otherwise. */
function fixture(provider: string, ruleId: string, secret: string, request: ExpectedRequest, valid: MockAnswer, identity: Record<string, string>, rest: Partial<ProviderFixture> = {}): ProviderFixture {
  return { provider, ruleId, secret, check: expectRequest(request), valid, invalid: UNAUTHORIZED, identity, ...rest };
}

const XOXB = 'xoxb-78849093486-9708010523281-LKQ4YAxv47DBQS5YKvhUXhtn';
const XOXP = 'xoxp-29992225758-02560032128-7983929392903-7e71adf44232c502921a42a8fc855355';
const SLACK_OK = json({ ok: true, team: 'Acme', user: 'deploybot', team_id: 'T123', url: 'https://acme.slack.com/' });
const SLACK_DEAD: MockAnswer = json({ ok: false, error: 'invalid_auth' });

const SK_LIVE = 'sk_live_ZESfoD47T05fi2M7cDkfYTtq';
const RK_LIVE = 'rk_live_GgB9yS4dhigB9e9lliLg0pxr';
const SK_TEST = 'sk_test_vqpewuzHUDNw8gQ4922ojIc0';
const STRIPE_ACCOUNT = json({ id: 'acct_1Abc', object: 'account', email: 'billing@acme.test', business_profile: { name: 'Acme Inc' }, country: 'US' });

const OPENAI_KEY = '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';
const OPENAI_PROJECT = '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';
const OPENAI_SERVICE = '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';
const OPENAI_ADMIN = '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';
const OPENAI_MODELS = json({ object: 'list', data: [{ id: 'gpt-4o', object: 'model' }, { id: 'o3', object: 'model' }] }, { 'openai-organization': 'acme-corp', 'openai-project': 'proj_abc' });
const OPENAI_DEAD: MockAnswer = { status: 401, body: JSON.stringify({ error: { message: 'Incorrect API key provided.', code: 'invalid_api_key' } }) };

const ANTHROPIC_KEY = 'sk-ant-api03-k2wmMV3W3TIKuLpe6RHUcf6ygNPWCE2JjmmuhvufqQY2yAeDGhfWoXIfJgoLsuxM_XvLJdKGrO69acQRIVzMJnmh5dO4GAA';
const HF = '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';
const SENDGRID = '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';
const MAILGUN = 'key-24b400d0912d7117c4e636a6334e8727';

const TWILIO_SID = 'AC51796396734b67472008fb1edc635467';
const TWILIO_TOKEN = '48e32bfe7a62c4624a5202268f7e8e96';
const TWILIO_KEY_SID = 'SKce38233867f9585ed196e75f96f72696';
const TWILIO_KEY_SECRET = 'VtEtjW8XEMDH2rO6yQDizk8Tiv901YGc';
const TWILIO_KEY_ACCOUNT = 'ACf1ec9cffc0819005c778cb74c986b1f7';
const TWILIO_ACCOUNT = json({ sid: TWILIO_SID, friendly_name: 'Acme prod', status: 'active', type: 'Full' });

const SHPCA = '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';
const SHPPA = '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';
const SHOP = json({ shop: { name: 'Acme Store', myshopify_domain: 'acme.myshopify.com', plan_name: 'basic' } });

const DISCORD = 'NTMzNDk3NjI4NTczNzA2MTYy.EZRxbK.sIyZogmz5gJNnahlBe5XmVs7okGKMusULg4T7E';
const TELEGRAM = '7669735874:AAu85RmgEZlGah30WpD4Bx2HVj6HGaqOyCg';
const LINEAR = 'lin_api_2kb7jdTMtBhfodKAyhQqVmw9l6RCCo0328BIduwT';
const NOTION = 'ntn_gsiMBnTrMynU5NbbOTBXzRqTXC5JOi6c15xsC2WP02qkE6';
const MAILCHIMP = '99b65e821078162b1f955434680fd088-us21';
const AIRTABLE = 'patQqF0NETQmKp5Gi.11a2c1fab96f7ccab4c07e00477dacd347e9c220773bccc4b1f44052632e0427';
const ASANA = '2/4360295228914175/4505365709476052:f37de49ebfa0a25428e0f26bfb90e0d7';
const FIGMA = 'figd_9XZGgLYW_fqv9Nx3C3SLlXLNCf3mD5QYGWgmfNpB';
const GROQ = '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';
const MISTRAL = '2kt1syOHsyb9ovcL0hjVkS9FKiu7lgM3';
const REPLICATE = 'r8_DLmY4UYKM0II2wPVgrGM3UQ5O20cYzfNPjjho';
const DROPBOX_LONG = 'A7RlKjQG87EAAAAAAAAAAZg4p7wJ2y67RZnq0yKZ3P5Ys55Oe0tmpYGcCrdi5tvs';
const DROPBOX_SHORT = 'sl.VqpJcR64znaTGoJF2n0stWwD_W2M3zEp_L75l4OkUfuidJLJz-Ep9Z6SxZJaTv-s9Qonab4B_tCsXJdd-tKJovMpaQUrFPFGSdqcbegblQaV0LKaAsAc_fiNe7SksEVwYNwyW77U';
const DROPBOX_ACCOUNT = json({ account_id: 'dbid:AAB1', name: { display_name: 'Ada Lovelace' }, email: 'ada@acme.test', account_type: { '.tag': 'business' } });
const SQUARE = 'EAAA3JUgMzTpQywfzKv82Zff2DA-dA7h3IpMtveL02m4Vd0fOvUN-_A76Xjo3qhX';
const SQUARE_LEGACY = 'sq0atp-p-FfiHGbGeYjp3JxmGaEFx';
const SQUARE_MERCHANT = json({ merchant: { id: 'ML123', business_name: 'Acme Coffee', country: 'US' } });
const TYPEFORM = 'tfp_Y8s6sDnMVzk5NwInIoCQYR8b5EoivUqoVk8Yr8RkMiyw_D4YPv1jhHlsPwY';
const PAGERDUTY = 'Efi7abmKhuQUyIdXOX5X';
const ELEVENLABS = 'sk_43cab15f03495aadbc66c6158917165cd56bef17979a07c0';
const OPENROUTER = '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';
const BREVO = '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';
const HUBSPOT = 'pat-na1-57552e4c-729d-4da7-9fc9-00c11218ae88';
const MODELS = json({ object: 'list', data: [{ id: 'llama-3.3-70b', object: 'model' }] });

export const SAAS_FIXTURES: ProviderFixture[] = [
  fixture('slack', 'slack.bot-token', XOXB, { method: 'POST', path: '/api/auth.test', headers: { authorization: `Bearer ${XOXB}` } }, SLACK_OK, { team: 'Acme', user: 'deploybot' }, { invalid: SLACK_DEAD }),
  fixture('slack', 'slack.user-token', XOXP, { method: 'POST', path: '/api/auth.test', headers: { authorization: `Bearer ${XOXP}` } }, SLACK_OK, { team: 'Acme' }, { label: 'user token', invalid: SLACK_DEAD }),

  fixture('stripe', 'stripe.secret-key', SK_LIVE, { path: '/v1/account', headers: { authorization: basicAuth(SK_LIVE, '') } }, STRIPE_ACCOUNT, { id: 'acct_1Abc', business: 'Acme Inc' }),
  fixture('stripe', 'stripe.restricted-key', RK_LIVE, { path: '/v1/account', headers: { authorization: basicAuth(RK_LIVE, '') } }, STRIPE_ACCOUNT, { email: 'billing@acme.test' }, { label: 'restricted key' }),
  fixture('stripe', 'stripe.test-key', SK_TEST, { path: '/v1/account', headers: { authorization: basicAuth(SK_TEST, '') } }, STRIPE_ACCOUNT, { country: 'US' }, { label: 'test key' }),

  fixture('openai', 'openai.api-key', OPENAI_KEY, { path: '/v1/models', headers: { authorization: `Bearer ${OPENAI_KEY}` } }, OPENAI_MODELS, { organization: 'acme-corp', project: 'proj_abc', models: '2' }, { invalid: OPENAI_DEAD }),
  fixture('openai', 'openai.project-key', OPENAI_PROJECT, { path: '/v1/models', headers: { authorization: `Bearer ${OPENAI_PROJECT}` } }, OPENAI_MODELS, { project: 'proj_abc' }, { label: 'project key', invalid: OPENAI_DEAD }),
  fixture('openai', 'openai.service-account-key', OPENAI_SERVICE, { path: '/v1/models', headers: { authorization: `Bearer ${OPENAI_SERVICE}` } }, OPENAI_MODELS, { organization: 'acme-corp' }, { label: 'service account key', invalid: OPENAI_DEAD }),
  fixture('openai', 'openai.admin-key', OPENAI_ADMIN, { path: '/v1/organization/projects?limit=1', headers: { authorization: `Bearer ${OPENAI_ADMIN}` } }, json({ object: 'list', data: [{ id: 'proj_abc', object: 'organization.project' }] }, { 'openai-organization': 'acme-corp' }), { organization: 'acme-corp' }, { label: 'admin key', invalid: OPENAI_DEAD }),

  fixture('anthropic', 'anthropic.api-key', ANTHROPIC_KEY, { path: '/v1/models', headers: { 'x-api-key': ANTHROPIC_KEY, 'anthropic-version': '2023-06-01' } }, json({ data: [{ id: 'claude-sonnet-4-5', type: 'model' }], has_more: false }, { 'anthropic-organization-id': 'org-123' }), { organization: 'org-123', models: '1' }, { invalid: { status: 401, body: JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }) } }),

  fixture('huggingface', 'huggingface.access-token', HF, { path: '/api/whoami-v2', headers: { authorization: `Bearer ${HF}` } }, json({ type: 'user', name: 'octo', auth: { type: 'access_token', accessToken: { displayName: 'ci', role: 'read' } } }), { name: 'octo', type: 'user', token: 'ci', role: 'read' }),

  fixture('sendgrid', 'sendgrid.api-key', SENDGRID, { path: '/v3/scopes', headers: { authorization: `Bearer ${SENDGRID}` } }, json({ scopes: ['mail.send', 'scopes.read'] }), { scopes: '2', 'mail.send': 'yes' }),

  fixture('mailgun', 'mailgun.api-key', MAILGUN, { path: '/v3/domains?limit=1', headers: { authorization: basicAuth('api', MAILGUN) } }, json({ total_count: 3, items: [{ name: 'mg.acme.test' }] }), { region: 'US', domains: '3', domain: 'mg.acme.test' }),

  fixture('twilio', 'twilio.auth-token', TWILIO_TOKEN, { path: `/2010-04-01/Accounts/${TWILIO_SID}.json`, headers: { authorization: basicAuth(TWILIO_SID, TWILIO_TOKEN) } }, TWILIO_ACCOUNT, { account: 'Acme prod', status: 'active' }, {
    line: 2,
    text: `TWILIO_ACCOUNT_SID=${TWILIO_SID}\nTWILIO_AUTH_TOKEN=${TWILIO_TOKEN}\n`,
  }),
  fixture('twilio', 'twilio.api-key-secret', TWILIO_KEY_SECRET, { path: `/2010-04-01/Accounts/${TWILIO_KEY_ACCOUNT}.json`, headers: { authorization: basicAuth(TWILIO_KEY_SID, TWILIO_KEY_SECRET) } }, TWILIO_ACCOUNT, { account: 'Acme prod' }, {
    label: 'API key',
    line: 2,
    text: `from twilio.rest import Client\nclient = Client("${TWILIO_KEY_SID}", "${TWILIO_KEY_SECRET}", "${TWILIO_KEY_ACCOUNT}")\n`,
  }),

  fixture('shopify', 'shopify.access-token', SHPCA, { path: '/admin/api/2024-10/shop.json', headers: { 'x-shopify-access-token': SHPCA }, host: 'acme.myshopify.com' }, SHOP, { shop: 'Acme Store', plan: 'basic' }, {
    text: `curl -H "X-Shopify-Access-Token: ${SHPCA}" https://acme.myshopify.com/admin/api/2024-07/shop.json\n`,
  }),
  fixture('shopify', 'shopify.private-app-password', SHPPA, { path: '/admin/api/2024-10/shop.json', headers: { 'x-shopify-access-token': SHPPA }, host: 'acme.myshopify.com' }, SHOP, { domain: 'acme.myshopify.com' }, {
    label: 'private app password',
    text: `SHOPIFY_SHOP=Acme.myshopify.com\nSHOPIFY_PASSWORD=${SHPPA}\n`,
    line: 2,
  }),

  fixture('discord', 'discord.bot-token', DISCORD, { path: '/api/v10/users/@me', headers: { authorization: `Bot ${DISCORD}` } }, json({ id: '533497628573706162', username: 'deploybot', bot: true }), { username: 'deploybot', bot: 'true' }),

  fixture('telegram', 'telegram.bot-token', TELEGRAM, { path: `/bot${TELEGRAM}/getMe`, headers: {} }, json({ ok: true, result: { id: 7669735874, is_bot: true, first_name: 'Deploy', username: 'acme_deploy_bot' } }), { username: 'acme_deploy_bot', id: '7669735874' }, {
    invalid: { status: 401, body: JSON.stringify({ ok: false, error_code: 401, description: 'Unauthorized' }) },
  }),

  fixture('linear', 'linear.api-key', LINEAR, { method: 'POST', path: '/graphql', headers: { authorization: LINEAR, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ viewer { id name email } }' }) }, json({ data: { viewer: { id: 'u1', name: 'Ada', email: 'ada@acme.test' } } }), { name: 'Ada', email: 'ada@acme.test' }, {
    invalid: { status: 400, body: JSON.stringify({ errors: [{ message: 'Authentication required, not authenticated', extensions: { code: 'AUTHENTICATION_ERROR' } }] }) },
  }),

  fixture('notion', 'notion.integration-token', NOTION, { path: '/v1/users/me', headers: { authorization: `Bearer ${NOTION}`, 'notion-version': '2022-06-28' } }, json({ object: 'user', id: 'b1', name: 'Docs sync', type: 'bot', bot: { workspace_name: 'Acme' } }), { name: 'Docs sync', workspace: 'Acme' }),

  fixture('mailchimp', 'mailchimp.api-key', MAILCHIMP, { path: '/3.0/', headers: { authorization: basicAuth('leaksweep', MAILCHIMP) }, host: 'us21.api.mailchimp.com' }, json({ account_id: 'a1', account_name: 'Acme', email: 'ops@acme.test' }), { account: 'Acme', email: 'ops@acme.test' }),
  fixture('airtable', 'airtable.personal-access-token', AIRTABLE, { path: '/v0/meta/whoami', headers: { authorization: `Bearer ${AIRTABLE}` } }, json({ id: 'usr123', scopes: ['data.records:read', 'schema.bases:read'] }), { id: 'usr123', scopes: 'data.records:read, schema.bases:read' }),
  fixture('asana', 'asana.personal-access-token', ASANA, { path: '/api/1.0/users/me', headers: { authorization: `Bearer ${ASANA}` } }, json({ data: { gid: '1201', name: 'Ada', email: 'ada@acme.test' } }), { gid: '1201', name: 'Ada' }),
  fixture('figma', 'figma.personal-access-token', FIGMA, { path: '/v1/me', headers: { 'x-figma-token': FIGMA } }, json({ id: '42', handle: 'ada', email: 'ada@acme.test' }), { handle: 'ada' }, {
    invalid: { status: 403, body: JSON.stringify({ status: 403, err: 'Invalid token' }) },
  }),
  fixture('groq', 'groq.api-key', GROQ, { path: '/openai/v1/models', headers: { authorization: `Bearer ${GROQ}` } }, MODELS, { models: '1' }),
  fixture('mistral', 'mistral.api-key', MISTRAL, { path: '/v1/models', headers: { authorization: `Bearer ${MISTRAL}` } }, MODELS, { models: '1' }),
  fixture('replicate', 'replicate.api-token', REPLICATE, { path: '/v1/account', headers: { authorization: `Bearer ${REPLICATE}` } }, json({ type: 'organization', username: 'acme', name: 'Acme' }), { type: 'organization', username: 'acme' }),
  fixture('dropbox', 'dropbox.long-lived-token', DROPBOX_LONG, { method: 'POST', path: '/2/users/get_current_account', headers: { authorization: `Bearer ${DROPBOX_LONG}`, 'content-type': 'application/json' }, body: 'null' }, DROPBOX_ACCOUNT, { name: 'Ada Lovelace', type: 'business' }),
  fixture('dropbox', 'dropbox.short-lived-token', DROPBOX_SHORT, { method: 'POST', path: '/2/users/get_current_account', headers: { authorization: `Bearer ${DROPBOX_SHORT}` }, body: 'null' }, DROPBOX_ACCOUNT, { account: 'dbid:AAB1' }, { label: 'short-lived token' }),
  fixture('square', 'square.access-token', SQUARE, { path: '/v2/merchants/me', headers: { authorization: `Bearer ${SQUARE}`, 'square-version': '2024-10-17' } }, SQUARE_MERCHANT, { environment: 'production', merchant: 'ML123', business: 'Acme Coffee' }),
  fixture('square', 'square.legacy-access-token', SQUARE_LEGACY, { path: '/v2/merchants/me', headers: { authorization: `Bearer ${SQUARE_LEGACY}` } }, SQUARE_MERCHANT, { country: 'US' }, { label: 'legacy token' }),
  fixture('typeform', 'typeform.personal-access-token', TYPEFORM, { path: '/me', headers: { authorization: `Bearer ${TYPEFORM}` } }, json({ alias: 'ada', email: 'ada@acme.test', language: 'en' }), { alias: 'ada' }),
  fixture('pagerduty', 'pagerduty.api-key', PAGERDUTY, { path: '/abilities', headers: { authorization: `Token token=${PAGERDUTY}`, accept: 'application/vnd.pagerduty+json;version=2' } }, json({ abilities: ['teams', 'read_only_users'] }), { abilities: '2' }),
  fixture('elevenlabs', 'elevenlabs.api-key', ELEVENLABS, { path: '/v1/user', headers: { 'xi-api-key': ELEVENLABS } }, json({ user_id: 'u9', subscription: { tier: 'creator' } }), { user: 'u9', tier: 'creator' }, {
    invalid: { status: 401, body: JSON.stringify({ detail: { status: 'invalid_api_key', message: 'Invalid API key' } }) },
  }),
  fixture('openrouter', 'openrouter.api-key', OPENROUTER, { path: '/api/v1/key', headers: { authorization: `Bearer ${OPENROUTER}` } }, json({ data: { label: 'sk-or-v1-4a2...2ab', usage: 1.5, limit: null, is_free_tier: false } }), { usage: '1.5', free: 'false' }),
  fixture('brevo', 'brevo.api-key', BREVO, { path: '/v3/account', headers: { 'api-key': BREVO } }, json({ email: 'ops@acme.test', companyName: 'Acme' }), { company: 'Acme' }),
  fixture('hubspot', 'hubspot.private-app-token', HUBSPOT, { path: '/account-info/v3/details', headers: { authorization: `Bearer ${HUBSPOT}` } }, json({ portalId: 62515, accountType: 'STANDARD', dataHostingLocation: 'na1' }), { portal: '62515', type: 'STANDARD' }),
];

describeProviders('verifiers: SaaS', SAAS_FIXTURES);

const fixtureOf = (provider: string, ruleId: string) => SAAS_FIXTURES.find((f) => f.provider === provider && f.ruleId === ruleId)!;

/** Answers the harness does not cover: restricted keys, missing companions, a second region. */
describe('verifiers: SaaS answers beyond valid and 401', () => {
  const provider = useMockProvider();
  const answering = (respond: (request: RecordedRequest) => MockAnswer) => {
    provider.mock.requests.length = 0;
    provider.mock.respond = respond;
  };

  it('a restricted Stripe key refused the account (403) is valid, said restricted', async () => {
    answering(() => ({ status: 403, body: JSON.stringify({ error: { type: 'invalid_request_error', message: 'The provided key does not have the required permissions' } }) }));
    const found = await verifyOne(fixtureOf('stripe', 'stripe.restricted-key'));
    expect(found.verification).toMatchObject({ status: 'valid', identity: { access: expect.stringMatching(/^restricted/) } });
  });

  it('an OpenAI key without the models scope (401 missing scopes) is valid, said restricted', async () => {
    answering(() => ({ status: 401, body: JSON.stringify({ error: { message: 'You have insufficient permissions for this operation. Missing scopes: api.model.read.' } }) }));
    expect((await verifyOne(fixtureOf('openai', 'openai.project-key'))).verification).toMatchObject({ status: 'valid', identity: { access: expect.stringMatching(/^restricted/) } });
  });

  it('a Twilio auth token without an account SID nearby is unknown and nothing is sent', async () => {
    answering(() => ({ status: 200, body: '{}' }));
    const found = await verifyOne({ ...fixtureOf('twilio', 'twilio.auth-token'), text: `TWILIO_AUTH_TOKEN=${TWILIO_TOKEN}\n`, line: 1 });
    expect(found.verification).toMatchObject({ status: 'unknown', error: 'no account SID found near the auth token' });
    expect(provider.mock.requests).toHaveLength(0);
  });

  it('a Twilio API key without an account SID asks the account list', async () => {
    answering(() => json({ accounts: [{ friendly_name: 'Acme prod', status: 'active' }] }));
    const found = await verifyOne({ ...fixtureOf('twilio', 'twilio.api-key-secret'), text: `TWILIO_API_KEY=${TWILIO_KEY_SID}\nTWILIO_API_SECRET=${TWILIO_KEY_SECRET}\n` });
    expect(found.verification).toMatchObject({ status: 'valid', identity: { account: 'Acme prod' } });
    expect(provider.mock.requests.map((r) => r.url)).toEqual(['/2010-04-01/Accounts.json?PageSize=1']);
  });

  it('a Mailgun key refused in the US is asked in the EU', async () => {
    answering((request) => (request.host === 'api.eu.mailgun.net' ? json({ total_count: 1, items: [{ name: 'mg.acme.eu' }] }) : UNAUTHORIZED));
    const found = await verifyOne(fixtureOf('mailgun', 'mailgun.api-key'));
    expect(found.verification).toMatchObject({ status: 'valid', identity: { region: 'EU', domain: 'mg.acme.eu' } });
    expect(provider.mock.requests.map((r) => r.host)).toEqual(['api.mailgun.net', 'api.eu.mailgun.net']);
  });

  it('a Shopify token without a shop domain nearby is unknown and nothing is sent', async () => {
    answering(() => ({ status: 200, body: '{}' }));
    const found = await verifyOne({ ...fixtureOf('shopify', 'shopify.access-token'), text: `SHOPIFY_ACCESS_TOKEN=${SHPCA}\n` });
    expect(found.verification).toMatchObject({ status: 'unknown', error: expect.stringMatching(/no <shop>\.myshopify\.com domain/) });
    expect(provider.mock.requests).toHaveLength(0);
  });

  it('a Figma token without the current_user:read scope (another 403) is valid, said restricted', async () => {
    answering(() => ({ status: 403, body: JSON.stringify({ status: 403, err: 'Invalid scope(s): current_user:read. This endpoint requires the current_user:read scope' }) }));
    expect((await verifyOne(fixtureOf('figma', 'figma.personal-access-token'))).verification).toMatchObject({ status: 'valid', identity: { access: expect.stringMatching(/^restricted/) } });
  });

  it('an ElevenLabs key without user_read (401 missing_permissions) is valid, said restricted', async () => {
    answering(() => ({ status: 401, body: JSON.stringify({ detail: { status: 'missing_permissions', message: 'The API key you used is missing the permission user_read' } }) }));
    expect((await verifyOne(fixtureOf('elevenlabs', 'elevenlabs.api-key'))).verification).toMatchObject({ status: 'valid', identity: { access: expect.stringMatching(/^restricted/) } });
  });

  it('a Square token refused in production is asked in the sandbox', async () => {
    answering((request) => (request.host === 'connect.squareupsandbox.com' ? SQUARE_MERCHANT : UNAUTHORIZED));
    const found = await verifyOne(fixtureOf('square', 'square.access-token'));
    expect(found.verification).toMatchObject({ status: 'valid', identity: { environment: 'sandbox', merchant: 'ML123' } });
    expect(provider.mock.requests.map((r) => r.host)).toEqual(['connect.squareup.com', 'connect.squareupsandbox.com']);
  });

  it('a Brevo key refused for an unknown IP address (401) is valid, said restricted', async () => {
    answering(() => ({ status: 401, body: JSON.stringify({ code: 'unauthorized', message: 'We have detected you are using an unrecognised IP address 192.0.2.1.' }) }));
    expect((await verifyOne(fixtureOf('brevo', 'brevo.api-key'))).verification).toMatchObject({ status: 'valid', identity: { access: expect.stringMatching(/^restricted/) } });
  });

  it('a Dropbox token without account_info.read (401 missing_scope) is valid, said restricted; an expired one is invalid', async () => {
    answering(() => ({ status: 401, body: JSON.stringify({ error_summary: 'missing_scope/', error: { '.tag': 'missing_scope', required_scope: 'account_info.read' } }) }));
    expect((await verifyOne(fixtureOf('dropbox', 'dropbox.long-lived-token'))).verification).toMatchObject({ status: 'valid', identity: { access: expect.stringMatching(/missing_scope/) } });
    answering(() => ({ status: 401, body: JSON.stringify({ error_summary: 'expired_access_token/', error: { '.tag': 'expired_access_token' } }) }));
    expect((await verifyOne(fixtureOf('dropbox', 'dropbox.short-lived-token'))).verification).toMatchObject({ status: 'invalid' });
  });

  it('a malformed Telegram token (404) is invalid', async () => {
    answering(() => ({ status: 404, body: JSON.stringify({ ok: false, error_code: 404, description: 'Not Found' }) }));
    expect((await verifyOne(fixtureOf('telegram', 'telegram.bot-token'))).verification).toMatchObject({ status: 'invalid' });
  });
});
