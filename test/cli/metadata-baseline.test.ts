// A pushed commit message cannot be rewritten: its finding must be acceptable by a baseline made with the CLI.
import { afterAll, describe, expect, it } from 'vitest';
import { makeRepo } from '../helpers/git-fixture.js';
import { runCli } from '../helpers/run-cli.js';
import { AWS_KEY, AWS_KEY_2, GITHUB_TOKEN } from '../helpers/test-rules.js';

const LATER_TOKEN = 'ghp_Zt4Kq8Wm2Xv6Bn1Lp9Rs3Hd7Jf5Gc0Ya2Eu4';
const author = { name: 'Dev', email: `dev+${GITHUB_TOKEN}@example.com` };
const repo = makeRepo([
  { files: { 'README.md': 'hello\n' }, message: `deploy with ${AWS_KEY}`, tag: 'v1', tagMessage: `release key ${AWS_KEY_2}` },
  ...Array.from({ length: 5 }, (_, index) => ({ files: { 'n.txt': `${index}\n` }, author })),
]);
repo.git('notes', 'add', '-m', `rotated ${AWS_KEY}`, 'HEAD~1');
afterAll(() => repo.cleanup());

interface Report {
  findings: { path: string; fingerprint: string; laterCommits: string[] }[];
  summary: { baseline?: { suppressed: number }; metadataFindings?: number };
}

async function scanJson(...extra: string[]): Promise<{ code: number; report: Report }> {
  const result = await runCli('scan', repo.dir, '--format', 'json', '--quiet', ...extra);
  return { code: result.code, report: JSON.parse(result.stdout) as Report };
}

describe('metadata findings and the baseline', () => {
  it('are created into a baseline by the CLI, then suppressed; a new message token still fails', async () => {
    const before = await scanJson('--ignore-baseline');
    expect(before.code).toBe(1);
    expect(before.report.findings.map((f) => f.path).sort()).toEqual(['.git/author-email', '.git/commit-message', '.git/notes/commits', '.git/tag-message/v1']);
    expect(before.report.findings.find((f) => f.path === '.git/author-email')?.laterCommits).toHaveLength(4);
    expect(before.report.summary.metadataFindings).toBe(4);
    const again = await scanJson('--ignore-baseline');
    expect(again.report.findings.map((f) => f.fingerprint)).toEqual(before.report.findings.map((f) => f.fingerprint));

    const created = await runCli('baseline', 'create', repo.dir);
    expect(created.code, created.stderr).toBe(0);
    const after = await scanJson();
    expect(after.code).toBe(0);
    expect(after.report.findings).toEqual([]);
    expect(after.report.summary.baseline?.suppressed).toBe(4);

    repo.git('commit', '-q', '--allow-empty', '-m', `hotfix ${LATER_TOKEN}`);
    const failing = await scanJson();
    expect(failing.code).toBe(1);
    expect(failing.report.findings.map((f) => f.path)).toEqual(['.git/commit-message']);
    expect(failing.report.summary.baseline?.suppressed).toBe(4);
  });

  it('shows metadata in the text summary line', async () => {
    const result = await runCli('scan', repo.dir, '--format', 'text', '--ignore-baseline', '--no-color');
    expect(result.stdout).toMatch(/findings \(\d+ in commit metadata\) in \d+ commits, \d+ blobs \([^)]*\) and \d+ metadata texts scanned/);
  });
});
