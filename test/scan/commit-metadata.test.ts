// Commit metadata on real repositories: messages, e-mails, tag messages and notes, each found once, with both engines.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runScan, type ScanReport } from '../../src/scan/run-scan.js';
import { repoPerTest, type FixtureCommit } from '../helpers/git-fixture.js';
import { AWS_KEY, AWS_KEY_2, GITHUB_TOKEN, TEST_RULES } from '../helpers/test-rules.js';
import type { Revisions } from '../../src/git/history-source.js';

const repo = repoPerTest();
const stateDirs: string[] = [];
afterEach(() => {
  for (const dir of stateDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Extra {
  engine?: 'git' | 'isomorphic';
  stateDir?: string;
  revisions?: Revisions;
  metadata?: boolean;
  showSecrets?: boolean;
}

function scan(dir: string, extra: Extra = {}): Promise<ScanReport> {
  return runScan({ path: dir, engine: extra.engine ?? 'git', jobs: 2, maxBlobSize: 10 << 20, showSecrets: extra.showSecrets ?? true, rules: TEST_RULES, ...extra });
}

const places = (report: ScanReport) => report.findings.map((f) => [f.path, f.secret, f.commit]).sort();
const TOKEN_AUTHOR = { name: 'Dev', email: `dev+${GITHUB_TOKEN}@example.com` };

/** A message token, a tag message token, a token in the author e-mail of 30 commits, and a note (added by the test). */
function leakyHistory(): FixtureCommit[] {
  return [
    { files: { 'README.md': 'hello\n' }, message: 'init' },
    { files: { 'app.js': 'run()\n' }, message: `squash: deploy with key ${AWS_KEY}\n\nbody text` },
    { files: { 'app.js': 'run(1)\n' }, tag: 'v1.0', tagMessage: `release notes\npassword = tag-secret-77` },
    ...Array.from({ length: 30 }, (_, index) => ({ files: { 'count.txt': `${index}\n` }, author: TOKEN_AUTHOR, message: `step ${index}` })),
  ];
}

describe('commit metadata', () => {
  it('finds a token in a message, a tag message, an author e-mail of 30 commits and a note, each once', async () => {
    const fixture = repo(leakyHistory());
    const rev = (spec: string) => fixture.git('rev-parse', spec).trim();
    fixture.git('notes', 'add', '-m', `ops: rotated to ${AWS_KEY_2}`, rev('HEAD~5'));
    const report = await scan(fixture.dir);
    expect(places(report)).toEqual(
      [
        ['.git/author-email', GITHUB_TOKEN, rev('HEAD~29')],
        ['.git/commit-message', AWS_KEY, rev('HEAD~31')],
        ['.git/notes/commits', AWS_KEY_2, rev('HEAD~5')],
        ['.git/tag-message/v1.0', 'tag-secret-77', rev('v1.0^{commit}')],
      ].sort(),
    );
    const byPath = new Map(report.findings.map((f) => [f.path, f]));
    const email = byPath.get('.git/author-email')!;
    expect(email.laterCommits).toHaveLength(29);
    expect(email.context).toBe('metadata');
    expect(email.blob).toBeUndefined();
    // the finding's own copy of the commit's texts never shows the secret
    expect(email.email).not.toContain(GITHUB_TOKEN);
    expect(email.email).toContain('ghp_');
    const message = byPath.get('.git/commit-message')!;
    expect(message).toMatchObject({ line: 1, column: 25 });
    expect(message.message).not.toContain(AWS_KEY);
    expect(report.summary.metadataFindings).toBe(4);
    // 33 messages (one a notes commit's), the tag's, the note, 3 names and e-mails: distinct texts only
    expect(report.summary.metadataScanned).toBeGreaterThan(33);
    expect(report.summary.metadataScanned).toBeLessThan(45);
  });

  it('gives the same findings with the isomorphic engine, and the same identities run after run', async () => {
    const fixture = repo(leakyHistory());
    fixture.git('notes', 'add', '-m', `ops: ${AWS_KEY_2}`, 'HEAD~2');
    const git = await scan(fixture.dir);
    const again = await scan(fixture.dir);
    const isomorphic = await scan(fixture.dir, { engine: 'isomorphic' });
    expect(git.findings).toHaveLength(4);
    expect(isomorphic.findings).toEqual(git.findings);
    expect(again.findings.map((f) => f.fingerprint)).toEqual(git.findings.map((f) => f.fingerprint));
    expect(isomorphic.summary.metadataScanned).toBe(git.summary.metadataScanned);
  });

  it('scans only the walked commits with --range, and their tags and notes', async () => {
    const fixture = repo([
      { files: { 'a.txt': '1\n' }, message: `old ${AWS_KEY}`, tag: 'old', tagMessage: `password = old-tag-secret` },
      { files: { 'a.txt': '2\n' }, message: 'base' },
      { files: { 'a.txt': '3\n' }, message: `new ${AWS_KEY_2}`, tag: 'new', tagMessage: `password = new-tag-secret` },
    ]);
    fixture.git('notes', 'add', '-m', `password = note-on-old`, 'HEAD~2');
    const report = await scan(fixture.dir, { revisions: { include: ['HEAD'], exclude: ['HEAD~1'] } });
    expect(places(report).map(([path, secret]) => [path, secret])).toEqual([
      ['.git/commit-message', AWS_KEY_2],
      ['.git/tag-message/new', 'new-tag-secret'],
    ]);
  });

  it('finds nothing in metadata with metadata off', async () => {
    const fixture = repo(leakyHistory().slice(0, 4));
    const report = await scan(fixture.dir, { metadata: false });
    expect(report.findings).toEqual([]);
    expect(report.summary.metadataScanned).toBe(0);
  });

  it('with --state: a new commit\'s message is scanned, old metadata findings are still reported as a full scan does', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'leaksweep-state-'));
    stateDirs.push(stateDir);
    const fixture = repo(leakyHistory().slice(0, 8));
    fixture.git('notes', 'add', '-m', `ops: ${AWS_KEY_2}`, 'HEAD~1');
    const first = await scan(fixture.dir, { stateDir });
    expect(first.findings).toHaveLength(4);
    const unchanged = await scan(fixture.dir, { stateDir });
    expect(unchanged.summary.incremental?.reuse).toBe('unchanged');
    expect(unchanged.findings).toEqual(first.findings);

    fixture.git('commit', '-q', '--allow-empty', '-m', `hotfix password = later-message-secret`);
    const grown = await scan(fixture.dir, { stateDir });
    expect(grown.summary.incremental?.reuse).toBe('new-commits');
    expect(grown.summary.commits).toBe(first.summary.commits + 1);
    const full = await scan(fixture.dir);
    expect(grown.findings).toEqual(full.findings);
    expect(full.findings.map((f) => f.secret)).toContain('later-message-secret');
    // the new commit's message is the only commit text read; e-mails seen before are not read again as blobs
    expect(grown.summary.blobsScanned).toBe(0);
  });
});
