// One table per provider file: each fixture is run valid, invalid, rate-limited, failing and hanging against a loopback mock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BASE_ENV } from '../../src/verify/http-client.js';
import { VERIFIERS } from '../../src/verify/registry.js';
import { VerificationRun, type VerifyOptions } from '../../src/verify/verify-run.js';
import type { Finding } from '../../src/findings/finding.js';
import { detectBlob } from '../../src/detect/detect-blob.js';
import { compileRules } from '../../src/rules/compile-rules.js';
import { loadAllRuleSpecs } from '../../src/rules/load-rules.js';

const SPECS = loadAllRuleSpecs();
import { startMockProvider, type MockAnswer, type MockProvider, type RecordedRequest } from '../helpers/mock-provider.js';

export interface CompanionFinding {
  ruleId: string;
  secret: string;
  line: number;
}

export interface ProviderFixture {
  /** verifier id */
  provider: string;
  /** a test name, when one provider has several fixtures */
  label?: string;
  ruleId: string;
  secret: string;
  /** the finding's line in its blob (default 1) */
  line?: number;
  /** other findings of the same blob */
  companions?: CompanionFinding[];
  /** the blob's text, for companions found by pattern */
  text?: string;
  /** what the provider must receive: throws (expect) when the request is wrong */
  check: (request: RecordedRequest) => void;
  valid: MockAnswer;
  invalid: MockAnswer;
  /** part of what a valid answer must give as identity */
  identity?: Record<string, string>;
  /** verify options (endpoints …) */
  options?: VerifyOptions;
}

const BLOB = 'b'.repeat(40);

function finding(ruleId: string, secret: string, line: number): Finding {
  return { ruleId, ruleName: ruleId, severity: 'high', confidence: 'high', context: 'source', path: 'config/app.env', line, column: 1, fingerprint: `${ruleId}:${secret}`, redacted: 'x', secret, blob: BLOB, laterCommits: [] };
}

export async function verifyOne(fixture: ProviderFixture, options: VerifyOptions = {}): Promise<Finding> {
  const target = finding(fixture.ruleId, fixture.secret, fixture.line ?? 1);
  const all = [target, ...(fixture.companions ?? []).map((c) => finding(c.ruleId, c.secret, c.line))];
  const run = new VerificationRun({ timeoutMs: 400, retries: 1, maxWaitMs: 1000, ...fixture.options, ...options });
  try {
    await run.verify([target], all, async () => fixture.text ?? null);
  } finally {
    await run.close();
  }
  return target;
}

/** A loopback provider for the enclosing describe, with every verifier pointed at it; `.mock` once the suite has started. */
export function useMockProvider(): { mock: MockProvider } {
  const holder = {} as { mock: MockProvider };
  beforeAll(async () => {
    holder.mock = await startMockProvider(() => ({ status: 500 }));
    process.env[TEST_BASE_ENV] = holder.mock.base;
  });
  afterAll(async () => {
    delete process.env[TEST_BASE_ENV];
    await holder.mock.close();
  });
  return holder;
}

/** Runs the five answers for each fixture; every request must go to one of the verifier's documented hosts. */
export function describeProviders(title: string, fixtures: ProviderFixture[]): void {
  describe(title, () => {
    const provider = useMockProvider();

    for (const fixture of fixtures) {
      const name = fixture.label ? `${fixture.provider} (${fixture.label})` : fixture.provider;
      const verifier = VERIFIERS.find((v) => v.id === fixture.provider);
      // a wrong request is answered 400 and recorded: the test then fails on it, not on an unhandled throw
      const problems: string[] = [];
      const answer = (make: (request: RecordedRequest) => MockAnswer | 'hang') => {
        provider.mock.requests.length = 0;
        problems.length = 0;
        provider.mock.respond = (request) => {
          try {
            fixture.check(request);
          } catch (error) {
            problems.push(error instanceof Error ? error.message : String(error));
            return { status: 400, body: 'request check failed' };
          }
          return make(request);
        };
      };
      const sentToDocumentedHosts = () => {
        expect(problems).toEqual([]);
        expect(provider.mock.requests.length).toBeGreaterThan(0);
        for (const request of provider.mock.requests) {
          const configured = Object.values(fixture.options?.endpoints ?? {}).flat().map((url) => new URL(url).host);
          const allowed = [...verifier!.hosts, ...configured].some((host) => (host.startsWith('*.') ? request.host.endsWith(host.slice(1)) : request.host === host));
          expect(allowed, `${request.host} is not a host of ${fixture.provider}`).toBe(true);
        }
      };

      describe(name, () => {
        it('has a verifier for the rule, and the rule finds the fixture secret', () => {
          expect(verifier?.rules).toContain(fixture.ruleId);
          const spec = SPECS.find((s) => s.id === fixture.ruleId);
          expect(spec, `no rule ${fixture.ruleId}`).toBeDefined();
          const text = fixture.text ?? `${fixture.ruleId.split('.')[0].toUpperCase()}_TOKEN="${fixture.secret}"\n`;
          const found = detectBlob(compileRules([spec!]), Buffer.from(text), undefined, 'config/app.env').map((m) => m.secret);
          expect(found, `${fixture.ruleId} does not find the fixture secret in ${JSON.stringify(text)}`).toContain(fixture.secret);
        });

        it('valid: the identity, never the secret', async () => {
          answer(() => fixture.valid);
          const found = await verifyOne(fixture);
          expect(found.verification, JSON.stringify(found.verification)).toMatchObject({ status: 'valid', provider: fixture.provider });
          if (fixture.identity) expect(found.verification?.identity).toMatchObject(fixture.identity);
          expect(JSON.stringify(found.verification)).not.toContain(fixture.secret);
          sentToDocumentedHosts();
        });

        it('invalid', async () => {
          answer(() => fixture.invalid);
          const found = await verifyOne(fixture);
          expect(found.verification, JSON.stringify(found.verification)).toMatchObject({ status: 'invalid' });
          sentToDocumentedHosts();
        });

        it('rate-limited: retried after Retry-After, then unknown', async () => {
          answer(() => ({ status: 429, headers: { 'retry-after': '0' } }));
          const found = await verifyOne(fixture);
          expect(problems).toEqual([]);
          expect(found.verification).toMatchObject({ status: 'unknown', error: 'rate-limited (429)' });
          expect(provider.mock.requests.length).toBeGreaterThanOrEqual(2);
        });

        it('server error: unknown', async () => {
          answer(() => ({ status: 503, body: 'down' }));
          const found = await verifyOne(fixture);
          expect(found.verification).toMatchObject({ status: 'unknown', error: 'http 503' });
        });

        it('no answer: unknown after the timeout', async () => {
          answer(() => 'hang');
          const started = Date.now();
          const found = await verifyOne(fixture, { timeoutMs: 200 });
          expect(found.verification?.status).toBe('unknown');
          expect(found.verification?.error).toMatch(/^timeout/);
          expect(Date.now() - started).toBeLessThan(5000);
        });
      });
    }
  });
}
