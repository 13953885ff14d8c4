// Pre-commit scans: what is staged, reported at the staged path and line, and only on lines the change adds.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScan } from '../../src/scan/run-scan.js';
import { repoPerTest, type Fixture } from '../helpers/git-fixture.js';
import { AWS_KEY, AWS_KEY_2, GITHUB_TOKEN, TEST_RULES } from '../helpers/test-rules.js';

const makeRepo = repoPerTest();

function stage(fixture: Fixture, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(fixture.dir, path)), { recursive: true });
    writeFileSync(join(fixture.dir, path), content);
    fixture.git('add', '--', path);
  }
}

const scanStaged = (dir: string) => runScan({ path: dir, mode: 'staged', engine: 'git', maxBlobSize: 1 << 20, showSecrets: true, rules: TEST_RULES });

describe('staged scan', () => {
  it('reports a staged secret at its path and line, without a commit', async () => {
    const fixture = makeRepo([{ files: { 'app.js': 'const a = 1;\n' } }]);
    stage(fixture, { 'config/new.env': `# creds\nGITHUB=${GITHUB_TOKEN}\n` });
    const report = await scanStaged(fixture.dir);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ path: 'config/new.env', line: 2, secret: GITHUB_TOKEN });
    expect(report.findings[0].commit).toBeUndefined();
    expect(report.summary).toMatchObject({ mode: 'staged', blobsScanned: 1, commits: 0 });
  });

  it('ignores secrets already committed and reports only what the change adds', async () => {
    const fixture = makeRepo([{ files: { 'keys.txt': `old ${AWS_KEY}\nline two\n`, 'other.txt': `${AWS_KEY_2}\n` } }]);
    stage(fixture, { 'keys.txt': `header\nold ${AWS_KEY}\nline two\nnew ${AWS_KEY_2}\n` });
    const report = await scanStaged(fixture.dir);
    expect(report.findings.map((f) => [f.path, f.line, f.secret])).toEqual([['keys.txt', 4, AWS_KEY_2]]);
  });

  it('is clean when nothing risky is staged, and ignores unstaged changes', async () => {
    const fixture = makeRepo([{ files: { 'a.txt': 'a\n' } }]);
    writeFileSync(join(fixture.dir, 'a.txt'), `password = "unstaged-pw-1"\n`);
    stage(fixture, { 'b.txt': 'harmless\n' });
    const report = await scanStaged(fixture.dir);
    expect(report.findings).toEqual([]);
    expect(report.summary.blobsScanned).toBe(1);
  });

  it('scans the whole index of a repository without commits', async () => {
    const fixture = makeRepo([]);
    stage(fixture, { 'first.cfg': `password: initial-pw-9\n`, 'logo.bin': Buffer.from([0, 1, 2]) });
    const report = await scanStaged(fixture.dir);
    expect(report.findings.map((f) => [f.path, f.line])).toEqual([['first.cfg', 1]]);
    expect(report.summary.blobsSkipped.binary).toBe(1);
  });

  it('reads the repository from a subdirectory, and reports paths from its root', async () => {
    const fixture = makeRepo([{ files: { 'pkg/app.js': 'const a = 1;\n' } }]);
    stage(fixture, { 'pkg/conf/new.env': `GITHUB=${GITHUB_TOKEN}\n` });
    const report = await scanStaged(join(fixture.dir, 'pkg'));
    expect(report.findings.map((f) => [f.path, f.line, f.secret])).toEqual([['pkg/conf/new.env', 1, GITHUB_TOKEN]]);
  });

  it('refuses a directory that is no repository, and one that does not exist, with the repository error', async () => {
    // git diff outside a repository falls back to --no-index: that must not read as "nothing staged"
    const outside = mkdtempSync(join(tmpdir(), 'leaksweep-not-a-repo-'));
    try {
      await expect(scanStaged(outside)).rejects.toMatchObject({ code: 'GIT_NOT_A_REPOSITORY', message: `${outside}: not a git repository` });
      await expect(scanStaged(join(outside, 'missing'))).rejects.toMatchObject({ code: 'GIT_NOT_A_REPOSITORY', message: `${join(outside, 'missing')}: no such directory` });
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
