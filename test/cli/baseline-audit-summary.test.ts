// `baseline audit` without a terminal: counts by triage and by last verification, and what waits for a decision.
import { describe, expect, it } from 'vitest';
import { auditSummaryLines } from '../../src/cli/baseline-audit.js';
import { auditBaseline, type Baseline, type NativeEntry } from '../../src/findings/baseline.js';

const entry = (n: number, extra: Partial<NativeEntry>): NativeEntry => ({
  fingerprint: String(n).repeat(64).slice(0, 64), ruleId: 'aws.access-key-id', path: `p${n}.env`, redacted: 'AKIA********', status: 'unreviewed', ...extra,
});
const checked = (status: 'valid' | 'invalid' | 'unknown', day: string) => ({ verification: { status, checkedAt: `${day}T10:00:00Z`, provider: 'aws' } });

const baseline: Baseline = {
  version: 1, format: 'leaksweep', keying: { keyed: 'env' },
  entries: [
    entry(1, { ...checked('valid', '2025-05-01'), commit: 'c0ffee'.repeat(6) + 'abcd' }),
    entry(2, {}),
    entry(3, { status: 'revoked', ...checked('valid', '2025-04-02') }),
    entry(4, { status: 'accepted-risk', expires: '2025-01-31', ...checked('invalid', '2025-03-03') }),
    entry(5, { status: 'false-positive', ...checked('unknown', '2025-02-04') }),
  ],
};

describe('auditSummaryLines', () => {
  it('counts last answers and shows each listed entry with its last status and date', () => {
    expect(auditSummaryLines(auditBaseline(baseline, new Date('2025-06-01T00:00:00Z')))).toEqual([
      '5 entries: 2 unreviewed, 1 false-positive, 1 accepted-risk, 1 revoked',
      'last verification: 2 valid, 1 invalid, 1 unknown, 1 never verified',
      '1 triaged as false positive or revoked, but live when last verified:',
      '  aws.access-key-id  p3.env  AKIA********  revoked  last valid 2025-04-02 (aws)',
      '1 accepted risks have expired and fail scans again:',
      '  aws.access-key-id  p4.env  AKIA********  expired 2025-01-31  last invalid 2025-03-03 (aws)',
      '2 unreviewed:',
      '  aws.access-key-id  p1.env  AKIA********  c0ffeec0ff  last valid 2025-05-01 (aws)',
      '  aws.access-key-id  p2.env  AKIA********',
    ]);
  });

  it('says nothing of verification in a baseline never verified', () => {
    const plain = { ...baseline, entries: [entry(2, {})] };
    expect(auditSummaryLines(auditBaseline(plain))).toEqual(['1 entries: 1 unreviewed, 0 false-positive, 0 accepted-risk, 0 revoked', '1 unreviewed:', '  aws.access-key-id  p2.env  AKIA********']);
  });
});
