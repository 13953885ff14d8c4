// `leaksweep image`: exit codes, report formats, baselines, image choice and bad input, as for a repository.
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { dockerSave, layerDigests, ociLayout, tarOf, writeFiles, type ImageSpec } from '../helpers/image-fixture.js';
import { runCli } from '../helpers/run-cli.js';
import { AWS_KEY, GITHUB_TOKEN } from '../helpers/test-rules.js';

const root = mkdtempSync(join(tmpdir(), 'leaksweep-image-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const LONG_DIR = `srv/${'deeply-nested-directory/'.repeat(5)}`;
const WEB: ImageSpec = {
  name: 'acme/web:2.3',
  config: { Env: [`GITHUB_TOKEN=${GITHUB_TOKEN}`] },
  history: [{ created_by: 'COPY . /srv' }],
  layers: [
    [
      { path: `${LONG_DIR}settings.ini`, data: `[aws]\nkey = ${AWS_KEY}\n` },
      { path: 'srv/copy.ini', type: 'hardlink', target: `${LONG_DIR}settings.ini` },
      { path: 'srv/big.log', data: `${'x'.repeat(4000)}\n${AWS_KEY}\n` },
    ],
  ],
};
const WORKER: ImageSpec = { name: 'acme/worker:2.3', config: { Cmd: ['run'] }, layers: [[{ path: 'w.txt', data: 'nothing here\n' }]] };

function file(name: string, data: Buffer): string {
  const path = join(root, name);
  writeFileSync(path, data);
  return path;
}

const json = (stdout: string) => JSON.parse(stdout);
const SMALL = ['--max-blob-size', '2KB', '--jobs', '2'];

describe('leaksweep image', () => {
  const saved = file('both.tar', dockerSave([WEB, WORKER]));

  it('reports with exit 1: a long PAX path, a hard link to it as a place of its own, an oversized file skipped unread', async () => {
    const result = await runCli('image', saved, '--format', 'json', ...SMALL);
    expect(result.code, result.stderr).toBe(1);
    const report = json(result.stdout);
    const layer = layerDigests(WEB)[0];
    expect(report.findings.map((f: { path: string; ruleId: string }) => [f.path, f.ruleId])).toEqual([
      ['srv/copy.ini', 'aws.access-key-id'],
      [`${LONG_DIR}settings.ini`, 'aws.access-key-id'],
      ['config:Env', 'github.personal-access-token'],
    ]);
    expect(report.findings[1].image).toEqual({ name: 'acme/web:2.3', layer });
    expect(report.summary.skipped).toEqual([expect.objectContaining({ path: 'srv/big.log', reason: 'too-large', size: 4000 + AWS_KEY.length + 2 })]);
    expect(report.summary.images).toEqual({ names: ['acme/web:2.3', 'acme/worker:2.3'], layers: 2 });
  });

  it('--image picks one image; a name it does not hold is a usage error naming those it does', async () => {
    const one = await runCli('image', saved, '--image', 'acme/worker:2.3', '--format', 'json', ...SMALL);
    expect(one.code, one.stderr).toBe(0);
    expect(json(one.stdout).summary.images).toEqual({ names: ['acme/worker:2.3'], layers: 1 });
    const wrong = await runCli('image', saved, '--image', 'acme/db:1');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe(`leaksweep: --image acme/db:1: not in ${saved}, which holds acme/web:2.3, acme/worker:2.3\n`);
  });

  it('text, SARIF and CSV name the image and layer', async () => {
    const text = await runCli('image', saved, '--format', 'text', '--image', 'acme/web:2.3', ...SMALL);
    expect(text.stdout).toContain(`image acme/web:2.3, layer ${layerDigests(WEB)[0].slice(0, 19)}`);
    expect(text.stdout).toMatch(/3 findings in acme\/web:2\.3 \(1 layer\), /);
    const sarif = json((await runCli('image', saved, '--format', 'sarif', ...SMALL)).stdout);
    expect(sarif.runs[0].results[2].message.text).toMatch(/in image acme\/web:2\.3, config\.$/);
    const csv = (await runCli('image', saved, '--format', 'csv', ...SMALL)).stdout.split('\r\n');
    expect(csv[0]).toMatch(/,image,layer,historyStep,deletedIn$/);
  });

  it('a baseline made from the image suppresses its findings: exit 0', async () => {
    const baseline = join(root, 'image-baseline.json');
    const created = await runCli('baseline', 'create', saved, '--image', '-o', baseline);
    // create reads files up to 10 MB: srv/big.log too
    expect(created.stderr).toBe(`leaksweep: wrote 4 entries to ${baseline}\n`);
    const result = await runCli('image', saved, '--baseline', baseline, '--format', 'json', ...SMALL);
    expect(result.code, result.stderr).toBe(0);
    expect(json(result.stdout).summary.baseline).toMatchObject({ suppressed: 3 });
  });

  it('a layer that cannot be inflated is listed as failed: the scan goes on, is incomplete, exit 2', async () => {
    const files = ociLayout([WEB]);
    const layerBlob = files.find((f) => f.path.startsWith('blobs/') && Buffer.isBuffer(f.data) && f.data[0] === 0x1f)!;
    layerBlob.data = Buffer.concat([(layerBlob.data as Buffer).subarray(0, 40), Buffer.from('not the rest of a gzip stream')]);
    const result = await runCli('image', writeFiles(join(root, 'corrupt-layer'), files), '--format', 'json', ...SMALL);
    expect(result.code).toBe(2);
    const report = json(result.stdout);
    expect(report.findings.map((f: { path: string }) => f.path)).toEqual(['config:Env']);
    expect(report.summary.skipped).toEqual([expect.objectContaining({ path: `layer ${layerDigests(WEB)[0]}`, reason: 'failed' })]);
    expect(result.stderr).toMatch(/^leaksweep: scan incomplete: 1 blob/);
  });

  it('a zstd layer this Node cannot read is skipped with the reason', async () => {
    const files = ociLayout([WORKER]);
    const layerBlob = files.find((f) => f.path.startsWith('blobs/') && Buffer.isBuffer(f.data) && f.data[0] === 0x1f)!;
    layerBlob.data = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0]);
    const report = json((await runCli('image', writeFiles(join(root, 'zstd'), files), '--format', 'json', ...SMALL)).stdout);
    const zstd = typeof (await import('node:zlib') as { createZstdDecompress?: unknown }).createZstdDecompress === 'function';
    expect(report.summary.skipped[0].error).toMatch(zstd ? /./ : /zstd-compressed layer: Node .* cannot decompress zstd/);
  });

  describe('bad input: one line on stderr, exit 2, nothing on stdout', () => {
    const oci = ociLayout([WORKER]);
    const missingLayer = writeFiles(join(root, 'missing-layer'), oci);
    const manifestOf = JSON.parse(String(oci.find((f) => f.path === 'index.json')!.data)).manifests[0].digest.slice(7);
    const layer = JSON.parse(String(oci.find((f) => f.path === `blobs/sha256/${manifestOf}`)!.data)).layers[0].digest;
    unlinkSync(join(missingLayer, 'blobs/sha256', layer.slice(7)));
    const corrupt = tarOf([{ path: 'manifest.json', data: '[]' }]);
    corrupt[20] ^= 0xff;
    const cases: [string, string, RegExp][] = [
      ['not an image', file('notes.tar', tarOf([{ path: 'notes.txt', data: 'hello\n' }])), /not a container image/],
      ['not a tar', file('notes.txt', Buffer.from('just text, long enough to fill a header? no.\n'.repeat(20))), /not a tar archive/],
      ['a corrupt tar', file('corrupt.tar', corrupt), /bad header checksum at byte 0/],
      ['a missing layer blob', missingLayer, new RegExp(`layer ${layerDigests(WORKER)[0]} of acme/worker:2.3 is missing`)],
      ['a gzip-compressed tarball', file('image.tar.gz', gzipSync(dockerSave([WORKER]))), /gzip-compressed tarball: decompress it first/],
      ['no such path', join(root, 'nowhere.tar'), /cannot read/],
    ];
    for (const [what, path, message] of cases) {
      it(what, async () => {
        const result = await runCli('image', path, '--format', 'json');
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
        expect(result.stderr).toMatch(message);
      });
    }
  });
});
