// SARIF: accepted by Microsoft's SARIF validator and by the SARIF 2.1.0 schema, shaped for GitHub code scanning, never a plain secret.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { FINGERPRINT_KEY, SARIF_SCHEMA, pathToUri, sarifReport } from '../../src/report/sarif-report.js';
import { CHECKED_AT, HOSTILE, NASTY_PATHS, RULES, SECRET, SECRET_2, nastyReport, summary, verifiedReport } from '../helpers/report-fixture.js';

const require = createRequire(import.meta.url);
const MULTITOOL: string = require('@microsoft/sarif-multitool');
// the OASIS SARIF 2.1.0 schema as the multitool ships it: tests cannot fetch it, and this copy moves with the validator's version
const SCHEMA_FILE = join(MULTITOOL, '..', 'sarif-2.1.0.json');

const dir = mkdtempSync(join(tmpdir(), 'leaksweep-sarif-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ValidatorResult {
  ruleId: string;
  level?: string;
  message: { text?: string; id?: string; arguments?: string[] };
}

/** Runs `Sarif.Multitool validate` and returns what it reported (its exit code is 0 whatever it finds). */
function multitoolValidate(sarif: string, name: string): { errors: ValidatorResult[]; warnings: ValidatorResult[]; output: string } {
  const input = join(dir, `${name}.sarif`);
  const log = join(dir, `${name}.validation.sarif`);
  writeFileSync(input, sarif);
  // called directly, not through the package's bin.js: that one spawns a shell, which splits `;`-separated option lists
  const output = execFileSync(MULTITOOL, ['validate', input, '--output', log, '--log', 'ForceOverwrite'], { encoding: 'utf8', timeout: 60_000 });
  const results: ValidatorResult[] = JSON.parse(readFileSync(log, 'utf8')).runs[0].results ?? [];
  // results without a level are warnings: the level defaults to the rule's, and the validator's rules default to warning
  return { errors: results.filter((r) => r.level === 'error'), warnings: results.filter((r) => r.level !== 'error' && r.level !== 'note'), output };
}

function schemaValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  // RFC 3986 URI reference: only unreserved, reserved and well-formed percent escapes
  ajv.addFormat('uri-reference', /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/);
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
}

const withSecrets = sarifReport(nastyReport({ secrets: true }), { rules: RULES });
const log = JSON.parse(withSecrets);
const run = log.runs[0];

describe('sarifReport validity', () => {
  it('has no errors from the official SARIF validator (Sarif.Multitool)', () => {
    const { errors, warnings, output } = multitoolValidate(withSecrets, 'nasty');
    expect(output).toContain('Analysis completed successfully');
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('the validator harness does catch a broken log', () => {
    const broken = JSON.parse(withSecrets);
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    broken.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'a b#c';
    const { errors } = multitoolValidate(JSON.stringify(broken), 'broken');
    expect(errors.map((e) => e.ruleId)).toEqual(expect.arrayContaining(['JSON1008', 'SARIF1002']));
  });

  it('matches the SARIF 2.1.0 JSON schema, which also catches what the validator silently accepts', () => {
    const validate = schemaValidator();
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(validate(JSON.parse(sarifReport({ findings: [], summary: summary(0) })))).toBe(true);
    // the multitool reports nothing at all for a log it cannot deserialize (an unknown level, a string line number): the schema check does
    const broken = JSON.parse(withSecrets);
    broken.runs[0].results[0].level = 'severe';
    expect(validate(broken)).toBe(false);
  });
});

describe('sarifReport content', () => {
  it('describes the tool and every rule loaded, plus rules only a finding names', () => {
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'leaksweep', version: '0.1.0', informationUri: expect.stringMatching(/^https:\/\//) });
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['aws.access-key-id', 'stripe.secret-key', 'generic.password', 'unused.rule', 'custom.token']);
    const stripe = run.tool.driver.rules[1];
    expect(stripe).toMatchObject({
      id: 'stripe.secret-key',
      name: 'StripeSecretKey',
      shortDescription: { text: 'Stripe secret key.' },
      helpUri: 'https://docs.stripe.com/keys',
      defaultConfiguration: { level: 'error' },
      properties: { 'security-severity': '9.5', tags: expect.arrayContaining(['security', 'secret']) },
    });
    expect(stripe.help.text).toContain('Rotate the credential, then remove it from history.');
    expect(stripe.help.markdown).toContain('Rotate the credential, then remove it from history.');
    expect(stripe.help.markdown).not.toContain('javascript:');
    expect(stripe.properties.revoke).toBe('https://dashboard.stripe.com/apikeys');
    expect(stripe.help.text).toContain('Revoke or rotate it at: https://dashboard.stripe.com/apikeys');
    expect(stripe.help.markdown).toContain('(<https://dashboard.stripe.com/apikeys>)');
    // a revoke value that is not a web link is left out
    expect(run.tool.driver.rules[2].properties.revoke).toBeUndefined();
    expect(JSON.stringify(log)).not.toContain('alert(2)');
    const severities = run.tool.driver.rules.map((r: { properties: Record<string, string> }) => r.properties['security-severity']);
    expect(severities).toEqual(['8.0', '9.5', '5.5', '3.0', '3.0']);
  });

  it('writes one result per finding with rule index, level, location, fingerprint and origin', () => {
    expect(run.results).toHaveLength(7);
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(run.columnKind).toBe('unicodeCodePoints');
    const [first] = run.results;
    expect(first).toMatchObject({
      ruleId: 'aws.access-key-id',
      level: 'error',
      message: { text: 'AWS access key ID: AKIA******** in commit 9f3c1b2a9f3c.' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'config%20dir/%231%20secrets%3F.env' }, region: { startLine: 3, startColumn: 10 } } }],
      partialFingerprints: { [FINGERPRINT_KEY]: '4be1'.repeat(16) },
      properties: { confidence: 'medium', context: 'config', commit: '9f3c1b2a'.repeat(5), author: 'Ann Example', date: '2024-03-01T10:12:00+01:00', laterCommits: ['77aa'.repeat(10), '88bb'.repeat(10)] },
    });
    expect(run.results.map((r: { level: string }) => r.level)).toEqual(['error', 'error', 'error', 'error', 'error', 'warning', 'note']);
    // a finding without commit details still says how sure it is
    expect(run.results[6].properties).toEqual({ confidence: 'medium', context: 'config' });
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
  });

  it('encodes every path as a relative URI reference that decodes back to the path', () => {
    const uris = run.results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri);
    const paths = nastyReport({ secrets: false }).findings.map((f) => f.path);
    expect(uris.map(decodeURIComponent)).toEqual(paths);
    for (const uri of uris) expect(uri).toMatch(/^(?:[A-Za-z0-9\-._~!$&'()*+,;=@/]|%[0-9A-F]{2})+$/);
    expect(pathToUri(NASTY_PATHS.unicode)).toBe('docs/%C3%BCn%C3%AFc%C3%B8d%C3%A9/%E6%97%A5%E6%9C%AC%E8%AA%9E%20%E2%9C%93.md');
    expect(pathToUri('odd\uD800.txt')).toBe('odd%EF%BF%BD.txt');
    expect(pathToUri('c:/x')).toBe('c%3A/x');
  });

  it('never contains a plain secret, even when findings carry them (--show-secrets)', () => {
    for (const secret of [SECRET, SECRET_2, 'hunter2hunter2']) expect(withSecrets).not.toContain(secret);
  });

  it('marks an incomplete scan as unsuccessful and names the unread blobs', () => {
    const report = {
      findings: [],
      summary: summary(0, { incomplete: true, blobsSkipped: { binary: 0, 'too-large': 0, missing: 1, failed: 0 }, skipped: [{ oid: 'cd'.repeat(20), path: 'lost file.txt', reason: 'missing' as const }] }),
    };
    const sarif = JSON.parse(sarifReport(report));
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri).toBe('lost%20file.txt');
    expect(sarif.runs[0].results).toEqual([]);
    expect(sarif.runs[0].tool.driver.rules).toEqual([]);
    expect(schemaValidator()(sarif)).toBe(true);
  });
});

describe('sarifReport with --verify', () => {
  const verified = sarifReport(verifiedReport({ secrets: true }), { rules: RULES });
  const results = JSON.parse(verified).runs[0].results;

  it('stays valid for the schema and the official validator', () => {
    const validate = schemaValidator();
    expect(validate(JSON.parse(verified)), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const { errors, warnings } = multitoolValidate(verified, 'verified');
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('carries what the provider said on each result, and nothing on unverified ones', () => {
    expect(results[0].properties.verification).toEqual({ status: 'valid', provider: 'aws', checkedAt: CHECKED_AT, identity: { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/ci' } });
    expect(results[2].properties.verification).toEqual({ status: 'invalid', provider: 'aws', checkedAt: CHECKED_AT, error: 'http 403' });
    expect(results[4].properties.verification).toEqual({ status: 'unknown', provider: 'aws', checkedAt: CHECKED_AT, error: 'timeout after 5 s' });
    expect(results[1].properties.verification.identity).toEqual({ user: HOSTILE.img, org: HOSTILE.script });
    expect(results[6].properties).not.toHaveProperty('verification');
    expect(JSON.parse(verified).runs[0].properties.verification).toEqual({ valid: 3, invalid: 1, unknown: 2, unsupported: 1, requests: 5, cached: 1 });
    for (const secret of [SECRET, SECRET_2, 'hunter2hunter2']) expect(verified).not.toContain(secret);
  });

  it('tags live keys `verified`, raises them to error and says so in the message', () => {
    const tagged = results.map((r: { properties: { tags?: string[] } }) => r.properties.tags ?? []);
    expect(tagged).toEqual([['verified'], ['verified'], [], ['verified'], [], [], []]);
    expect(results[0].message.text).toBe('AWS access key ID: AKIA******** in commit 9f3c1b2a9f3c (verified live by aws).');
    expect(results[2].message.text).toBe('AWS access key ID: AKIA******** in commit 9f3c1b2a9f3c.');
    // a live low-severity key is an error; an invalid or unknown one keeps its rule's level
    const lowLive = verifiedReport({ secrets: false });
    lowLive.findings[5] = { ...lowLive.findings[5], verification: { status: 'valid', checkedAt: CHECKED_AT, provider: 'x' } };
    lowLive.findings[6] = { ...lowLive.findings[6], verification: { status: 'valid', checkedAt: CHECKED_AT, provider: 'x' } };
    const levels = JSON.parse(sarifReport(lowLive, { rules: RULES })).runs[0].results.map((r: { level: string }) => r.level);
    expect(levels).toEqual(['error', 'error', 'error', 'error', 'error', 'error', 'error']);
    expect(results.map((r: { level: string }) => r.level)).toEqual(['error', 'error', 'error', 'error', 'error', 'warning', 'note']);
  });
});
