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
});
