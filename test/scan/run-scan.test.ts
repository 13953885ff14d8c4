// The whole pipeline on real fixture repositories, with real git, RE2 and worker threads.
import { describe, expect, it } from 'vitest';
import { runScan, type ScanReport } from '../../src/scan/run-scan.js';
import { repoPerTest } from '../helpers/git-fixture.js';
import { AWS_KEY, AWS_KEY_2, GITHUB_TOKEN, TEST_RULES } from '../helpers/test-rules.js';
import { withAllow } from '../../src/rules/rule-spec.js';

const repo = repoPerTest();

function scan(dir: string, extra: { showSecrets?: boolean; maxBlobSize?: number; engine?: 'git' | 'isomorphic' } = {}): Promise<ScanReport> {
  return runScan({ path: dir, engine: extra.engine ?? 'git', jobs: 2, maxBlobSize: extra.maxBlobSize ?? 10 << 20, showSecrets: extra.showSecrets ?? true, rules: TEST_RULES });
}

describe('runScan', () => {
  it('attributes a secret added then deleted to the adding commit', async () => {
    const fixture = repo([
      { files: { 'README.md': 'hello\n' }, message: 'init' },
      { files: { 'config/aws.ini': `[default]\nregion = eu\nkey_id = ${AWS_KEY}\n` }, message: 'add aws config', author: { name: 'Ann', email: 'ann@example.com' } },
      { files: { 'config/aws.ini': null }, message: 'remove aws config' },
    ]);
    const adding = fixture.git('rev-parse', 'HEAD~1').trim();
    const report = await scan(fixture.dir);
    expect(report.findings).toHaveLength(1);
    const [finding] = report.findings;
    expect(finding).toMatchObject({ ruleId: 'test.aws-key-id', path: 'config/aws.ini', commit: adding, line: 3, column: 10, author: 'Ann', email: 'ann@example.com', message: 'add aws config', secret: AWS_KEY });
    expect(finding.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(report.summary.commits).toBe(3);
  });

  it('finds secrets reachable only from a side branch or only from a tag', async () => {
    const fixture = repo([
      { files: { 'a.txt': 'nothing here\n' } },
      { branch: 'feature', files: { 'feature.env': `PASSWORD=s3cr3t-on-branch\n` } },
      { branch: 'tagged', from: 'main', files: { 'tagged.txt': `token ${GITHUB_TOKEN}\n` }, tag: 'v1', tagMessage: 'release' },
      { branch: 'main' },
    ]);
    fixture.git('branch', '-D', 'tagged');
    const report = await scan(fixture.dir);
    expect(report.findings.map((f) => [f.path, f.secret]).sort()).toEqual([
      ['feature.env', 's3cr3t-on-branch'],
      ['tagged.txt', GITHUB_TOKEN],
    ]);
  });

  it('scans a blob that appears in 50 commits once and lists the later commits', async () => {
    const commits = [{ files: { 'keys.txt': `${AWS_KEY}\n` } }];
    for (let i = 0; i < 49; i += 1) commits.push({ files: { [`other-${i}.txt`]: `filler ${i}\n`, 'keys.txt': i % 2 === 0 ? 'rotated\n' : `${AWS_KEY}\n` } });
    const fixture = repo(commits);
    const report = await scan(fixture.dir);
    expect(report.summary.commits).toBe(50);
    // keys.txt alternates between two contents (2 blobs, each reintroduced 24 times) plus 49 filler blobs.
    expect(report.summary.blobsScanned).toBe(51);
    expect(report.summary.blobsReused).toBe(48);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0].laterCommits).toHaveLength(24);
  });

  it('gives one finding per path for the same secret in two files', async () => {
    const fixture = repo([{ files: { 'one.env': `PASSWORD=correct-horse\n`, 'two/copy.env': `PASSWORD=correct-horse\n`, 'three.txt': `x ${AWS_KEY_2}\n` } }]);
    const report = await scan(fixture.dir);
    expect(report.findings.map((f) => `${f.ruleId} ${f.path}`).sort()).toEqual(['test.aws-key-id three.txt', 'test.password one.env', 'test.password two/copy.env']);
    expect(new Set(report.findings.map((f) => f.fingerprint)).size).toBe(3);
  });

  it('reports nothing for a clean repository and redacts secrets unless asked', async () => {
    const clean = repo([{ files: { 'src/main.c': 'int main(void) { return 0; }\n' } }]);
    const cleanReport = await scan(clean.dir);
    expect(cleanReport.findings).toEqual([]);
    expect(cleanReport.summary.blobsScanned).toBe(1);

    const leaky = repo([{ files: { 'deploy.sh': `export PASSWORD=Tr0ub4dor-and-3\naws ${AWS_KEY}\n` } }]);
    const report = await scan(leaky.dir, { showSecrets: false });
    expect(report.findings).toHaveLength(2);
    const text = JSON.stringify(report);
    expect(text).not.toContain('Tr0ub4dor-and-3');
    expect(text).not.toContain(AWS_KEY);
    expect(report.findings.every((f) => f.secret === undefined && f.redacted.length > 0)).toBe(true);
  });

  it('skips and counts binary and oversized blobs, listing them by path', async () => {
    const binary = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]), Buffer.from(`${AWS_KEY}\n`)]);
    const fixture = repo([{ files: { 'logo.png': binary, 'big.txt': `${'a'.repeat(5000)}\n${AWS_KEY}\n`, 'small.txt': 'ok\n' } }]);
    const report = await scan(fixture.dir, { maxBlobSize: 1000 });
    expect(report.findings).toEqual([]);
    expect(report.summary.blobsSkipped).toMatchObject({ binary: 1, 'too-large': 1 });
    expect(report.summary.skipped.map((s) => [s.path, s.reason])).toEqual([
      ['big.txt', 'too-large'],
      ['logo.png', 'binary'],
    ]);
    expect(report.summary.incomplete).toBe(false);
  });

  it('scans a bare repository and a merge that introduces new content', async () => {
    const fixture = repo(
      [
        { files: { 'app.cfg': 'mode=a\n' } },
        { branch: 'other', files: { 'app.cfg': 'mode=b\n' } },
        { branch: 'main', files: { 'app.cfg': 'mode=c\n' } },
        { branch: 'main', merge: ['other'], files: { 'app.cfg': `mode=merged\npassword: merge-only-pw\n` }, message: 'merge other' },
      ],
      { bare: true },
    );
    const report = await scan(fixture.dir);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ path: 'app.cfg', secret: 'merge-only-pw', message: 'merge other', line: 2 });
  });

  it('fails with a coded error outside a repository', async () => {
    await expect(scan('/nonexistent/leaksweep')).rejects.toMatchObject({ code: 'GIT_NOT_A_REPOSITORY' });
    await expect(scan('/tmp')).rejects.toMatchObject({ code: 'GIT_NOT_A_REPOSITORY' });
  });

  it('never reads a blob seen only at paths every rule allows, and reads it once it appears elsewhere', async () => {
    const rules = withAllow(TEST_RULES, { paths: ['(?:^|/)vendor/'] });
    const vendored = `// bundled SDK\nconst key = "${AWS_KEY}";\n`;
    const fixture = repo([
      { files: { 'vendor/sdk.js': vendored, 'vendor/other.js': `token ${GITHUB_TOKEN}\n`, 'README.md': 'hi\n' }, message: 'vendor an sdk' },
      { files: { 'src/copied.js': vendored }, message: 'copy it out of vendor/' },
    ]);
    const copying = fixture.git('rev-parse', 'HEAD').trim();
    for (const engine of ['git', 'isomorphic'] as const) {
      const report = await runScan({ path: fixture.dir, engine, jobs: 2, maxBlobSize: 10 << 20, showSecrets: true, rules });
      expect(report.findings.map((f) => [f.path, f.secret, f.commit]), engine).toEqual([['src/copied.js', AWS_KEY, copying]]);
      // README and the copied blob are read; vendor/other.js never is
      expect(report.summary.blobsScanned, engine).toBe(2);
      expect(report.summary.blobsOnlyAtAllowedPaths, engine).toBe(1);
    }
    const files = await runScan({ path: fixture.dir, mode: 'files', engine: 'git', jobs: 1, maxBlobSize: 10 << 20, showSecrets: true, rules });
    expect(files.findings.map((f) => f.path)).toEqual(['src/copied.js']);
    expect(files.summary.blobsOnlyAtAllowedPaths).toBe(2);
  });
});
