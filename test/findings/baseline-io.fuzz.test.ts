// Fuzz: any baseline file (ours, detect-secrets, gitleaks report, .gitleaksignore) loads, or fails with one BASELINE_* line naming the file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { corrupt as corruptWith } from '../helpers/fuzz.js';
import { afterAll, describe, expect, it } from 'vitest';
import { LeaksweepError } from '../../src/errors.js';
import { BASELINE_STATUSES, isImported, serializeBaseline, type Baseline } from '../../src/findings/baseline.js';
import { parseBaseline, readBaseline } from '../../src/findings/baseline-io.js';
import { VERIFICATION_STATUSES } from '../../src/findings/finding.js';

const dir = mkdtempSync(join(tmpdir(), 'leaksweep-baseline-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NUMRUNS = 300;
/** How the name steers the reader: JSON by name, or .gitleaksignore unless the text looks like JSON. */
const NAMES = ['.leaksweep-baseline.json', '.secrets.baseline', 'gitleaks-report.json', '.gitleaksignore', 'known.txt'];
const FORMATS = ['leaksweep', 'detect-secrets', 'gitleaks-report', 'gitleaksignore'];

/** Reads the bytes as a file named `name`: a valid baseline, or a clean error. */
function load(content: string | Uint8Array, name: string): Baseline | LeaksweepError {
  const file = join(dir, name);
  writeFileSync(file, content);
  let baseline: Baseline;
  try {
    baseline = readBaseline(file);
  } catch (error) {
    if (!(error instanceof LeaksweepError)) throw error;
    expect(error.code).toMatch(/^BASELINE_/);
    expect(error.message).not.toMatch(/[\r\n]/);
    expect(error.message.startsWith(`${file}: `)).toBe(true);
    return error;
  }
  expect(baseline.version).toBe(1);
  expect(FORMATS).toContain(baseline.format);
  for (const entry of baseline.entries) {
    expect(typeof entry.ruleId).toBe('string');
    expect(typeof entry.path).toBe('string');
    expect(typeof entry.redacted).toBe('string');
    expect(BASELINE_STATUSES).toContain(entry.status);
    if (isImported(entry) && entry.line !== undefined) expect(Number.isSafeInteger(entry.line) && entry.line >= 0).toBe(true);
    if (entry.commit !== undefined) expect(entry.commit).toMatch(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/);
    if (!isImported(entry) && entry.verification) {
      expect(VERIFICATION_STATUSES).toContain(entry.verification.status);
      expect(Number.isNaN(Date.parse(entry.verification.checkedAt))).toBe(false);
      expect(entry.verification.provider).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
    }
  }
  // what we accept as ours we can write back and read the same
  if (baseline.format === 'leaksweep') expect(parseBaseline(serializeBaseline(baseline), file)).toStrictEqual(baseline);
  return baseline;
}

const hex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });
const HEX40 = hex(40);
const HEX64 = hex(64);
/** Values of the wrong type or at the edges, unsafe integers included. */
const WRONG = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(null, '', [], {}, -1, 0, -0, 1.5, 2 ** 53 + 2, 1e308, Number.MAX_SAFE_INTEGER, 'a\nb', '\u0000', '__proto__'),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
/** Literal numbers JSON.stringify never writes: they go in as raw text (see `rawJson`). */
const HUGE = fc.constantFrom('1e400', '-1e400', '123456789012345678901234567890', '0.0000000000000000000001', '1E2', '-0');

const path = fc.oneof(fc.constantFrom('config/aws.ini', './a/b.py', 'a\\b.txt', 'docs/a:b.md', '', ' '), fc.string({ maxLength: 12 }));
const instant = fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
const date = fc.oneof(
  { arbitrary: instant, weight: 2 },
  { arbitrary: instant.map((iso) => iso.slice(0, 10)), weight: 2 },
  fc.constantFrom('2024-02-29', '2025-02-30', '2025-13-01', '0000-00-00', '2025-06-30T25:00:00+01:00', '2025-06-30T12:00', '+275760-09-13'),
  fc.string({ maxLength: 12 }),
);

// A marker string that `rawJson` turns back into a bare literal after JSON.stringify.
const RAW = '\u0001raw:';
function raw(literal: string): string {
  return `${RAW}${literal}`;
}
function rawJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/"\\u0001raw:([^"]*)"/g, '$1');
}

/** This file's wrong values include numbers JSON.stringify never writes. */
const corrupt = (valid: fc.Arbitrary<Record<string, unknown>>, fields: string[]) => corruptWith(valid, fields, fc.oneof(WRONG, HUGE.map(raw)));

const lastVerification = corrupt(
  fc.record({
    status: fc.constantFrom(...VERIFICATION_STATUSES),
    checkedAt: fc.oneof({ arbitrary: instant, weight: 3 }, date),
    provider: fc.oneof({ arbitrary: fc.constantFrom('github', 'slack', 'a.b-c_d'), weight: 3 }, fc.string({ maxLength: 8 })),
  }),
  ['status', 'checkedAt', 'provider', 'identity'],
);
const nativeEntry = corrupt(
  fc.record(
    {
      fingerprint: HEX64,
      ruleId: fc.constantFrom('aws.access-key-id', 'generic.password'),
      path,
      commit: fc.oneof(HEX40, HEX64),
      redacted: fc.constantFrom('AKIA********', '********'),
      status: fc.constantFrom(...BASELINE_STATUSES),
      reason: fc.string({ maxLength: 10 }),
      reviewer: fc.string({ maxLength: 6 }),
      expires: date,
      verification: lastVerification,
    },
    { requiredKeys: ['fingerprint', 'ruleId', 'path', 'redacted', 'status'] },
  ),
  ['fingerprint', 'ruleId', 'path', 'commit', 'redacted', 'status', 'reason', 'expires', 'expiry', 'verification', 'a\nb'],
);
const native = corrupt(
  fc.record(
    { version: fc.constant(1), keying: fc.oneof(fc.constant({ keyed: 'env' }), HEX64.map((salt) => ({ salt })), HEX64.map((salt) => ({ keyed: 'salt', salt }))), entries: fc.array(nativeEntry, { maxLength: 3 }) },
  ).map(({ keying, ...rest }) => ({ ...rest, ...keying })),
  ['version', 'keyed', 'salt', 'entries', 'results', 'a\nb'],
);

const detectSecretsItem = corrupt(
  fc.record(
    { type: fc.constantFrom('AWS Access Key', 'Secret Keyword'), filename: path, hashed_secret: HEX40, is_verified: fc.boolean(), line_number: fc.nat(), is_secret: fc.boolean() },
    { requiredKeys: ['type', 'hashed_secret'] },
  ),
  ['type', 'hashed_secret', 'line_number', 'is_secret'],
);
const detectSecrets = corrupt(
  fc.record({
    version: fc.constant('1.5.0'),
    plugins_used: fc.constant([{ name: 'AWSKeyDetector' }]),
    results: fc.dictionary(path, fc.oneof({ arbitrary: fc.array(detectSecretsItem, { maxLength: 3 }), weight: 4 }, { arbitrary: WRONG, weight: 1 }), { maxKeys: 3 }),
    generated_at: fc.constant('2024-05-02T09:14:07Z'),
  }),
  ['results', 'plugins_used', 'generated_at'],
);

const gitleaksFingerprint = fc
  .tuple(
    fc.option(HEX40, { nil: undefined }),
    path,
    fc.oneof({ arbitrary: fc.constantFrom('aws-access-token', 'generic-api-key'), weight: 4 }, fc.constantFrom('bad rule', ''), fc.string({ maxLength: 8 })),
    fc.oneof({ arbitrary: fc.nat().map(String), weight: 4 }, HUGE, fc.constantFrom('', ' 7', '0x1F', '-1', '1.5'), fc.string({ maxLength: 4 })),
  )
  .map(([commit, file, rule, line]) => [commit, file, rule, line].filter((part) => part !== undefined).join(':'));
const gitleaksFinding = corrupt(
  fc.record(
    {
      RuleID: fc.constantFrom('aws-access-token', 'github-pat', 'generic-api-key'),
      File: path,
      Commit: fc.oneof(HEX40, fc.constant('')),
      StartLine: fc.oneof(fc.nat(), HUGE.map(raw)),
      Secret: fc.oneof(fc.constantFrom('REDACTED', 'ghp_8fK2...', '', 'AKIAQ3EGRTXMPL7ZK2NB'), fc.string({ maxLength: 12 })),
      Fingerprint: gitleaksFingerprint,
    },
    { requiredKeys: [] },
  ),
  ['RuleID', 'File', 'Commit', 'StartLine', 'Secret', 'Fingerprint'],
);
const gitleaksReport = fc.array(fc.oneof({ arbitrary: gitleaksFinding, weight: 5 }, { arbitrary: WRONG, weight: 1 }), { maxLength: 4 });

const gitleaksIgnore = fc
  .tuple(fc.array(fc.oneof(gitleaksFingerprint, fc.constantFrom('# comment', '', '   ', '\t#x')), { maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([lines, eol]) => lines.join(eol));

/** A value nested `depth` deep in a field; built inside the property so a failure prints the recipe, not the text. */
function deep(key: string, depth: number, arrays: boolean): string {
  const nested = arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  if (key === 'status') return `{"version":1,"keyed":"env","entries":[{"fingerprint":"${'a'.repeat(64)}","ruleId":"r.x","path":"p","redacted":"*","status":${nested}}]}`;
  if (key === 'results') return `{"generated_at":"x","results":${nested}}`;
  if (key === 'report') return `[${nested}]`;
  return `{"version":1,"keyed":"env",${JSON.stringify(key)}:${nested}}`;
}

const structured = fc.oneof(native, detectSecrets, gitleaksReport).chain((value) => fc.constantFrom(rawJson(value), rawJson(value, 2)));
/** A structured file cut short: what a crashed writer or a bad merge leaves. */
const truncated = fc.tuple(structured, fc.nat()).map(([text, at]) => text.slice(0, at % (text.length + 1)));

describe('baseline fuzz', () => {
  it('reads the generators’ unbroken shapes (they start from valid files)', () => {
    const entry = { fingerprint: 'ab'.repeat(32), ruleId: 'aws.access-key-id', path: 'a.ini', redacted: '********', status: 'unreviewed' };
    const formats = [
      load(JSON.stringify({ version: 1, salt: 'cd'.repeat(32), entries: [entry] }), NAMES[0]),
      load(JSON.stringify({ plugins_used: [], results: { 'a.py': [{ type: 'Secret Keyword', hashed_secret: 'ab'.repeat(20) }] }, generated_at: 'x' }), NAMES[1]),
      load(JSON.stringify([{ RuleID: 'aws-access-token', File: 'a.ini', StartLine: 1e3 }]), NAMES[2]),
      load('a.ini:aws-access-token:3\r\n# note\n', NAMES[3]),
    ].map((result) => (result instanceof LeaksweepError ? result.message : result.format));
    expect(formats).toEqual(FORMATS);
  });

  it('handles our baselines, detect-secrets baselines and gitleaks reports with wrong types, missing fields and huge numbers', () => {
    fc.assert(fc.property(structured, fc.constantFrom(...NAMES), (text, name) => void load(text, name)), { numRuns: NUMRUNS });
  });

  it('handles .gitleaksignore lines', () => {
    fc.assert(fc.property(gitleaksIgnore, fc.constantFrom('.gitleaksignore', 'known.txt'), (text, name) => void load(text, name)), { numRuns: NUMRUNS });
  });

  it('handles values nested deep enough to overflow a recursive walk', () => {
    const recipe = fc.tuple(fc.constantFrom('version', 'keyed', 'entries', 'salt', 'results', 'status', 'report'), fc.integer({ min: 100, max: 20_000 }), fc.boolean());
    fc.assert(fc.property(recipe, fc.constantFrom(...NAMES), ([key, depth, arrays], name) => void load(deep(key, depth, arrays), name)), { numRuns: 30 });
  });

  it('handles truncated JSON, random text, random bytes and BOMs', () => {
    const content = fc.oneof(
      truncated,
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }),
      structured.map((text) => `\uFEFF${text}`),
    );
    fc.assert(fc.property(content, fc.constantFrom(...NAMES), (value, name) => void load(value, name)), { numRuns: NUMRUNS });
  });
});
