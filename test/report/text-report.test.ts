// The terminal report: grouped by path, one line per finding, a summary, and no secret unless it was asked for.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { jsonReport } from '../../src/report/json-report.js';
import { textReport } from '../../src/report/text-report.js';
import type { ScanReport } from '../../src/scan/run-scan.js';

const finding = (path: string, line: number, extra: Partial<Finding> = {}): Finding => ({
  ruleId: 'test.rule', ruleName: 'Test', severity: 'high', path, commit: 'c0ffee'.repeat(6) + 'abcd', author: 'Ann', date: '2024-01-02T03:04:05Z',
  line, column: 3, fingerprint: 'f'.repeat(64), redacted: 'AKIA********', laterCommits: [], ...extra,
});

const report: ScanReport = {
  findings: [finding('b.txt', 4), finding('a.txt', 9, { laterCommits: ['x', 'y'] }), finding('b.txt', 1)],
  summary: {
    version: '0.0.0', engine: 'git', mode: 'history', path: '.', rules: 3, commits: 12, blobsScanned: 30, bytesScanned: 2048, blobsReused: 5,
    blobsSkipped: { binary: 2, 'too-large': 0, missing: 0, failed: 0 }, skipped: [], findings: 3, incomplete: false, durationMs: 1500,
  },
};

describe('textReport', () => {
  it('groups by path with one line per finding and ends with a summary', () => {
    const lines = textReport(report, { color: false }).trimEnd().split('\n');
    expect(lines[0]).toBe('a.txt');
    expect(lines[1]).toMatch(/^ {2}9:3\s+high\s+test\.rule {2}AKIA\*{8} c0ffeec0ff 2024-01-02 Ann \(\+2 later commits\)$/);
    expect(lines[2]).toBe('b.txt');
    expect(lines.at(-1)).toBe('3 findings in 12 commits, 30 blobs (2.0 KiB) scanned in 1.50 s with engine git; skipped 2 binary');
  });

  it('lets no escape sequence from a path, an author or a secret reach the terminal', () => {
    const hostile = finding('evil\u001b]0;pwned\u0007.txt', 1, { author: 'Eve\u001b[2J', secret: 'tok\u001b[31m' });
    const text = textReport({ ...report, findings: [hostile] }, { color: false });
    expect(text).not.toMatch(/[\u001b\u0007]/);
    expect(text).toContain('evil\uFFFD]0;pwned\uFFFD.txt');
    expect(text).toContain('Eve\uFFFD[2J');
  });

  it('says how sure each finding is and counts what the threshold left out', () => {
    const sure: ScanReport = {
      findings: [finding('test/a.js', 2, { confidence: 'medium', context: 'test', lowered: ['context:test'] })],
      summary: { ...report.summary, findings: 1, belowConfidence: { threshold: 'medium', count: 7 } },
    };
    const text = textReport(sure, { color: false });
    expect(text).toContain('AKIA******** c0ffeec0ff 2024-01-02 Ann [medium confidence, test: context:test]');
    expect(text).toContain('7 findings below medium confidence left out');
  });

  it('closes with where to revoke each rule found, web links only', () => {
    const rules = [
      { id: 'test.rule', name: 'Test', severity: 'high' as const, revoke: 'https://provider.example/keys' },
      { id: 'other.rule', name: 'Other', severity: 'low' as const, revoke: 'https://other.example/keys' },
    ];
    const lines = textReport(report, { color: false, rules }).trimEnd().split('\n');
    expect(lines.slice(-4)).toEqual(['revoke or rotate:', '  test.rule  https://provider.example/keys', '', lines.at(-1)]);
    expect(textReport(report, { color: false, rules: [{ ...rules[0], revoke: 'javascript:alert(1)' }] })).not.toContain('revoke or rotate');
    expect(textReport(report, { color: false })).not.toContain('revoke or rotate');
  });

  it('says under each verified finding what the provider answered, and counts the answers in the summary', () => {
    const checkedAt = '2025-05-01T10:00:00Z';
    const verified: ScanReport = {
      findings: [
        finding('a.txt', 1, { verification: { status: 'valid', checkedAt, provider: 'github', identity: { login: 'octocat', scopes: 'repo' } } }),
        finding('a.txt', 2, { verification: { status: 'invalid', checkedAt, provider: 'github', error: 'http 401' } }),
        finding('a.txt', 3, { verification: { status: 'unknown', checkedAt, provider: 'slack', error: 'timeout after 5 s' } }),
        finding('a.txt', 4),
      ],
      summary: { ...report.summary, findings: 4, verification: { valid: 1, invalid: 1, unknown: 1, unsupported: 0, requests: 2, cached: 1 } },
    };
    const lines = textReport(verified, { color: false }).split('\n');
    const under = (line: number) => lines[lines.findIndex((l) => l.startsWith(`  ${line}:3 `)) + 1];
    expect(under(1)).toBe('            live (valid): login octocat, scopes repo (github)');
    expect(under(2)).toBe('            invalid: http 401 (github)');
    expect(under(3)).toBe('            not verified: timeout after 5 s (slack)');
    expect(under(4)).not.toMatch(/^ {12}/);
    expect(lines).toContain('verification: 1 live, 1 invalid, 1 not verified; 2 requests, 1 from cache');
    expect(textReport(report, { color: false })).not.toContain('verification:');
    expect(textReport(verified, { color: true })).toContain('\x1b[31mlive (valid): login octocat');
  });

  it('lets no escape sequence of a provider reach the terminal', () => {
    const hostile = finding('a.txt', 1, { verification: { status: 'valid', checkedAt: '2025-05-01T10:00:00Z', provider: 'github', identity: { login: 'x\x1b]8;;http://evil.example\x07y\n' } } });
    const text = textReport({ ...report, findings: [hostile] }, { color: false });
    expect(text).not.toContain('\x1b');
    expect(text).toContain('login x\uFFFD]8;;http://evil.example\uFFFDy\uFFFD (github)');
  });

  it('with --lifecycle, a key the provider confirmed live reads "rotate now"', () => {
    const checkedAt = '2025-05-01T10:00:00Z';
    const present = { presentAt: ['HEAD'], reachableFrom: ['refs/heads/main'], action: 'rotate' as const };
    const gone = { presentAt: [], removedIn: 'abcdef0123456789', reachableFrom: ['refs/heads/main', 'refs/tags/v1'], action: 'rotate-and-purge' as const };
    const text = textReport({
      ...report,
      findings: [
        finding('a.txt', 1, { lifecycle: present, verification: { status: 'valid', checkedAt, provider: 'github' } }),
        finding('b.txt', 1, { lifecycle: gone, verification: { status: 'valid', checkedAt, provider: 'github' } }),
        finding('c.txt', 1, { lifecycle: present, verification: { status: 'invalid', checkedAt, provider: 'github' } }),
        finding('d.txt', 1, { lifecycle: gone }),
      ],
    }, { color: false });
    expect(text).toContain('            live: rotate now: still present at HEAD; reachable from 1 ref\n');
    expect(text).toContain('            live: rotate now, then purge history: removed in abcdef0123, still reachable from 2 refs\n');
    expect(text).toContain('            rotate: still present at HEAD; reachable from 1 ref\n');
    expect(text).toContain('            rotate and purge history: removed in abcdef0123, still reachable from 2 refs\n');
    expect(text.match(/rotate now/g)).toHaveLength(2);
  });

  it('colors only when asked and warns when the scan is incomplete', () => {
    expect(textReport(report, { color: false })).not.toContain('\x1b[');
    expect(textReport(report, { color: true })).toContain('\x1b[31m');
    const incomplete = { ...report, summary: { ...report.summary, incomplete: true } };
    expect(textReport(incomplete, { color: false })).toContain('scan incomplete');
  });
});

describe('jsonReport', () => {
  it('is an object with findings and summary', () => {
    const parsed = JSON.parse(jsonReport(report));
    expect(Object.keys(parsed)).toEqual(['findings', 'summary']);
    expect(parsed.findings).toHaveLength(3);
  });

  it('passes verifications and their summary through unchanged', () => {
    const verification = { status: 'valid' as const, checkedAt: '2025-05-01T10:00:00Z', provider: 'github', identity: { login: 'octocat', '<b>': '"quoted"' } };
    const counts = { valid: 1, invalid: 0, unknown: 2, unsupported: 1, requests: 1, cached: 0 };
    const verified: ScanReport = { findings: [finding('a.txt', 1, { verification }), finding('b.txt', 1)], summary: { ...report.summary, verification: counts } };
    const parsed = JSON.parse(jsonReport(verified));
    expect(parsed.findings[0].verification).toEqual(verification);
    expect(Object.keys(parsed.findings[0].verification)).toEqual(['status', 'checkedAt', 'provider', 'identity']);
    expect(parsed.findings[1]).not.toHaveProperty('verification');
    expect(parsed.summary.verification).toEqual(counts);
  });
});
