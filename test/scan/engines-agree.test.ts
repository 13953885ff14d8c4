// Both repository readers must give identical findings and counts on the same history.
import { afterAll, describe, expect, it } from 'vitest';
import { runScan, type ScanReport } from '../../src/scan/run-scan.js';
import { makeRepo, type Fixture, type FixtureCommit } from '../helpers/git-fixture.js';
import { AWS_KEY, AWS_KEY_2, GITHUB_TOKEN, TEST_RULES } from '../helpers/test-rules.js';

const fixtures: Fixture[] = [];
afterAll(() => fixtures.forEach((fixture) => fixture.cleanup()));

function scan(dir: string, engine: 'git' | 'isomorphic'): Promise<ScanReport> {
  return runScan({ path: dir, engine, jobs: 2, maxBlobSize: 4096, showSecrets: true, rules: TEST_RULES });
}

/** Everything but the engine name and timing. */
function comparable(report: ScanReport) {
  const { engine: _engine, durationMs: _duration, ...summary } = report.summary;
  return { findings: report.findings, summary };
}

const histories: Record<string, { commits: FixtureCommit[]; bare?: boolean; gc?: boolean }> = {
  'linear with add, edit, delete and re-add': {
    commits: [
      { files: { 'a.env': `PASSWORD=first-pass-1\n` } },
      { files: { 'a.env': `PASSWORD=first-pass-1\nAWS=${AWS_KEY}\n` } },
      { files: { 'a.env': null } },
      { files: { 'a.env': `PASSWORD=first-pass-1\n` } },
      { files: { 'big.txt': `${'x'.repeat(5000)}\n`, 'bin.dat': Buffer.from([1, 0, 2, 0]) } },
    ],
  },
  'branches, tags and merges, packed': {
    gc: true,
    commits: [
      { files: { 'cfg/app.ini': 'mode=1\n', 'docs/readme.md': '# x\n' } },
      { branch: 'feature', files: { 'cfg/app.ini': `mode=2\ntoken ${GITHUB_TOKEN}\n` } },
      { branch: 'hotfix', from: 'main', files: { 'cfg/app.ini': `mode=3\n`, 'cfg/keys.txt': `${AWS_KEY_2}\n` }, tag: 'v1.0.1', tagMessage: 'hotfix' },
      { branch: 'main', merge: ['feature'], message: 'merge feature' },
      { branch: 'main', merge: ['hotfix'], files: { 'cfg/app.ini': `mode=merged\npassword: merge-resolution\n` }, message: 'merge hotfix' },
      { branch: 'orphan-ish', from: 'main', files: { 'deep/a/b/c/d.txt': `${AWS_KEY}\n`, 'same/copy.txt': `${AWS_KEY}\n` } },
    ],
  },
  'same blob at many paths and commits, bare': {
    bare: true,
    commits: Array.from({ length: 12 }, (_, i) => ({ files: { [`dir${i % 3}/secret.txt`]: `${AWS_KEY}\n`, 'counter.txt': `${i}\n` } })),
  },
};

describe('engines agree', () => {
  for (const [name, history] of Object.entries(histories)) {
    it(name, async () => {
      const fixture = makeRepo(history.commits, { bare: history.bare });
      fixtures.push(fixture);
      if (history.gc) fixture.git('gc', '-q');
      const viaGit = await scan(fixture.dir, 'git');
      const viaIsomorphic = await scan(fixture.dir, 'isomorphic');
      expect(viaGit.summary.engine).toBe('git');
      expect(viaIsomorphic.summary.engine).toBe('isomorphic');
      expect(viaGit.findings.length).toBeGreaterThan(0);
      expect(comparable(viaIsomorphic)).toEqual(comparable(viaGit));
    });
  }
});
