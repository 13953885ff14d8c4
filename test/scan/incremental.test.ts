// Incremental scans with --state on real repositories: a re-run reads only what is new and reports exactly what a full scan does.
import { readdirSync, readFileSync, statSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runScan, type ScanReport } from '../../src/scan/run-scan.js';
import { repoPerTest, type Fixture } from '../helpers/git-fixture.js';
import { AWS_KEY, AWS_KEY_2, GITHUB_TOKEN, TEST_RULES } from '../helpers/test-rules.js';
import type { RuleSpec } from '../../src/rules/rule-spec.js';

const repo = repoPerTest();
const stateDirs: string[] = [];
afterEach(() => {
  for (const dir of stateDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function newStateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'leaksweep-state-'));
  stateDirs.push(dir);
  return dir;
}

function scan(dir: string, stateDir: string | undefined, extra: { engine?: 'git' | 'isomorphic'; rules?: RuleSpec[]; revisions?: { include: string[]; exclude: string[] } } = {}): Promise<ScanReport> {
  return runScan({ path: dir, engine: extra.engine ?? 'git', jobs: 2, maxBlobSize: 10 << 20, showSecrets: true, rules: extra.rules ?? TEST_RULES, stateDir, revisions: extra.revisions });
}

/** What must not differ between an incremental and a full scan. */
function essence(report: ScanReport): unknown {
  return { findings: report.findings, commits: report.summary.commits, skipped: report.summary.skipped };
}

function stateFiles(stateDir: string): string[] {
  return readdirSync(stateDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

const history = [
  { files: { 'README.md': 'hello\n', 'logo.bin': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 0, 3]) }, message: 'init' },
  { files: { 'config/aws.ini': `key_id = ${AWS_KEY}\n`, 'src/app.js': 'console.log(1)\n' }, message: 'add aws' },
  { branch: 'feature', files: { 'feature.env': `password = hunter2-feature\n` } },
  { branch: 'main', files: { 'src/app.js': 'console.log(2)\n' } },
];

function addCommit(fixture: Fixture, files: Record<string, string>, message: string, branch = 'main'): void {
  fixture.git('checkout', '-q', branch);
  for (const [path, content] of Object.entries(files)) writeFileSync(join(fixture.dir, path), content);
  fixture.git('add', '-A');
  fixture.git('commit', '-q', '-m', message);
}

describe('incremental scans (--state)', () => {
  it('reads only blobs with findings when no ref moved, and reports what a full scan does', async () => {
    const fixture = repo(history);
    const stateDir = newStateDir();
    const full = await scan(fixture.dir, undefined);
    const first = await scan(fixture.dir, stateDir);
    expect(first.summary.incremental).toMatchObject({ reuse: 'none', reason: 'first scan' });
    const second = await scan(fixture.dir, stateDir);
    expect(second.summary.incremental?.reuse).toBe('unchanged');
    expect(essence(first)).toEqual(essence(full));
    expect(essence(second)).toEqual(essence(full));
    // two blobs have findings; the clean ones and the binary one are not read again
    expect(second.summary.blobsScanned).toBe(2);
    expect(second.summary.blobsCached).toBe(full.summary.blobsScanned - 2 + 1);
    expect(second.summary.blobsSkipped.binary).toBe(1);
  });

  it('walks only the new commits when history grew, numbering them after the old ones', async () => {
    const fixture = repo(history);
    const stateDir = newStateDir();
    await scan(fixture.dir, stateDir);
    // the same secret again, in a new commit on a branch started from an old commit: attribution must stay with the first
    addCommit(fixture, { 'config/aws.ini': `key_id = ${AWS_KEY}\n# again\n`, 'new.txt': `token ${GITHUB_TOKEN}\n` }, 'more', 'feature');
    addCommit(fixture, { 'late.ini': `key = ${AWS_KEY_2}\n` }, 'late');
    const grown = await scan(fixture.dir, stateDir);
    expect(grown.summary.incremental?.reuse).toBe('new-commits');
    expect(grown.summary.blobsScanned).toBeLessThan((await scan(fixture.dir, undefined)).summary.blobsScanned);
    expect(essence(grown)).toEqual(essence(await scan(fixture.dir, undefined)));
    expect(grown.findings.find((f) => f.path === 'config/aws.ini')?.laterCommits).toHaveLength(1);
    // and the state saved after growing serves an unchanged re-run
    const again = await scan(fixture.dir, stateDir);
    expect(again.summary.incremental?.reuse).toBe('unchanged');
    expect(essence(again)).toEqual(essence(grown));
  });

  it('walks everything again when history was rewritten, without reporting what is no longer reachable', async () => {
    const fixture = repo(history);
    const stateDir = newStateDir();
    await scan(fixture.dir, stateDir);
    fixture.git('branch', '-D', 'feature');
    const rewritten = await scan(fixture.dir, stateDir);
    expect(rewritten.summary.incremental?.reuse).toBe('blobs');
    expect(rewritten.findings.map((f) => f.path)).toEqual(['config/aws.ini']);
    expect(essence(rewritten)).toEqual(essence(await scan(fixture.dir, undefined)));
    // known clean blobs were not read again
    expect(rewritten.summary.blobsCached).toBeGreaterThan(0);
  });

  it('starts over when the rules change', async () => {
    const fixture = repo(history);
    const stateDir = newStateDir();
    await scan(fixture.dir, stateDir, { rules: TEST_RULES.slice(0, 1) });
    const changed = await scan(fixture.dir, stateDir);
    expect(changed.summary.incremental).toMatchObject({ reuse: 'none', reason: 'rules, config or options changed' });
    expect(essence(changed)).toEqual(essence(await scan(fixture.dir, undefined)));
  });

  it('reuses blobs, not the walk, with the isomorphic engine', async () => {
    const fixture = repo(history);
    const stateDir = newStateDir();
    await scan(fixture.dir, stateDir, { engine: 'isomorphic' });
    const second = await scan(fixture.dir, stateDir, { engine: 'isomorphic' });
    expect(second.summary.incremental?.reuse).toBe('blobs');
    expect(second.summary.blobsScanned).toBe(2);
    expect(essence(second)).toEqual(essence(await scan(fixture.dir, undefined, { engine: 'isomorphic' })));
  });

  it('keeps no secret in the state, in files only its owner can read', async () => {
    const fixture = repo(history);
    const stateDir = newStateDir();
    await scan(fixture.dir, stateDir);
    const files = stateFiles(stateDir);
    expect(files.map((file) => file.slice(stateDir.length)).sort()).toEqual(expect.arrayContaining([expect.stringMatching(/state\.json$/), expect.stringMatching(/clean-.*\.bin$/)]));
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const secret of [AWS_KEY, 'hunter2-feature']) expect(bytes.includes(secret), `${file} holds ${secret}`).toBe(false);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
    for (const dir of readdirSync(stateDir)) expect(statSync(join(stateDir, dir)).mode & 0o777).toBe(0o700);
  });

  it('treats a damaged state as absent, and says so', async () => {
    const fixture = repo(history);
    const stateDir = newStateDir();
    await scan(fixture.dir, stateDir);
    const stateJson = stateFiles(stateDir).find((file) => file.endsWith('state.json'))!;
    writeFileSync(stateJson, '{"format": 1, "repos');
    const damaged = await scan(fixture.dir, stateDir);
    expect(damaged.summary.incremental?.reuse).toBe('none');
    expect(damaged.summary.incremental?.reason).toMatch(/^state unreadable/);
    expect(essence(damaged)).toEqual(essence(await scan(fixture.dir, undefined)));
  });

  it('refuses --state with a partial walk or a non-history mode', async () => {
    const fixture = repo(history);
    const stateDir = newStateDir();
    await expect(scan(fixture.dir, stateDir, { revisions: { include: ['main'], exclude: [] } })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(runScan({ path: fixture.dir, mode: 'staged', engine: 'git', maxBlobSize: 1 << 20, showSecrets: false, rules: TEST_RULES, stateDir })).rejects.toMatchObject({ code: 'USAGE' });
  });
});
