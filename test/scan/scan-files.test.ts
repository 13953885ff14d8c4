// Scans outside history: files on disk (--no-git) and standard input, with the same rules and report shape.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runScan } from '../../src/scan/run-scan.js';
import { AWS_KEY, GITHUB_TOKEN, TEST_RULES } from '../helpers/test-rules.js';

const root = mkdtempSync(join(tmpdir(), 'leaksweep-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('files and stdin', () => {
  it('scans every regular file below a directory, skipping .git, links, binaries and oversized files', async () => {
    mkdirSync(join(root, 'conf/deep'), { recursive: true });
    mkdirSync(join(root, '.git'));
    writeFileSync(join(root, 'conf/deep/app.env'), `A=1\nPASSWORD=disk-pass-42\n`);
    writeFileSync(join(root, 'keys.txt'), `${AWS_KEY}\n`);
    writeFileSync(join(root, '.git/config'), `${GITHUB_TOKEN}\n`);
    writeFileSync(join(root, 'blob.bin'), Buffer.from([0, 1, 2, 3]));
    writeFileSync(join(root, 'huge.txt'), `${'x'.repeat(3000)}\n${AWS_KEY}\n`);
    symlinkSync('/etc/passwd', join(root, 'link'));
    const report = await runScan({ path: root, mode: 'files', engine: 'git', jobs: 1, maxBlobSize: 2000, showSecrets: true, rules: TEST_RULES });
    expect(report.findings.map((f) => [f.path, f.line, f.secret])).toEqual([
      ['conf/deep/app.env', 2, 'disk-pass-42'],
      ['keys.txt', 1, AWS_KEY],
    ]);
    expect(report.findings.every((f) => f.commit === undefined)).toBe(true);
    expect(report.summary).toMatchObject({ mode: 'files', engine: 'none', blobsScanned: 2, blobsSkipped: { binary: 1, 'too-large': 1 } });
  });

  it('reads standard input as one blob named in the report', async () => {
    const stdin = Readable.from([Buffer.from('diff --git a/x b/x\n+token '), Buffer.from(`${GITHUB_TOKEN}\n`)]);
    const report = await runScan({ path: 'stdin', mode: 'stdin', engine: 'git', maxBlobSize: 1 << 20, showSecrets: false, rules: TEST_RULES, stdin });
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ path: 'stdin', line: 2, redacted: 'ghp_********' });
    expect(JSON.stringify(report)).not.toContain(GITHUB_TOKEN);
  });

  it('says when the path does not exist', async () => {
    await expect(runScan({ path: join(root, 'missing'), mode: 'files', engine: 'git', maxBlobSize: 100, showSecrets: false, rules: TEST_RULES })).rejects.toMatchObject({ code: 'USAGE' });
  });
});
