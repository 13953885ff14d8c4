// Archives end to end: a secret in a jar committed to a real repository is found at its ! path, in real workers with
// the real rules, suppressed by a baseline entry, not found with --no-archives; a damaged archive and exit codes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { makeRepo } from '../helpers/git-fixture.js';
import { makeTar, makeZip } from '../helpers/archive-builders.js';

const BIN = new URL('../../bin/leaksweep.js', import.meta.url).pathname;
// invented, shape-valid values for the default rules
const AWS_ID = 'AKIAQYLPMN5HHHFPZAM2';
const AWS_SECRET = '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';
const PROPERTIES = `aws_access_key_id = ${AWS_ID}\naws_secret_access_key = ${AWS_SECRET}\n`;

function run(cwd: string, ...args: string[]) {
  const env = { ...process.env };
  delete env.LEAKSWEEP_BASELINE_KEY;
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env });
}

interface Report {
  findings: { path: string; ruleId: string; line: number }[];
  summary: { skipped: { path: string; reason: string; error?: string }[]; blobsSkipped: Record<string, number>; incomplete: boolean; baseline?: { suppressed: number } };
}
const json = (result: { stdout: string }): Report => JSON.parse(result.stdout) as Report;

const jar = makeZip([
  { name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\n' },
  { name: 'com/acme/App.class', data: Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 0x41]) },
  { name: 'META-INF/config.properties', data: PROPERTIES },
]);
const repo = makeRepo([
  { files: { 'README.md': '# app\n' } },
  { files: { 'lib/app.jar': jar }, message: 'vendor the build' },
]);
const dir = mkdtempSync(join(tmpdir(), 'leaksweep-archives-'));
afterAll(() => {
  repo.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('archives in history', () => {
  it('finds a secret inside a committed jar at its ! path, and not with --no-archives', () => {
    const found = run(repo.dir, 'scan', '.', '--format', 'json');
    expect(found.status, found.stderr).toBe(1);
    const report = json(found);
    expect(report.findings.map((f) => [f.path, f.ruleId, f.line])).toEqual([
      ['lib/app.jar!META-INF/config.properties', 'aws.access-key-id', 1],
      ['lib/app.jar!META-INF/config.properties', 'aws.secret-access-key', 2],
    ]);
    expect(report.summary.skipped).toEqual([]);

    const off = run(repo.dir, 'scan', '.', '--format', 'json', '--no-archives');
    expect(off.status, off.stderr).toBe(0);
    expect(json(off).findings).toEqual([]);
    expect(json(off).summary.blobsSkipped.binary).toBe(1);
  });

  it('is suppressed by a baseline entry on that path', () => {
    const created = run(repo.dir, 'baseline', 'create', '.');
    expect(created.status, created.stderr).toBe(0);
    const clean = run(repo.dir, 'scan', '.', '--format', 'json');
    expect(clean.status, clean.stderr).toBe(0);
    expect(json(clean).summary.baseline?.suppressed).toBe(2);
    rmSync(join(repo.dir, '.leaksweep-baseline.json'));
  });
});

describe('archives on disk', () => {
  it('lists a damaged archive as skipped and still exits on what else was read', () => {
    const tree = join(dir, 'tree');
    spawnSync('mkdir', ['-p', tree]);
    writeFileSync(join(tree, 'broken.zip'), makeZip([{ name: 'a.env', data: PROPERTIES }]).subarray(0, 60));
    writeFileSync(join(tree, 'bundle.tgz'), gzipSync(makeTar([{ name: '../../etc/app.env', data: PROPERTIES }])));
    writeFileSync(join(tree, 'notes.txt'), 'nothing here\n');
    const result = run(dir, 'scan', '--no-git', tree, '--format', 'json');
    expect(result.status, result.stderr).toBe(1);
    const report = json(result);
    expect(report.findings.map((f) => f.path)).toEqual(['bundle.tgz!../../etc/app.env', 'bundle.tgz!../../etc/app.env']);
    expect(report.summary.skipped).toEqual([expect.objectContaining({ path: 'broken.zip', reason: 'archive-unreadable', size: 60, error: 'zip: no end of central directory' })]);
    expect(report.summary.incomplete).toBe(false);
  });

  it('exits 2 when a damaged archive is all there was to read', () => {
    const file = join(dir, 'only.tgz');
    writeFileSync(file, Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3]), Buffer.from('garbage, not deflate')]));
    const result = run(dir, 'scan', '--no-git', file, '--format', 'json');
    expect(result.status).toBe(2);
    expect(json(result).summary).toMatchObject({ incomplete: true, blobsSkipped: { 'archive-unreadable': 1 } });
    expect(result.stderr).toContain('scan incomplete: 1 blob could not be read or scanned');
  });

  it('refuses a bad --max-archive-size with a one-line usage error', () => {
    const result = run(dir, 'scan', '--no-git', dir, '--max-archive-size', 'lots');
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe('leaksweep: --max-archive-size: expected a size such as 10MB, 512KB or 1048576, got "lots"');
  });
});
