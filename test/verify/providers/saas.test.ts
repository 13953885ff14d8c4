// Verifiers of SaaS API keys, against a loopback mock.
import { expect } from 'vitest';
import { describeProviders, type ProviderFixture } from '../provider-harness.js';

const XOXB = 'xoxb-78849093486-9708010523281-LKQ4YAxv47DBQS5YKvhUXhtn';

const fixtures: ProviderFixture[] = [
  {
    provider: 'slack',
    ruleId: 'slack.bot-token',
    secret: XOXB,
    check: (request) => {
      expect(request.method).toBe('POST');
      expect(request.url).toBe('/api/auth.test');
      expect(request.headers.authorization).toBe(`Bearer ${XOXB}`);
    },
    valid: { status: 200, body: JSON.stringify({ ok: true, team: 'Acme', user: 'deploybot', team_id: 'T123', url: 'https://acme.slack.com/' }) },
    invalid: { status: 200, body: JSON.stringify({ ok: false, error: 'invalid_auth' }) },
    identity: { team: 'Acme', user: 'deploybot' },
  },
];

describeProviders('verifiers: SaaS', fixtures);
