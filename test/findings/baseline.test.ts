// Baseline operations: known findings stay quiet wherever their line moves, new ones fail, triage survives updates, and the file leaks nothing.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  applyBaseline,
  auditBaseline,
  createBaseline,
  isExpired,
  newBaselineKeying,
  serializeBaseline,
  updateBaseline,
  type Baseline,
  type BaselineKeying,
  type NativeEntry,
} from '../../src/findings/baseline.js';
import type { Finding } from '../../src/findings/finding.js';
import { DEFAULT_FINGERPRINT_KEY, fingerprint, fingerprintKey } from '../../src/findings/fingerprint.js';
import { redact } from '../../src/findings/redact.js';

const SALT = { keyed: 'salt', salt: 'a3'.repeat(32) } satisfies BaselineKeying;
const KEY = fingerprintKey({}, SALT);
const COMMIT_A = createHash('sha1').update('commit a').digest('hex');
const COMMIT_B = createHash('sha1').update('commit b').digest('hex');
const AWS = 'AKIAQ3EGRTXMPL7ZK2NB';
const GITHUB = 'ghp_8fK2mQ9xLp4RtV7nW3sZ1yB6cD0eJ5hA2gUo';
const PASSWORD = 'Tr0ub4dor-and-3';

function finding(ruleId: string, secret: string, path: string, more: Partial<Finding> & { key?: string } = {}): Finding {
  const { key = KEY, ...rest } = more;
  return {
    ruleId,
    ruleName: ruleId,
    severity: 'high',
    path,
    commit: COMMIT_A,
    line: 3,
    column: 1,
    fingerprint: fingerprint(ruleId, secret, path, key),
    redacted: redact(secret),
    secret,
    laterCommits: [],
    ...rest,
  };
}

const aws = finding('aws.access-key-id', AWS, 'config/aws.ini');
const github = finding('github.personal-access-token', GITHUB, '.github/token');
const password = finding('generic.password', PASSWORD, 'app/settings.py', { commit: COMMIT_B });

function withStatus(baseline: Baseline, path: string, triage: Partial<NativeEntry>): Baseline {
  return { ...baseline, entries: baseline.entries.map((entry) => (entry.path === path ? { ...entry, ...triage } : entry)) };
}

describe('createBaseline and applyBaseline', () => {
  it('suppresses every finding it was created from', () => {
    const baseline = createBaseline([aws, github, password], SALT);
    expect(baseline.entries.every((entry) => entry.status === 'unreviewed')).toBe(true);
    const result = applyBaseline([aws, github, password], baseline);
    expect(result.fresh).toEqual([]);
    expect(result.suppressed).toEqual([aws, github, password]);
    expect(result.stale).toEqual([]);
  });

  it('reports a new finding as fresh', () => {
    const baseline = createBaseline([aws], SALT);
    expect(applyBaseline([aws, github], baseline).fresh).toEqual([github]);
  });

  it('still knows a finding whose line moved, but not the same secret in another file', () => {
    const baseline = createBaseline([aws], SALT);
    const moved = { ...aws, line: 40, column: 7, commit: COMMIT_B };
    const elsewhere = finding('aws.access-key-id', AWS, 'config/other.ini');
    const result = applyBaseline([moved, elsewhere], baseline);
    expect(result.suppressed).toEqual([moved]);
    expect(result.fresh).toEqual([elsewhere]);
  });

  it('reports entries no longer found as stale', () => {
    const baseline = createBaseline([aws, github], SALT);
    const result = applyBaseline([aws], baseline);
    expect(result.stale.map((entry) => entry.path)).toEqual(['.github/token']);
  });

  it('suppresses every status, but an accepted risk past its expiry fails again', () => {
    let baseline = createBaseline([aws, github, password], SALT);
    baseline = withStatus(baseline, 'config/aws.ini', { status: 'accepted-risk', expires: '2025-06-30', reason: 'rotating in Q3', reviewer: 'ann' });
    baseline = withStatus(baseline, '.github/token', { status: 'revoked' });
    baseline = withStatus(baseline, 'app/settings.py', { status: 'false-positive' });
    // the date is inclusive: the acceptance holds through 30 June (UTC)
    const lastDay = applyBaseline([aws, github, password], baseline, new Date('2025-06-30T23:59:59Z'));
    expect(lastDay.fresh).toEqual([]);
    const after = applyBaseline([aws, github, password], baseline, new Date('2025-07-01T00:00:00Z'));
    expect(after.fresh).toEqual([aws]);
    expect(after.suppressed).toEqual([github, password]);
    expect(after.expired.map((entry) => entry.path)).toEqual(['config/aws.ini']);
    expect(after.stale).toEqual([]);
  });

  it('treats an expiry timestamp as an instant', () => {
    const entry = { ...createBaseline([aws], SALT).entries[0], status: 'accepted-risk' as const, expires: '2025-06-30T12:00:00+02:00' };
    expect(isExpired(entry, new Date('2025-06-30T09:59:59Z'))).toBe(false);
    expect(isExpired(entry, new Date('2025-06-30T10:00:00Z'))).toBe(true);
    expect(isExpired({ ...entry, status: 'revoked' }, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('updateBaseline', () => {
  it('keeps triage, adds new findings as unreviewed, and prunes only when asked', () => {
    const triaged = withStatus(createBaseline([aws, github], SALT), 'config/aws.ini', {
      status: 'accepted-risk',
      reason: 'test account, no permissions',
      reviewer: 'ann@example.com',
      expires: '2026-01-31',
    });
    const updated = updateBaseline(triaged, [aws, password]);
    expect(updated.keying).toEqual(SALT);
    expect(updated.entries.map((entry) => [entry.path, entry.status])).toEqual([
      ['.github/token', 'unreviewed'],
      ['app/settings.py', 'unreviewed'],
      ['config/aws.ini', 'accepted-risk'],
    ]);
    expect(updated.entries.find((entry) => entry.path === 'config/aws.ini')).toEqual(triaged.entries.find((entry) => entry.path === 'config/aws.ini'));
    const pruned = updateBaseline(triaged, [aws, password], { prune: true });
    expect(pruned.entries.map((entry) => entry.path)).toEqual(['app/settings.py', 'config/aws.ini']);
    expect(updateBaseline(pruned, [aws, password])).toEqual(pruned);
  });
});

describe('updateBaseline and verification', () => {
  const answer = (status: 'valid' | 'invalid' | 'unknown', checkedAt: string): Pick<Finding, 'verification'> => ({
    verification: { status, checkedAt, provider: 'aws', identity: { account: '123456789012' }, ...(status === 'valid' ? {} : { error: 'http 403' }) },
  });

  it('keeps the last answer of each finding: status, time and provider, never the identity', () => {
    const created = createBaseline([{ ...aws, ...answer('valid', '2025-05-01T10:00:00Z') }, github], SALT);
    const entry = created.entries.find((e) => e.path === 'config/aws.ini') as NativeEntry;
    expect(entry.verification).toStrictEqual({ status: 'valid', checkedAt: '2025-05-01T10:00:00Z', provider: 'aws' });
    expect(created.entries.find((e) => e.path === '.github/token')).not.toHaveProperty('verification');
    expect(serializeBaseline(created)).not.toContain('123456789012');
    expect(serializeBaseline(created)).not.toContain('http 403');
  });

  it('replaces it with a newer answer and keeps it when the new scan did not verify', () => {
    let baseline = withStatus(createBaseline([{ ...aws, ...answer('valid', '2025-05-01T10:00:00Z') }, github], SALT), 'config/aws.ini', { status: 'revoked', reason: 'rotated' });
    const last = (b: Baseline, path: string) => (b.entries.find((e) => e.path === path) as NativeEntry).verification;
    baseline = updateBaseline(baseline, [aws, github]);
    expect(last(baseline, 'config/aws.ini')).toEqual({ status: 'valid', checkedAt: '2025-05-01T10:00:00Z', provider: 'aws' });
    baseline = updateBaseline(baseline, [{ ...aws, ...answer('invalid', '2025-06-01T10:00:00Z') }, { ...github, ...answer('unknown', '2025-06-01T10:00:00Z') }]);
    expect(last(baseline, 'config/aws.ini')).toEqual({ status: 'invalid', checkedAt: '2025-06-01T10:00:00Z', provider: 'aws' });
    expect(last(baseline, '.github/token')).toEqual({ status: 'unknown', checkedAt: '2025-06-01T10:00:00Z', provider: 'aws' });
    // triage is the reviewer's, untouched by what the provider says
    expect(baseline.entries.find((e) => e.path === 'config/aws.ini')).toMatchObject({ status: 'revoked', reason: 'rotated' });
    // an entry no longer found keeps its last answer unless pruned
    const gone = updateBaseline(baseline, [github]);
    expect(last(gone, 'config/aws.ini')?.status).toBe('invalid');
    expect(updateBaseline(gone, [github])).toEqual(gone);
  });
});

describe('auditBaseline', () => {
  it('counts statuses and lists what waits for a decision', () => {
    let baseline = createBaseline([aws, github, password], SALT);
    baseline = withStatus(baseline, 'config/aws.ini', { status: 'accepted-risk', expires: '2024-12-31' });
    baseline = withStatus(baseline, '.github/token', { status: 'revoked' });
    const audit = auditBaseline(baseline, new Date('2025-03-01T00:00:00Z'));
    expect(audit.total).toBe(3);
    expect(audit.byStatus).toEqual({ unreviewed: 1, 'false-positive': 0, 'accepted-risk': 1, revoked: 1 });
    expect(audit.expired.map((entry) => entry.path)).toEqual(['config/aws.ini']);
    expect(audit.unreviewed.map((entry) => entry.path)).toEqual(['app/settings.py']);
    expect(audit.byVerification).toEqual({ valid: 0, invalid: 0, unknown: 0, none: 3 });
    expect(audit.liveButDismissed).toEqual([]);
  });

  it('counts the last answers and lists keys dismissed as harmless that were live when last asked', () => {
    const at = (status: 'valid' | 'invalid') => ({ verification: { status, checkedAt: '2025-05-01T10:00:00Z', provider: 'test' } });
    const third = finding('generic.password', 'another-pass-1', 'app/other.py');
    let baseline = createBaseline([{ ...aws, ...at('valid') }, { ...github, ...at('valid') }, { ...password, ...at('invalid') }, { ...third, ...at('valid') }], SALT);
    baseline = withStatus(baseline, 'config/aws.ini', { status: 'revoked' });
    baseline = withStatus(baseline, 'app/settings.py', { status: 'false-positive' });
    baseline = withStatus(baseline, 'app/other.py', { status: 'accepted-risk' });
    const audit = auditBaseline({ ...baseline, entries: [...baseline.entries, createBaseline([finding('x.y', 'zzzzzzzzzzzz', 'z.txt')], SALT).entries[0]] });
    expect(audit.byVerification).toEqual({ valid: 3, invalid: 1, unknown: 0, none: 1 });
    // revoked yet live: the rotation did not happen; an invalid false positive or a live accepted risk is as triaged
    expect(audit.liveButDismissed.map((entry) => entry.path)).toEqual(['config/aws.ini']);
  });
});

describe('serializeBaseline', () => {
  it('is sorted by path, rule and fingerprint, with stable bytes whatever the input order', () => {
    const twin = finding('generic.secret', AWS, 'config/aws.ini');
    const one = serializeBaseline(createBaseline([password, twin, aws, github], SALT));
    const two = serializeBaseline(createBaseline([github, aws, password, twin], SALT));
    expect(one).toBe(two);
    const created = createBaseline([password, twin, aws, github], SALT);
    expect(serializeBaseline({ ...created, entries: [...created.entries].reverse() })).toBe(one);
    expect(one.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(one) as { version: number; keyed: string; salt: string; entries: NativeEntry[] };
    expect(Object.keys(parsed)).toEqual(['version', 'keyed', 'salt', 'entries']);
    expect(parsed.entries.map((entry) => `${entry.path} ${entry.ruleId}`)).toEqual([
      '.github/token github.personal-access-token',
      'app/settings.py generic.password',
      'config/aws.ini aws.access-key-id',
      'config/aws.ini generic.secret',
    ]);
    expect(Object.keys(parsed.entries[0])).toEqual(['fingerprint', 'ruleId', 'path', 'commit', 'redacted', 'status']);
    expect(one).toContain('\n  "entries": [\n    {\n      "fingerprint": ');
  });

  it('holds no plain secret and no unsalted hash of one', () => {
    const text = serializeBaseline(createBaseline([aws, github, password], SALT));
    for (const { ruleId, secret, path } of [aws, github, password]) {
      for (const form of [secret!, Buffer.from(secret!).toString('base64')]) expect(text).not.toContain(form);
      for (const algorithm of ['sha1', 'sha256', 'sha512', 'md5']) {
        expect(text).not.toContain(createHash(algorithm).update(secret!).digest('hex'));
      }
      expect(text).not.toContain(fingerprint(ruleId, secret!, path, DEFAULT_FINGERPRINT_KEY));
    }
    // what identifies an entry is keyed by the salt
    expect(text).toContain(fingerprint(aws.ruleId, AWS, aws.path, SALT.salt));
  });
});

describe('keying', () => {
  const env = { LEAKSWEEP_BASELINE_KEY: 'team-secret-key' };

  it('makes a fresh random salt, or defers to the environment key and stores nothing', () => {
    const a = newBaselineKeying({});
    const b = newBaselineKeying({});
    expect(a.keyed === 'salt' && /^[0-9a-f]{64}$/.test(a.salt)).toBe(true);
    expect(a).not.toEqual(b);
    expect(newBaselineKeying(env)).toEqual({ keyed: 'env' });
    expect(newBaselineKeying({ LEAKSWEEP_BASELINE_KEY: '' }).keyed).toBe('salt');
    const envKeyed = serializeBaseline(createBaseline([], { keyed: 'env' }));
    expect(envKeyed).toBe('{\n  "version": 1,\n  "keyed": "env",\n  "entries": []\n}\n');
  });

  it('resolves the environment key first, then the salt, then the default', () => {
    expect(fingerprintKey(env)).toBe('team-secret-key');
    expect(fingerprintKey(env, { keyed: 'env' })).toBe('team-secret-key');
    expect(fingerprintKey({}, SALT)).toBe(SALT.salt);
    expect(fingerprintKey({})).toBe(DEFAULT_FINGERPRINT_KEY);
    const keyed = finding('aws.access-key-id', AWS, 'config/aws.ini', { key: fingerprintKey(env) });
    expect(keyed.fingerprint).not.toBe(aws.fingerprint);
    expect(keyed.fingerprint).not.toBe(finding('aws.access-key-id', AWS, 'config/aws.ini', { key: DEFAULT_FINGERPRINT_KEY }).fingerprint);
  });

  it('refuses to scan against a baseline with a key it does not have, instead of calling everything new', () => {
    expect(() => fingerprintKey({}, { keyed: 'env' }, '.leaksweep-baseline.json')).toThrow(
      expect.objectContaining({ code: 'BASELINE_KEY_MISMATCH', message: expect.stringMatching(/^\.leaksweep-baseline\.json: keyed by LEAKSWEEP_BASELINE_KEY, which is not set/) }),
    );
    expect(() => fingerprintKey(env, SALT, '.leaksweep-baseline.json')).toThrow(
      expect.objectContaining({ code: 'BASELINE_KEY_MISMATCH', message: expect.stringContaining('LEAKSWEEP_BASELINE_KEY is set') }),
    );
  });
});
