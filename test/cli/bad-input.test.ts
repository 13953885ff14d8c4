// Broken or unusual repositories give a clear line and a documented exit code, never a silent clean result.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, openSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fetchState, partialClone, shallowClone } from '../helpers/clones.js';
import { repoPerTest, type Fixture } from '../helpers/git-fixture.js';
import { AWS_KEY, AWS_KEY_2 } from '../helpers/test-rules.js';

const BIN = new URL('../../bin/leaksweep.js', import.meta.url).pathname;
const repo = repoPerTest();
const ENGINES = ['git', 'isomorphic'] as const;

function scanAs(format: string, dir: string, ...args: string[]) {
  return spawnSync(process.execPath, [BIN, 'scan', dir, '--format', format, ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 });
}

function scan(dir: string, ...args: string[]) {
  return scanAs('json', dir, ...args);
}

interface Located {
  path: string;
  line: number;
  column: number;
}

function located(stdout: string): [string, number, number][] {
  return JSON.parse(stdout).findings.map((f: Located) => [f.path, f.line, f.column]);
}

function stderrLines(result: { stderr: string }): string[] {
  return result.stderr.trim().split('\n').filter(Boolean);
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

  it('an unborn HEAD beside branches with commits: the branches are scanned, for both engines', () => {
    const fixture = repo([{ files: { 'a.env': `KEY=${AWS_KEY}\n` } }, { branch: 'side', files: { 'b.env': `KEY=${AWS_KEY_2}\n` } }]);
    fixture.git('checkout', '-q', '--orphan', 'fresh');
    for (const engine of ENGINES) {
      const result = scan(fixture.dir, '--engine', engine);
      expect(result.status, `${engine}: ${result.stderr}`).toBe(1);
      expect(result.stderr, engine).toBe('');
      expect(JSON.parse(result.stdout).summary.commits, engine).toBe(2);
      expect(located(result.stdout).map(([path]) => path).sort(), engine).toEqual(['a.env', 'b.env']);
    }
  });

  it('a shallow clone is scanned as far as it reaches, for both engines', () => {
    const fixture = repo([{ files: { 'old.env': `KEY=${AWS_KEY}\n` } }, { files: { 'new.env': `KEY=${AWS_KEY_2}\n` } }]);
    const clone = shallowClone(fixture);
    for (const engine of ENGINES) {
      const result = scan(clone, '--engine', engine);
      expect(result.status, `${engine}: ${result.stderr}`).toBe(1);
      const report = JSON.parse(result.stdout);
      expect(report.summary.commits, engine).toBe(1);
      expect(report.summary.incomplete, engine).toBe(false);
      // not a partial report presented as complete: the summary and stderr say what was not there to scan
      expect(report.summary.shallow, engine).toBe(true);
      expect(stderrLines(result), engine).toEqual([expect.stringMatching(/^leaksweep: shallow clone: commits before its boundary .* were not scanned/)]);
      // the boundary commit counts as a root: every blob of its tree is new there
      expect(located(result.stdout).map(([path]) => path).sort(), engine).toEqual(['new.env', 'old.env']);
    }
  });

  it('a partial clone is never fetched from: the blobs it lacks are missing and the scan incomplete, for both engines', () => {
    const fixture = repo([{ files: { 'a.env': `KEY=${AWS_KEY}\n` } }, { files: { 'a.env': 'rotated\n' } }]);
    const absent = fixture.git('rev-parse', 'HEAD~1:a.env').trim();
    const clone = partialClone(fixture);
    const before = fetchState(clone);
    expect(before.absent).toEqual([`?${absent}`]);
    for (const engine of ENGINES) {
      const result = scan(clone, '--engine', engine);
      expect(result.status, `${engine}: ${result.stderr}`).toBe(2);
      expect(stderrLines(result), engine).toEqual([expect.stringMatching(/^leaksweep: scan incomplete: 1 blob /)]);
      const report = JSON.parse(result.stdout);
      expect(report.summary.incomplete, engine).toBe(true);
      expect(report.summary.skipped, engine).toEqual([expect.objectContaining({ oid: absent, path: 'a.env', reason: 'missing' })]);
      expect(fetchState(clone), engine).toEqual(before);
    }
  });

  it.each(['truncated to half', 'overwritten in the middle'])('a pack %s is one line on stderr with exit 2, never a clean result, for both engines', (damage) => {
    const fixture = repo([
      { files: { 'a.env': `KEY=${AWS_KEY}\n`, 'notes.txt': 'some notes\n'.repeat(40) } },
      { files: { 'b.txt': 'more\n'.repeat(30), 'a.env': 'rotated\n' } },
    ]);
    fixture.git('gc', '-q');
    const packDir = join(fixture.dir, '.git', 'objects', 'pack');
    const pack = join(packDir, readdirSync(packDir).find((name) => name.endsWith('.pack'))!);
    const half = Math.floor(statSync(pack).size / 2);
    chmodSync(pack, 0o644);
    if (damage === 'truncated to half') truncateSync(pack, half);
    else {
      const fd = openSync(pack, 'r+');
      writeSync(fd, Buffer.alloc(16, 0xff), 0, 16, half);
      closeSync(fd);
    }
    for (const engine of ENGINES) {
      const result = scan(fixture.dir, '--engine', engine);
      expect(result.status, `${engine}: ${result.stderr}`).toBe(2);
      expect(stderrLines(result), engine).toEqual([expect.stringMatching(/^leaksweep: (?!internal error)/)]);
      // either no report at all, or one that says it is incomplete
      if (result.stdout !== '') expect(JSON.parse(result.stdout).summary.incomplete, engine).toBe(true);
    }
  });

  it('finds a secret in UTF-16 text at its line and column: in history (both engines), on disk, on stdin and staged', () => {
    const script = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const fixture = repo([{ files: { 'setup.ps1': script(`# réglages\r\n$key = "${AWS_KEY}"\r\n`) } }]);
    const expected = [['setup.ps1', 2, 9]];
    for (const engine of ENGINES) {
      const result = scan(fixture.dir, '--engine', engine);
      expect(result.status, `${engine}: ${result.stderr}`).toBe(1);
      expect(located(result.stdout), engine).toEqual(expected);
    }
    const onDisk = scan(fixture.dir, '--no-git');
    expect(located(onDisk.stdout)).toEqual(expected);
    const stdin = spawnSync(process.execPath, [BIN, 'scan', '-', '--format', 'json'], { input: script(`x\n\n$key = "${AWS_KEY}"`), encoding: 'utf8' });
    expect(located(stdin.stdout).map(([, line, column]) => [line, column])).toEqual([[3, 9]]);
    writeFileSync(join(fixture.dir, 'setup.ps1'), script(`# réglages\r\n$key = "${AWS_KEY}"\r\n$other = "${AWS_KEY_2}"\r\n`));
    fixture.git('add', 'setup.ps1');
    const staged = scan(fixture.dir, '--staged');
    expect(staged.status, staged.stderr).toBe(1);
    // only the line the change adds
    expect(located(staged.stdout)).toEqual([['setup.ps1', 3, 11]]);
  });

  it('finds secrets in Latin-1 text under a file name that is not UTF-8; JSON and SARIF stay valid, both engines show the same path', () => {
    const fixture = repo([]);
    const name = Buffer.concat([Buffer.from(`${fixture.dir}/caf`), Buffer.from([0xe9]), Buffer.from('.env')]);
    writeFileSync(name, Buffer.from(`caf\xe9 = 1\nr\xe9sum\xe9 = ${AWS_KEY}\n`, 'latin1'));
    fixture.git('add', '-A');
    fixture.git('commit', '-qm', 'latin-1');
    // git keeps the name's bytes; reports show them decoded as UTF-8, the stray byte as U+FFFD
    const shown = 'caf\uFFFD.env';
    for (const engine of ENGINES) {
      const json = scan(fixture.dir, '--engine', engine);
      expect(json.status, `${engine}: ${json.stderr}`).toBe(1);
      expect(located(json.stdout), engine).toEqual([[shown, 2, 10]]);
      const sarif = scanAs('sarif', fixture.dir, '--engine', engine);
      expect(sarif.status, engine).toBe(1);
      const [result] = JSON.parse(sarif.stdout).runs[0].results;
      expect(decodeURIComponent(result.locations[0].physicalLocation.artifactLocation.uri), engine).toBe(shown);
      expect(result.locations[0].physicalLocation.region, engine).toMatchObject({ startLine: 2, startColumn: 10 });
    }
    // files on disk are opened by their bytes: the decoded name would not open
    const onDisk = scan(fixture.dir, '--no-git');
    expect(onDisk.status, onDisk.stderr).toBe(1);
    expect(located(onDisk.stdout)).toEqual([[shown, 2, 10]]);
  });

  it('an error is one line on stderr; --debug adds its stack trace', () => {
    const nowhere = join(repo([]).dir, 'no-such-dir');
    const plain = scan(nowhere);
    expect(plain.status).toBe(2);
    expect(stderrLines(plain)).toEqual([`leaksweep: ${nowhere}: no such directory`]);
    const debug = scan(nowhere, '--debug');
    expect(debug.status).toBe(2);
    expect(debug.stderr).toMatch(/^LeaksweepError: .*\n\s+at /);
    expect(stderrLines(debug).at(-1)).toBe(stderrLines(plain)[0]);
  });
});

describe('a 1 GiB blob', () => {
  const repo1g = repoPerTest();

  it('is listed as too large with its size, for both engines, and the rest is scanned', async () => {
    const fixture = repo1g([{ files: { 'small.env': `AWS_ACCESS_KEY_ID=${AWS_KEY}\n` } }]);
    // streamed into git, never a file on disk: 1 GiB of log lines
    const writer = spawn('git', ['-C', fixture.dir, 'hash-object', '-w', '--stdin'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let oid = '';
    writer.stdout.on('data', (chunk: Buffer) => (oid += chunk.toString()));
    const chunk = Buffer.from('2026-11-23T10:00:00Z INFO request served in 12 ms, nothing secret here\n'.repeat(16384));
    const total = 1 << 30;
    for (let written = 0; written < total; written += chunk.length) {
      const part = written + chunk.length <= total ? chunk : chunk.subarray(0, total - written);
      if (!writer.stdin.write(part)) await new Promise((done) => writer.stdin.once('drain', done));
    }
    writer.stdin.end();
    await new Promise((done) => writer.on('close', done));
    fixture.git('update-index', '--add', '--cacheinfo', `100644,${oid.trim()},huge.log`);
    fixture.git('commit', '-qm', 'a log file nobody meant to commit');
    for (const engine of ENGINES) {
      const result = scan(fixture.dir, '--engine', engine);
      expect(result.status, `${engine}: ${result.stderr}`).toBe(1);
      const summary = JSON.parse(result.stdout).summary;
      expect(summary.skipped, engine).toEqual([{ oid: oid.trim(), path: 'huge.log', reason: 'too-large', size: total }]);
      expect(located(result.stdout), engine).toEqual([['small.env', 1, 19]]);
    }
  }, 120_000);
});
