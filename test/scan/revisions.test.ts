// CI scans: --range, --since and --branch walk only the commits asked for, with both engines.
import { afterAll, describe, expect, it } from 'vitest';
import { revisionsFor } from '../../src/cli/scan-command.js';
import { runScan } from '../../src/scan/run-scan.js';
import type { Revisions } from '../../src/git/history-source.js';
import { makeRepo } from '../helpers/git-fixture.js';
import { AWS_KEY, AWS_KEY_2, GITHUB_TOKEN, TEST_RULES } from '../helpers/test-rules.js';

const fixture = makeRepo([
  { files: { 'old.env': `PASSWORD=old-secret-1\n` }, tag: 'v1.0' },
  { files: { 'mid.txt': `${AWS_KEY}\n` }, tag: 'v1.1' },
  { files: { 'new.txt': `${AWS_KEY_2}\n` } },
  { branch: 'feature', from: 'v1.1', files: { 'feature.txt': `${GITHUB_TOKEN}\n` } },
  { branch: 'main' },
]);
afterAll(() => fixture.cleanup());

async function paths(revisions: Revisions | undefined, engine: 'git' | 'isomorphic' = 'git'): Promise<string[]> {
  const report = await runScan({ path: fixture.dir, engine, revisions, jobs: 1, maxBlobSize: 1 << 20, showSecrets: false, rules: TEST_RULES });
  return report.findings.map((f) => f.path).sort();
}

describe('revision selection', () => {
  it('parses --range, --since and --branch into commits to include and exclude', () => {
    expect(revisionsFor({ range: 'v1.0..main', staged: false })).toEqual({ include: ['main'], exclude: ['v1.0'] });
    expect(revisionsFor({ since: 'v1.1', staged: false })).toEqual({ include: ['HEAD'], exclude: ['v1.1'] });
    expect(revisionsFor({ since: 'v1.1', branch: 'feature', staged: false })).toEqual({ include: ['feature'], exclude: ['v1.1'] });
    expect(revisionsFor({ branch: 'feature', staged: false })).toEqual({ include: ['feature'], exclude: [] });
    expect(revisionsFor({ staged: false })).toBeUndefined();
    for (const bad of [{ range: 'main', staged: false }, { range: 'a...b', staged: false }, { range: 'a..b', since: 'c', staged: false }, { staged: true, branch: 'x' }]) {
      expect(() => revisionsFor(bad), JSON.stringify(bad)).toThrow();
    }
  });

  for (const engine of ['git', 'isomorphic'] as const) {
    it(`walks only the selected commits (${engine})`, async () => {
      expect(await paths(undefined, engine)).toEqual(['feature.txt', 'mid.txt', 'new.txt', 'old.env']);
      expect(await paths({ include: ['main'], exclude: ['v1.0'] }, engine)).toEqual(['mid.txt', 'new.txt']);
      expect(await paths({ include: ['main'], exclude: ['v1.1'] }, engine)).toEqual(['new.txt']);
      expect(await paths({ include: ['feature'], exclude: [] }, engine)).toEqual(['feature.txt', 'mid.txt', 'old.env']);
      expect(await paths({ include: ['feature'], exclude: ['main'] }, engine)).toEqual(['feature.txt']);
    });

    it(`rejects a revision that names no commit (${engine})`, async () => {
      await expect(paths({ include: ['no-such-branch'], exclude: [] }, engine)).rejects.toMatchObject({ code: 'USAGE' });
      await expect(paths({ include: ['--output=x'], exclude: [] }, engine)).rejects.toMatchObject({ code: 'USAGE' });
    });
  }
});
