// Verifiers of source hosting, cloud and infrastructure tokens, against a loopback mock: every fixture five ways.
import { describe, expect, it } from 'vitest';
import { describeProviders } from '../provider-harness.js';
import { CODE_AND_CLOUD } from '../../../src/verify/providers/code-and-cloud.js';
import { loadAllRuleSpecs } from '../../../src/rules/load-rules.js';
import { CLOUD_FIXTURES } from './cloud-fixtures.js';
import { PLATFORM_FIXTURES } from './platform-fixtures.js';

const fixtures = [...CLOUD_FIXTURES, ...PLATFORM_FIXTURES];

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
