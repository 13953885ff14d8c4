// An audit of a repository and the image built from it: a secret in both is one finding with both places.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/scan/run-audit.js';
import { makeRepo } from '../helpers/git-fixture.js';
import { dockerSave, layerDigests, type ImageSpec } from '../helpers/image-fixture.js';
import { AWS_KEY, AWS_KEY_2, GITHUB_TOKEN, TEST_RULES } from '../helpers/test-rules.js';

const root = mkdtempSync(join(tmpdir(), 'leaksweep-join-'));
const repo = makeRepo([{ files: { 'deploy/app.env': `AWS_ACCESS_KEY_ID=${AWS_KEY}\n`, 'ci.sh': `export GH=${GITHUB_TOKEN}\n` } }]);
afterAll(() => {
  repo.cleanup();
  rmSync(root, { recursive: true, force: true });
});

// the image ships the repository's env file, and a key of its own
const IMAGE: ImageSpec = {
  name: 'acme/app:2.0',
  config: { Env: ['PATH=/usr/bin'] },
  history: [{ created_by: 'COPY deploy/ /srv/deploy/' }],
  layers: [[{ path: 'srv/deploy/app.env', data: `AWS_ACCESS_KEY_ID=${AWS_KEY}\n` }, { path: 'srv/extra.env', data: `AWS_ACCESS_KEY_ID=${AWS_KEY_2}\n` }]],
};

describe('an audit of repositories and images', () => {
  it('joins a secret found in both into one finding with both places; the rest stay apart', async () => {
    const image = join(root, 'app.tar');
    writeFileSync(image, dockerSave([IMAGE]));
    const report = await runAudit({ paths: [repo.dir, image], repos: 2, jobs: 2, engine: 'git', maxBlobSize: 1 << 20, showSecrets: false, rules: TEST_RULES });
    expect(report.summary.repositories?.map((r) => [r.repository, r.findings, r.error])).toEqual([
      [repo.dir, 2, undefined],
      [image, 2, undefined],
    ]);
    const joined = report.findings.filter((f) => f.redacted.startsWith(AWS_KEY.slice(0, 4)) && f.path === 'deploy/app.env');
    expect(joined).toHaveLength(1);
    expect(joined[0]).toMatchObject({ repository: repo.dir, alsoAt: [{ repository: image, path: 'srv/deploy/app.env', line: 1, image: { name: 'acme/app:2.0', layer: layerDigests(IMAGE)[0] } }] });
    // the image's own key and the repository's token are findings of their own
    expect(report.findings.map((f) => f.path).sort()).toEqual(['ci.sh', 'deploy/app.env', 'srv/extra.env']);
    expect(report.summary.findings).toBe(3);
    expect(JSON.stringify(report)).not.toContain(AWS_KEY);
  });
});
