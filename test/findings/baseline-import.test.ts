// Other tools' baselines: detect-secrets, gitleaks reports and .gitleaksignore read as ours, matched to findings, converted without their secrets.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyBaseline, matches, serializeBaseline, updateBaseline, type BaselineKeying } from '../../src/findings/baseline.js';
import { readBaseline } from '../../src/findings/baseline-io.js';
import { parseGitleaksFingerprint } from '../../src/findings/baseline-import.js';
import type { Finding } from '../../src/findings/finding.js';
import { fingerprint } from '../../src/findings/fingerprint.js';
import { redact } from '../../src/findings/redact.js';

const SALT = { keyed: 'salt', salt: 'c7'.repeat(32) } satisfies BaselineKeying;
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const COMMIT_A = sha1('commit a');
const COMMIT_B = sha1('commit b');
const COMMIT_C = sha1('commit c');
const AWS = 'AKIAQ3EGRTXMPL7ZK2NB';
const AWS_OTHER = 'AKIAZ7TQWMXPL2RK9VHD';
const GITHUB = 'ghp_8fK2mQ9xLp4RtV7nW3sZ1yB6cD0eJ5hA2gUo';
const PASSWORD = 'Tr0ub4dor-and-3';

function finding(ruleId: string, secret: string, path: string, commit = COMMIT_A, laterCommits: string[] = []): Finding {
  return {
    ruleId, ruleName: ruleId, severity: 'high', path, commit, line: 5, column: 1,
    fingerprint: fingerprint(ruleId, secret, path, SALT.salt), redacted: redact(secret), secret, laterCommits,
  };
}
const withoutSecret = ({ secret: _secret, ...rest }: Finding): Finding => rest;

const aws = finding('aws.access-key-id', AWS, 'config/aws.ini');
const github = finding('github.personal-access-token', GITHUB, '.github/token');
const password = finding('generic.password', PASSWORD, 'app/settings.py', COMMIT_B);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leaksweep-import-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});
function sample(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  return file;
}

describe('detect-secrets .secrets.baseline', () => {
  const secretsBaseline = {
    version: '1.5.0',
    plugins_used: [{ name: 'AWSKeyDetector' }, { name: 'GitHubTokenDetector' }, { name: 'KeywordDetector', keyword_exclude: '' }],
    filters_used: [{ path: 'detect_secrets.filters.allowlist.is_line_allowlisted' }],
    results: {
      'config/aws.ini': [{ type: 'AWS Access Key', filename: 'config/aws.ini', hashed_secret: sha1(AWS), is_verified: false, line_number: 3 }],
      './app/settings.py': [
        { type: 'Secret Keyword', filename: 'app/settings.py', hashed_secret: sha1(PASSWORD), is_verified: false, line_number: 12, is_secret: false },
      ],
      'docs/setup.md': [{ type: 'Secret Keyword', filename: 'docs/setup.md', hashed_secret: sha1('gone-now'), is_verified: false, line_number: 40, is_secret: true }],
    },
    generated_at: '2024-05-02T09:14:07Z',
  };

  it('matches by path and the SHA-1 of the plain secret', () => {
    const baseline = readBaseline(sample('.secrets.baseline', secretsBaseline));
    expect(baseline.format).toBe('detect-secrets');
    expect(baseline.entries.map((entry) => [entry.path, entry.status])).toEqual([
      ['config/aws.ini', 'unreviewed'],
      ['app/settings.py', 'false-positive'],
      ['docs/setup.md', 'unreviewed'],
    ]);
    const result = applyBaseline([aws, github, password, finding('aws.access-key-id', AWS_OTHER, 'config/aws.ini')], baseline);
    expect(result.suppressed).toEqual([aws, password]);
    expect(result.fresh.map((f) => f.secret)).toEqual([GITHUB, AWS_OTHER]);
    expect(result.stale.map((entry) => entry.path)).toEqual(['docs/setup.md']);
    // the same secret under another path is another leak
    expect(matches(baseline.entries[0], finding('aws.access-key-id', AWS, 'config/copy.ini'))).toBe(false);
  });

  it('cannot match without the secret, or with a secret given separately', () => {
    const baseline = readBaseline(sample('.secrets.baseline', secretsBaseline));
    expect(applyBaseline([withoutSecret(aws)], baseline).fresh).toHaveLength(1);
    expect(matches(baseline.entries[0], withoutSecret(aws), AWS)).toBe(true);
  });

  it('converts into ours with its triage and without its hashes', () => {
    const imported = readBaseline(sample('.secrets.baseline', secretsBaseline));
    expect(() => updateBaseline(imported, [aws])).toThrow(expect.objectContaining({ code: 'USAGE' }));
    const converted = updateBaseline(imported, [aws, github, password], { keying: SALT });
    expect(converted.format).toBe('leaksweep');
    expect(converted.entries.map((entry) => [entry.path, entry.status, entry.reason])).toEqual([
      ['.github/token', 'unreviewed', undefined],
      ['app/settings.py', 'false-positive', 'detect-secrets audit: not a secret'],
      ['config/aws.ini', 'unreviewed', undefined],
    ]);
    const text = serializeBaseline(converted);
    for (const secret of [AWS, PASSWORD, GITHUB, 'gone-now']) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(sha1(secret));
    }
    expect(applyBaseline([aws, github, password], converted).fresh).toEqual([]);
  });
});

describe('gitleaks JSON report', () => {
  const leak = (fields: Record<string, unknown>) => ({
    Description: 'a leak', EndLine: 3, StartColumn: 13, EndColumn: 32, Match: `key = ${AWS}`, SymlinkFile: '', Entropy: 3.7,
    Author: 'Ann Example', Email: 'ann@example.com', Date: '2024-03-01T09:12:00Z', Message: 'add config', Tags: [],
    ...fields,
  });
  const report = [
    leak({ RuleID: 'aws-access-token', StartLine: 3, Secret: AWS, File: 'config/aws.ini', Commit: COMMIT_C, Fingerprint: `${COMMIT_C}:config/aws.ini:aws-access-token:3` }),
    leak({ RuleID: 'generic-api-key', StartLine: 12, Secret: 'REDACTED', Match: 'REDACTED', File: 'app/settings.py', Commit: COMMIT_B, Fingerprint: `${COMMIT_B}:app/settings.py:generic-api-key:12` }),
    leak({ RuleID: 'github-pat', StartLine: 1, Secret: 'ghp_8fK2...', File: '.github/token', Commit: COMMIT_C, Fingerprint: `${COMMIT_C}:.github/token:github-pat:1` }),
  ];

  it('matches on path, mapped rule, then the secret when both have it, else the commit', () => {
    const baseline = readBaseline(sample('gitleaks-report.json', report));
    expect(baseline.format).toBe('gitleaks-report');
    // the plain secret decides even though gitleaks saw it in another commit
    expect(matches(baseline.entries[0], aws)).toBe(true);
    expect(matches(baseline.entries[0], finding('aws.access-key-id', AWS_OTHER, 'config/aws.ini', COMMIT_C))).toBe(false);
    // redacted: any later commit that introduced it counts, not only the first
    expect(matches(baseline.entries[1], finding('generic.password', PASSWORD, 'app/settings.py', COMMIT_A, [COMMIT_B]))).toBe(true);
    // a partially redacted secret is no secret; the commit differs, so this is new
    const result = applyBaseline([aws, github, password], baseline);
    expect(result.suppressed).toEqual([aws, password]);
    expect(result.fresh).toEqual([github]);
    expect(result.stale.map((entry) => entry.ruleId)).toEqual(['github-pat']);
  });

  it('keeps a mapped rule apart from other kinds of secret at the same place', () => {
    const baseline = readBaseline(sample('r.json', [leak({ RuleID: 'aws-access-token', Secret: 'REDACTED', File: 'config/aws.ini', Commit: COMMIT_A, StartLine: 3 })]));
    expect(matches(baseline.entries[0], withoutSecret(aws))).toBe(true);
    expect(matches(baseline.entries[0], finding('github.personal-access-token', GITHUB, 'config/aws.ini'))).toBe(false);
  });

  it('never carries its plain secrets into our file', () => {
    const baseline = readBaseline(sample('gitleaks-report.json', report));
    expect(JSON.stringify(baseline)).not.toContain(AWS);
    const text = serializeBaseline(updateBaseline(baseline, [aws, password], { keying: SALT }));
    expect(text).not.toContain(AWS);
    expect(text).not.toContain(sha1(AWS));
    expect(text).toContain('"redacted": "AKIA********"');
  });

  it('reads an empty report, and rejects entries without a file', () => {
    expect(readBaseline(sample('empty.json', [])).entries).toEqual([]);
    const file = sample('broken.json', [{ RuleID: 'aws-access-token', StartLine: 3 }]);
    expect(() => readBaseline(file)).toThrow(expect.objectContaining({ code: 'BASELINE_INVALID', message: `${file}: [0]: expected "File" (the path of the finding)` }));
  });
});

describe('.gitleaksignore', () => {
  const ignore = [
    '# reviewed 2024-05: test fixtures',
    `${COMMIT_A}:config/aws.ini:aws-access-token:3`,
    'app/settings.py:generic-api-key:12',
    '',
    `${COMMIT_B}:docs/a:b.md:generic-api-key:7`,
  ].join('\n');

  it('suppresses by path, commit when given, and mapped rule', () => {
    const baseline = readBaseline(sample('.gitleaksignore', ignore));
    expect(baseline.format).toBe('gitleaksignore');
    expect(baseline.entries.map((entry) => [entry.commit, entry.path, entry.ruleId, entry.status])).toEqual([
      [COMMIT_A, 'config/aws.ini', 'aws-access-token', 'accepted-risk'],
      [undefined, 'app/settings.py', 'generic-api-key', 'accepted-risk'],
      [COMMIT_B, 'docs/a:b.md', 'generic-api-key', 'accepted-risk'],
    ]);
    const colon = finding('generic.secret', 'x9Qv-Lm3T-7Rw2', 'docs/a:b.md', COMMIT_A, [COMMIT_B]);
    const otherCommit = finding('aws.access-key-id', AWS_OTHER, 'config/aws.ini', COMMIT_C);
    const otherRule = finding('github.personal-access-token', GITHUB, 'config/aws.ini');
    const result = applyBaseline([aws, password, colon, otherCommit, otherRule], baseline);
    expect(result.suppressed).toEqual([aws, password, colon]);
    expect(result.fresh).toEqual([otherCommit, otherRule]);
  });

  it('parses fingerprints from the right, so paths may hold colons', () => {
    expect(parseGitleaksFingerprint(`${COMMIT_A}:a:b:c.txt:private-key:9`)).toEqual({ commit: COMMIT_A, path: 'a:b:c.txt', ruleId: 'private-key', line: 9 });
    expect(parseGitleaksFingerprint(`${COMMIT_A}:private-key:9`)).toEqual({ path: COMMIT_A, ruleId: 'private-key', line: 9 });
    expect(parseGitleaksFingerprint('file.txt:rule')).toBeUndefined();
  });

  it('names the file and line of a malformed entry', () => {
    const file = sample('.gitleaksignore', '# ok\nconfig/aws.ini:aws-access-token:3\nnot a fingerprint\n');
    expect(() => readBaseline(file)).toThrow(
      expect.objectContaining({ code: 'BASELINE_INVALID', message: `${file}: line 3: expected a gitleaks fingerprint, commit:file:rule-id:line or file:rule-id:line` }),
    );
  });
});

describe('malformed foreign baselines', () => {
  it('names the file and the field for detect-secrets', () => {
    const file = sample('.secrets.baseline', { plugins_used: [], results: { 'a.py': [{ type: 'Secret Keyword', hashed_secret: 'not-a-hash' }] }, generated_at: '2024-05-02T09:14:07Z' });
    expect(() => readBaseline(file)).toThrow(
      expect.objectContaining({ code: 'BASELINE_INVALID', message: `${file}: results["a.py"][0]: "hashed_secret" must be a 40-character hex SHA-1` }),
    );
  });

  // found by baseline-io.fuzz.test.ts: 1e30 passed as a line, and Number() read '', ' 7' and '0x1F' as lines
  it('rejects line numbers that are not whole decimal numbers a double holds exactly', () => {
    const huge = '123456789012345678901234567890';
    const report = sample('r.json', `[{"RuleID": "aws-access-token", "File": "a.ini", "StartLine": ${huge}}]`);
    expect(() => readBaseline(report)).toThrow(expect.objectContaining({ code: 'BASELINE_INVALID', message: `${report}: [0]: "StartLine" must be a line number` }));
    const secrets = sample('.secrets.baseline', `{"generated_at": "x", "results": {"a.py": [{"type": "t", "hashed_secret": "${'a'.repeat(40)}", "line_number": ${huge}}]}}`);
    expect(() => readBaseline(secrets)).toThrow(expect.objectContaining({ message: `${secrets}: results["a.py"][0]: "line_number" must be a line number` }));
    for (const line of [huge, '', ' 7', '0x1F', '1e3', '-1']) {
      const ignore = sample('.gitleaksignore', `config/aws.ini:aws-access-token:${line}\n`);
      expect(() => readBaseline(ignore), line).toThrow(expect.objectContaining({ code: 'BASELINE_INVALID', message: expect.stringContaining(`${ignore}: line 1: expected a gitleaks fingerprint`) }));
    }
    expect(parseGitleaksFingerprint('config/aws.ini:aws-access-token:0')).toEqual({ path: 'config/aws.ini', ruleId: 'aws-access-token', line: 0 });
  });

  it('says what was expected of a JSON object that is none of the formats', () => {
    const file = sample('what.json', { hello: 'world' });
    expect(() => readBaseline(file)).toThrow(expect.objectContaining({ code: 'BASELINE_INVALID', message: expect.stringContaining(`${file}: expected "version": 1`) }));
  });
});
