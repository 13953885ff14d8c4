// Container images through the real pipeline (workers, RE2): config, history, every layer's files, deleted ones too.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScan, type ScanOptions } from '../../src/scan/run-scan.js';
import { dockerSave, layerDigests, ociLayout, tarOf, writeFiles, type ImageSpec } from '../helpers/image-fixture.js';
import { makeZip } from '../helpers/archive-builders.js';
import { AWS_KEY, AWS_KEY_2, GITHUB_TOKEN, TEST_RULES } from '../helpers/test-rules.js';

const root = mkdtempSync(join(tmpdir(), 'leaksweep-image-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const DB_PASSWORD = 'Str0ng-layer-pass';

/** A build that leaks four ways: ENV, a build ARG in history, a file deleted in a later layer, a jar. */
const API: ImageSpec = {
  name: 'acme/api:1.0',
  config: { Env: ['PATH=/usr/local/bin:/usr/bin', `GITHUB_TOKEN=${GITHUB_TOKEN}`], Cmd: ['node', 'server.js'], Labels: { maintainer: 'ops@acme.example' } },
  history: [
    { created_by: '/bin/sh -c #(nop) ADD file:0a1b2c in / ' },
    { created_by: 'ENV GITHUB_TOKEN=(redacted by the test build)', empty_layer: true },
    { created_by: 'ARG AWS_KEY', empty_layer: true },
    { created_by: `|1 AWS_KEY=${AWS_KEY} /bin/sh -c ./fetch-assets.sh && rm -f app/.env` },
    { created_by: 'COPY lib/ /app/lib/ # buildkit' },
  ],
  layers: [
    [
      { path: 'etc/', type: 'directory' },
      { path: 'etc/os-release', data: 'NAME="Debian GNU/Linux"\n' },
      { path: 'app/.env', data: `DB_HOST=db\npassword=${DB_PASSWORD}\n` },
      { path: 'app/server.js', data: 'console.log("hello")\n' },
    ],
    [{ path: 'app/.wh..env' }, { path: 'app/assets/logo.txt', data: 'a logo\n' }],
    [{ path: 'app/lib/app.jar', data: makeZip([{ name: 'META-INF/config.properties', data: `aws.key=${AWS_KEY_2}\n` }]) }],
  ],
};

const scan = (path: string, extra: Partial<ScanOptions> = {}) => runScan({ path, mode: 'image', engine: 'git', jobs: 2, maxBlobSize: 1 << 20, showSecrets: true, rules: TEST_RULES, ...extra });

const where = (report: Awaited<ReturnType<typeof scan>>) => report.findings.map((f) => [f.path, f.secret, f.image]);

describe('image scan', () => {
  const layers = layerDigests(API);
  const expected = [
    ['app/.env', DB_PASSWORD, { name: 'acme/api:1.0', layer: layers[0], deletedIn: layers[1] }],
    ['history:created_by', AWS_KEY, { name: 'acme/api:1.0', layer: layers[1], step: 3 }],
    ['app/lib/app.jar!META-INF/config.properties', AWS_KEY_2, { name: 'acme/api:1.0', layer: layers[2] }],
    ['config:Env', GITHUB_TOKEN, { name: 'acme/api:1.0' }],
  ];

  it('docker save: ENV, a build ARG in history, a file a later layer deleted (named with the layer holding it), and a jar in a layer', async () => {
    const file = join(root, 'api.tar');
    writeFileSync(file, dockerSave([API]));
    const report = await scan(file);
    expect(where(report)).toEqual(expected);
    expect(report.findings.find((f) => f.path === 'config:Env')).toMatchObject({ line: 2, context: 'config', laterCommits: [] });
    expect(report.summary).toMatchObject({ mode: 'image', engine: 'none', images: { names: ['acme/api:1.0'], layers: 3 }, incomplete: false });
  });

  it('an OCI layout, as a directory and as a tar, finds the same with the same identities', async () => {
    const dir = writeFiles(join(root, 'oci'), ociLayout([API]));
    const tar = join(root, 'oci.tar');
    writeFileSync(tar, tarOf(ociLayout([API])));
    const saved = join(root, 'api-again.tar');
    writeFileSync(saved, dockerSave([API]));
    const [fromDir, fromTar, fromSave] = await Promise.all([scan(dir), scan(tar), scan(saved)]);
    expect(where(fromDir)).toEqual(expected);
    expect(where(fromTar)).toEqual(expected);
    // a layer is named by its diff id whichever way it was stored: a baseline made from one form holds for the other
    expect(fromDir.findings.map((f) => f.fingerprint)).toEqual(fromSave.findings.map((f) => f.fingerprint));
  });
});
