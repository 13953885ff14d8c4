// Broken or unusual repositories give a clear line and a documented exit code, never a silent clean result.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoPerTest, type Fixture } from '../helpers/git-fixture.js';
import { AWS_KEY } from '../helpers/test-rules.js';

const BIN = new URL('../../bin/leaksweep.js', import.meta.url).pathname;
const repo = repoPerTest();

function scan(dir: string, ...args: string[]) {
  return spawnSync(process.execPath, [BIN, 'scan', dir, '--format', 'json', ...args], { encoding: 'utf8', timeout: 60_000 });
}

function objectPath(fixture: Fixture, oid: string): string {
  return join(fixture.dir, '.git', 'objects', oid.slice(0, 2), oid.slice(2));
}

describe('bad input', () => {
  it('an empty repository is clean, with zero commits', () => {
    const result = scan(repo([]).dir);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).summary.commits).toBe(0);
  });

  it('a missing blob makes the scan incomplete: exit 2, listed, never a silent clean', () => {
    const fixture = repo([{ files: { 'a.txt': 'harmless\n', 'b.txt': 'also harmless\n' } }]);
    const oid = fixture.git('rev-parse', 'HEAD:b.txt').trim();
    rmSync(objectPath(fixture, oid));
    const result = scan(fixture.dir, '--engine', 'git');
    expect(result.status).toBe(2);
    const report = JSON.parse(result.stdout);
    expect(report.summary.incomplete).toBe(true);
    expect(report.summary.skipped).toEqual([expect.objectContaining({ path: 'b.txt', reason: 'missing' })]);
    expect(result.stderr).toMatch(/scan incomplete/);
  });

  it('a corrupted object is one line on stderr with exit 2, for both engines', () => {
    const fixture = repo([{ files: { 'a.env': `KEY=${AWS_KEY}\n` } }, { files: { 'b.txt': 'x\n' } }]);
    const commit = fixture.git('rev-parse', 'HEAD~1').trim();
    writeFileSync(objectPath(fixture, commit), Buffer.from('this is not zlib data'));
    for (const engine of ['git', 'isomorphic']) {
      const result = scan(fixture.dir, '--engine', engine);
      expect(result.status, `${engine}: ${result.stderr}`).toBe(2);
      expect(result.stderr.trim().split('\n'), engine).toHaveLength(1);
      expect(result.stderr).toMatch(/^leaksweep: /);
      expect(result.stdout).toBe('');
    }
  });

  it('reports lines of CRLF files and skips submodule entries without failing', () => {
    const fixture = repo([{ files: { 'win.ini': `[db]\r\nhost=x\r\nkey=${AWS_KEY}\r\n` } }]);
    const head = fixture.git('rev-parse', 'HEAD').trim();
    fixture.git('update-index', '--add', '--cacheinfo', `160000,${head},vendored-module`);
    fixture.git('commit', '-qm', 'add a submodule entry');
    const result = scan(fixture.dir);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.findings.map((f: { path: string; line: number }) => [f.path, f.line])).toEqual([['win.ini', 3]]);
    expect(report.summary.incomplete).toBe(false);
    expect(readdirSync(fixture.dir)).not.toContain('vendored-module');
  });
});
