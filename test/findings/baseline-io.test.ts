// Baseline files: byte-stable round trips, private mode, and malformed files rejected with the file name and what was expected.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyBaseline, createBaseline, updateBaseline, type BaselineKeying } from '../../src/findings/baseline.js';
import { DEFAULT_BASELINE_FILE, parseBaseline, readBaseline, writeBaseline } from '../../src/findings/baseline-io.js';
import type { Finding } from '../../src/findings/finding.js';
import { fingerprint } from '../../src/findings/fingerprint.js';

const SALT = { keyed: 'salt', salt: '5e'.repeat(32) } satisfies BaselineKeying;
const COMMIT = createHash('sha1').update('first commit').digest('hex');

function finding(ruleId: string, secret: string, path: string): Finding {
  return {
    ruleId, ruleName: ruleId, severity: 'high', path, commit: COMMIT, line: 1, column: 1,
    fingerprint: fingerprint(ruleId, secret, path, SALT.salt), redacted: '********', secret, laterCommits: [],
  };
}

const findings = [
  finding('stripe.secret-key', 'sk_live_Xq7Lm2Rt9Wv4Np8Kc3Hd6Jf1', 'billing/.env'),
  finding('aws.access-key-id', 'AKIAQ3EGRTXMPL7ZK2NB', 'config/aws.ini'),
];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leaksweep-baseline-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('writeBaseline and readBaseline', () => {
  it('round-trips to identical bytes, with mode 0600', () => {
    const file = join(dir, DEFAULT_BASELINE_FILE);
    const baseline = createBaseline(findings, SALT);
    writeBaseline(file, baseline);
    const first = readFileSync(file, 'utf8');
    writeBaseline(file, readBaseline(file));
    expect(readFileSync(file, 'utf8')).toBe(first);
    writeBaseline(file, updateBaseline(readBaseline(file), findings));
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readBaseline(file)).toStrictEqual(baseline);
    expect(applyBaseline(findings, readBaseline(file)).fresh).toEqual([]);
  });

  it('makes an existing, more open file private', () => {
    const file = join(dir, DEFAULT_BASELINE_FILE);
    writeFileSync(file, '{}', { mode: 0o644 });
    writeBaseline(file, createBaseline(findings, SALT));
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('reads triage written by hand, and an env-keyed baseline', () => {
    const fingerprintOf = findings[1].fingerprint;
    const text = JSON.stringify({
      version: 1,
      keyed: 'env',
      entries: [{ fingerprint: fingerprintOf, ruleId: 'aws.access-key-id', path: 'config/aws.ini', redacted: 'AKIA********', status: 'accepted-risk', reason: 'sandbox', reviewer: 'ann', expires: '2025-06-30' }],
    });
    const baseline = parseBaseline(text, 'b.json');
    expect(baseline.keying).toEqual({ keyed: 'env' });
    expect(baseline.entries[0]).toMatchObject({ status: 'accepted-risk', expires: '2025-06-30', reviewer: 'ann' });
  });

  it('round-trips the last verification of each entry, byte for byte', () => {
    const file = join(dir, DEFAULT_BASELINE_FILE);
    const verified = [{ ...findings[0], verification: { status: 'valid' as const, checkedAt: '2025-05-01T10:00:00.000Z', provider: 'stripe', identity: { account: 'acct_1' } } }, findings[1]];
    const baseline = createBaseline(verified, SALT);
    writeBaseline(file, baseline);
    const first = readFileSync(file, 'utf8');
    expect(first).toContain('"status": "unreviewed",\n      "verification": {\n        "status": "valid",\n        "checkedAt": "2025-05-01T10:00:00.000Z",\n        "provider": "stripe"\n      }\n    }');
    expect(first).not.toContain('acct_1');
    expect(readBaseline(file)).toStrictEqual(baseline);
    writeBaseline(file, readBaseline(file));
    expect(readFileSync(file, 'utf8')).toBe(first);
    // a later scan without --verify writes the same bytes
    writeBaseline(file, updateBaseline(readBaseline(file), findings));
    expect(readFileSync(file, 'utf8')).toBe(first);
  });

  it('names the file when it cannot be read or written', () => {
    const missing = join(dir, 'missing.json');
    expect(() => readBaseline(missing)).toThrow(expect.objectContaining({ code: 'BASELINE_UNREADABLE', message: expect.stringContaining(missing) }));
    const blocked = join(dir, 'no-such-dir', DEFAULT_BASELINE_FILE);
    expect(() => writeBaseline(blocked, createBaseline(findings, SALT))).toThrow(
      expect.objectContaining({ code: 'BASELINE_WRITE_FAILED', message: expect.stringContaining(blocked) }),
    );
  });
});

describe('malformed baselines', () => {
  const file = '.leaksweep-baseline.json';
  const entry = { fingerprint: 'ab'.repeat(32), ruleId: 'aws.access-key-id', path: 'a.ini', redacted: '********', status: 'unreviewed' };
  const base = { version: 1, salt: SALT.salt, entries: [entry] };
  const last = { status: 'valid', checkedAt: '2025-05-01T10:00:00Z', provider: 'github' };
  const cases: [string, string, RegExp][] = [
    ['not JSON', '{"version": 1,', /not JSON/],
    ['empty', '', /empty file/],
    ['not an object', '"hello"', /expected a JSON object/],
    ['no version', JSON.stringify({ entries: [] }), /expected "version": 1/],
    ['wrong version', JSON.stringify({ ...base, version: 2 }), /unsupported "version": 2 \(expected 1\)/],
    ['no salt nor env', JSON.stringify({ version: 1, entries: [] }), /expected "salt" \(64 hex characters\) or "keyed": "env"/],
    ['short salt', JSON.stringify({ ...base, salt: 'abc' }), /"salt" must be 64 lowercase hex/],
    ['salt with env', JSON.stringify({ ...base, keyed: 'env' }), /"keyed": "env" baselines hold no "salt"/],
    ['entries not a list', JSON.stringify({ ...base, entries: {} }), /"entries" must be a list/],
    ['missing fingerprint', JSON.stringify({ ...base, entries: [{ ...entry, fingerprint: undefined }] }), /entries\[0\]: "fingerprint" must be 64/],
    ['missing path', JSON.stringify({ ...base, entries: [{ ...entry, path: undefined }] }), /entries\[0\]: "path" must be a non-empty string/],
    ['bad status', JSON.stringify({ ...base, entries: [{ ...entry, status: 'ignored' }] }), /"status" must be one of unreviewed, false-positive, accepted-risk, revoked \(got "ignored"\)/],
    ['bad date', JSON.stringify({ ...base, entries: [{ ...entry, status: 'accepted-risk', expires: '2025-02-30' }] }), /"expires" must be an ISO date .*"2025-02-30"/],
    ['not a date', JSON.stringify({ ...base, entries: [{ ...entry, expires: 'next week' }] }), /"expires" must be an ISO date/],
    ['misspelt field', JSON.stringify({ ...base, entries: [{ ...entry, expiry: '2025-01-01' }] }), /unknown field "expiry"/],
    ['verification not an object', JSON.stringify({ ...base, entries: [{ ...entry, verification: 'valid' }] }), /entries\[0\]: "verification" must be an object/],
    ['verification status', JSON.stringify({ ...base, entries: [{ ...entry, verification: { ...last, status: 'live' } }] }), /"verification.status" must be one of valid, invalid, unknown \(got "live"\)/],
    ['verification time', JSON.stringify({ ...base, entries: [{ ...entry, verification: { ...last, checkedAt: '2025-05-01' } }] }), /"verification.checkedAt" must be an ISO timestamp/],
    ['verification provider', JSON.stringify({ ...base, entries: [{ ...entry, verification: { ...last, provider: 'git\u001b[31mhub' } }] }), /"verification.provider" must be a verifier name/],
    ['verification missing provider', JSON.stringify({ ...base, entries: [{ ...entry, verification: { ...last, provider: undefined } }] }), /"verification.provider"/],
    // the identity is kept out of the file: one written by hand is refused, not silently dropped
    ['verification identity', JSON.stringify({ ...base, entries: [{ ...entry, verification: { ...last, identity: { login: 'a' } } }] }), /"verification": unknown field "identity"/],
    ['duplicate', JSON.stringify({ ...base, entries: [entry, { ...entry, status: 'revoked' }] }), /entries\[1\]: fingerprint a?b+.* appears twice/],
    // found by baseline-io.fuzz.test.ts: JSON.stringify of the value threw a RangeError
    ['too deep to quote', `{"version": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`, /unsupported "version": a list \(expected 1\)/],
    ['a long value', JSON.stringify({ ...base, keyed: 'x'.repeat(10_000) }), /"keyed" must be "salt" or "env" \(got "x{76}…\)$/],
    ['line break in a field name', JSON.stringify({ ...base, 'a\nb': 1 }), /unknown field "a\\nb"/],
    ['line break in broken JSON', '\u0000\n\u0000', /^[^\n]*not JSON \(Unexpected character\)/],
    // V8 quotes the text around a JSON error: in a broken gitleaks report that text is a secret
    ['broken report holding a secret', '[{"Secret": "AKIAQ3EGRTXMPL7ZK2NB" "RuleID": "aws"}]', /^(?!.*AKIA).*not JSON \(Expected ',' or '\}' after property value at line 1, column 36\)/],
    ['broken report, secret near the start', '{"a": AKIAQ3EGRTXMPL7ZK2NB}', /^(?!.*AKIA).*not JSON \(Unexpected character\)/],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    let error: unknown;
    try {
      parseBaseline(text, file);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'BASELINE_INVALID' });
    const message = (error as Error).message;
    expect(message.startsWith(`${file}: `)).toBe(true);
    expect(message).not.toMatch(/[\r\n]/);
    expect(message).toMatch(expected);
  });

  it('reads a well-formed sample of the same shape', () => {
    expect(parseBaseline(JSON.stringify(base), file).entries).toHaveLength(1);
    expect(parseBaseline(JSON.stringify({ ...base, entries: [{ ...entry, verification: last }] }), file).entries[0]).toMatchObject({ verification: last });
  });
});
