// The lifecycle view: live at a branch head means rotate; removed but reachable means rotate and purge history.
import { afterAll, describe, expect, it } from 'vitest';
import { runScan } from '../../src/scan/run-scan.js';
import { makeRepo } from '../helpers/git-fixture.js';
import { AWS_KEY, GITHUB_TOKEN, TEST_RULES } from '../helpers/test-rules.js';

const fixture = makeRepo([
  { files: { 'a.env': `AWS=${AWS_KEY}\n`, 'b.sh': `token ${GITHUB_TOKEN}\n` }, message: 'add both' },
  { files: { 'a.env': 'AWS=from-vault\n' }, message: 'remove aws key' },
  { branch: 'release', files: { 'notes.txt': 'v1\n' } },
  { branch: 'main', files: { 'b.sh': 'token from env\n' }, message: 'remove token on main only' },
]);
afterAll(() => fixture.cleanup());

describe('lifecycle', () => {
  it('says which leaks are still live and which only live in history', async () => {
    const report = await runScan({ path: fixture.dir, engine: 'git', jobs: 1, maxBlobSize: 1 << 20, showSecrets: false, rules: TEST_RULES, lifecycle: true });
    const byPath = Object.fromEntries(report.findings.map((f) => [f.path, f.lifecycle]));
    const removeAws = fixture.git('log', '--format=%H', '-1', '--grep', 'remove aws key').trim();
    expect(byPath['a.env']).toEqual({ presentAt: [], removedIn: removeAws, reachableFrom: ['refs/heads/main', 'refs/heads/release'], action: 'rotate-and-purge' });
    // the token is gone from main but still in the release branch's head
    expect(byPath['b.sh']).toMatchObject({ presentAt: ['refs/heads/release'], action: 'rotate' });
    expect(JSON.stringify(report)).not.toContain(GITHUB_TOKEN);
  });

  it('needs history and the git engine', async () => {
    await expect(runScan({ path: fixture.dir, mode: 'staged', engine: 'git', maxBlobSize: 1 << 20, showSecrets: false, rules: TEST_RULES, lifecycle: true })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(runScan({ path: fixture.dir, engine: 'isomorphic', jobs: 1, maxBlobSize: 1 << 20, showSecrets: false, rules: TEST_RULES, lifecycle: true })).rejects.toMatchObject({ code: 'USAGE' });
  });
});
