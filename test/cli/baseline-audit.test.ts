// Interactive triage: answers become statuses, reasons and expiry; context lines show where, never the secret.
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { auditInteractively } from '../../src/cli/baseline-audit.js';
import { entryContext } from '../../src/cli/entry-context.js';
import { createBaseline, newBaselineKeying } from '../../src/findings/baseline.js';
import { fingerprintKey } from '../../src/findings/fingerprint.js';
import { CatFile } from '../../src/git/cat-file.js';
import { resolveGitDir } from '../../src/git/git-source.js';
import { compileRules } from '../../src/rules/compile-rules.js';
import { runScan } from '../../src/scan/run-scan.js';
import { makeRepo } from '../helpers/git-fixture.js';
import { AWS_KEY, GITHUB_TOKEN, TEST_RULES } from '../helpers/test-rules.js';

const fixture = makeRepo([{ files: { 'a.env': `# one\n# two\nAWS=${AWS_KEY}\n# four\n`, 'b.sh': `token ${GITHUB_TOKEN}\n`, 'c.cfg': 'password: hunter-two-2\n' } }]);
afterAll(() => fixture.cleanup());

describe('auditInteractively', () => {
  it('records each answer and shows redacted context', async () => {
    const keying = newBaselineKeying({});
    const key = fingerprintKey({}, keying);
    const report = await runScan({ path: fixture.dir, engine: 'git', jobs: 1, maxBlobSize: 1 << 20, showSecrets: false, rules: TEST_RULES, fingerprintKey: key });
    // the provider's last answer shows beside the entry being triaged
    const lastAnswer = { status: 'valid' as const, checkedAt: '2025-05-01T10:00:00Z', provider: 'aws', identity: { account: '123456789012' } };
    const baseline = createBaseline(report.findings.map((f) => (f.path === 'a.env' ? { ...f, verification: lastAnswer } : f)), keying);
    const catFile = new CatFile(resolveGitDir(fixture.dir));
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk) => (shown += chunk.toString()));
    try {
      const input = Readable.from(['f\n', 'sample data\n', 'a\n', 'legacy system\n', '2031-01-31\n', 's\n']);
      const result = await auditInteractively(baseline, { input, output, contextFor: entryContext(catFile, compileRules(TEST_RULES), key), reviewer: 'ann' });
      expect(result.reviewed).toBe(2);
      const byPath = Object.fromEntries(result.baseline.entries.map((e) => [e.path, e]));
      expect(byPath['a.env']).toMatchObject({ status: 'false-positive', reason: 'sample data', reviewer: 'ann' });
      expect(byPath['b.sh']).toMatchObject({ status: 'accepted-risk', reason: 'legacy system', expires: '2031-01-31' });
      expect(byPath['c.cfg']).toMatchObject({ status: 'unreviewed' });
      expect(shown).toMatch(/ {4}3 > AWS=AKIA\*{8}/);
      expect(shown).toMatch(/\] [^\n]* a\.env [^\n]*  last valid 2025-05-01 \(aws\)\n/);
      expect(shown).not.toContain('123456789012');
      expect(shown).not.toContain(AWS_KEY);
      expect(shown).not.toContain(GITHUB_TOKEN);
    } finally {
      await catFile.close();
    }
  });
});
