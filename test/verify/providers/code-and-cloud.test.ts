// Verifiers of source hosting, cloud and infrastructure tokens, against a loopback mock.
import { expect } from 'vitest';
import { describeProviders, type ProviderFixture } from '../provider-harness.js';

const GHP = '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';

const fixtures: ProviderFixture[] = [
  {
    provider: 'github',
    ruleId: 'github.personal-access-token',
    secret: GHP,
    check: (request) => {
      expect(request.method).toBe('GET');
      expect(request.url).toBe('/user');
      expect(request.headers.authorization).toBe(`Bearer ${GHP}`);
    },
    valid: { status: 200, headers: { 'x-oauth-scopes': 'repo, read:org' }, body: JSON.stringify({ login: 'octocat', type: 'User' }) },
    invalid: { status: 401, body: JSON.stringify({ message: 'Bad credentials' }) },
    identity: { login: 'octocat', scopes: 'repo, read:org' },
  },
];

describeProviders('verifiers: code and cloud', fixtures);
