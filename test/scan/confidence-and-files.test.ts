// Rules tied to file names and the confidence threshold, through the whole pipeline: real git, RE2 and worker threads.
import { describe, expect, it } from 'vitest';
import { runScan } from '../../src/scan/run-scan.js';
import type { Confidence, RuleSpec } from '../../src/rules/rule-spec.js';
import { base62, crc32 } from '../../src/detect/checksum.js';
import { DEFAULT_PATTERNS_DIR, loadRuleSpecs } from '../../src/rules/load-rules.js';
import { repoPerTest } from '../helpers/git-fixture.js';
import { AWS_KEY, TEST_RULES } from '../helpers/test-rules.js';

const repo = repoPerTest();

/** A keywordless rule: every line of a file named master.key is the key. */
const MASTER_KEY: RuleSpec = { id: 'test.master-key', name: 'master key', severity: 'critical', keywords: [], files: ['(?:^|/)master\\.key$'], regex: '(?m)^([0-9a-f]{32})$', secretGroup: 1, examples: [], negativeExamples: [] };
const PASSWORD: RuleSpec = { ...TEST_RULES[2], confidence: 'medium' };
const RULES = [TEST_RULES[0], PASSWORD, MASTER_KEY];

function scan(dir: string, minConfidence?: Confidence) {
  return runScan({ path: dir, engine: 'git', jobs: 2, maxBlobSize: 1 << 20, showSecrets: true, rules: RULES, minConfidence });
}

describe('rules tied to file names', () => {
  it('reads a whole file at a matching path, with no keyword, and nothing elsewhere', async () => {
    const key = '3f9c0d2b7a6e41c58d0f1e2a9b4c7d6e';
    const fixture = repo([{ files: { 'config/master.key': `${key}\n`, 'notes/hex.txt': `${key}\n` } }]);
    const report = await scan(fixture.dir);
    expect(report.findings.map((f) => [f.ruleId, f.path, f.secret, f.confidence])).toEqual([['test.master-key', 'config/master.key', key, 'high']]);
  });

  it('reports such a finding only at the appearances whose path matches', async () => {
    const key = '8a1b2c3d4e5f60718293a4b5c6d7e8f9';
    const fixture = repo([{ files: { 'config/master.key': `${key}\n` } }, { files: { 'backup/master.key.txt': `${key}\n` } }]);
    const report = await scan(fixture.dir);
    expect(report.findings.map((f) => f.path)).toEqual(['config/master.key']);
  });
});

describe('confidence', () => {
  it('leaves out low-confidence findings by threshold, counts them, and shows them at low', async () => {
    const fixture = repo([
      {
        files: {
          'config/app.yml': 'password: Qm7vTz2LpX9wKc\n',
          'test/login.test.js': 'const password = "Zr8pWq3NxT5vLd";\n',
          'docker-compose.yml': 'password: postgres\n',
          'README.md': `key ${AWS_KEY}\n`,
        },
      },
    ]);
    const medium = await scan(fixture.dir, 'medium');
    expect(medium.findings.map((f) => [f.path, f.confidence, f.context]).sort()).toEqual([
      ['README.md', 'medium', 'docs'],
      ['config/app.yml', 'medium', 'config'],
    ]);
    expect(medium.summary.belowConfidence).toEqual({ threshold: 'medium', count: 2 });
    const low = await scan(fixture.dir, 'low');
    const lowered = Object.fromEntries(low.findings.map((f) => [f.path, f.lowered]));
    expect(lowered).toEqual({ 'README.md': ['context:docs'], 'config/app.yml': undefined, 'test/login.test.js': ['context:test'], 'docker-compose.yml': ['default-password'] });
    expect(low.summary.belowConfidence.count).toBe(0);
    const high = await scan(fixture.dir, 'high');
    expect(high.findings).toEqual([]);
    expect(high.summary.belowConfidence.count).toBe(4);
  });
});

describe('token efficiency (maxCharsPerToken)', () => {
  it('lowers a value made of words and keeps a random one', async () => {
    const b64: RuleSpec = { id: 'test.b64', name: 'b64', severity: 'medium', confidence: 'medium', keywords: ['token'], regex: 'token\\s*=\\s*"([A-Za-z0-9+/]{20,})"', secretGroup: 1, maxCharsPerToken: 2.5, examples: [], negativeExamples: [] };
    const fixture = repo([{ files: { 'src/a.js': 'token = "serializePostOAuth2TokenRefreshAccessToken"\ntoken = "q8Zx2LpVd4Rk9Tm3Wn7Yb1Hc5Jf0Ga6E"\n' } }]);
    const report = await runScan({ path: fixture.dir, engine: 'git', jobs: 1, maxBlobSize: 1 << 20, showSecrets: true, rules: [b64], minConfidence: 'low' });
    const bySecret = Object.fromEntries(report.findings.map((f) => [f.secret, [f.confidence, f.lowered]]));
    expect(bySecret['q8Zx2LpVd4Rk9Tm3Wn7Yb1Hc5Jf0Ga6E']).toEqual(['medium', undefined]);
    expect(bySecret.serializePostOAuth2TokenRefreshAccessToken[0]).toBe('low');
    expect(bySecret.serializePostOAuth2TokenRefreshAccessToken[1]).toContain('word-tokens');
  });
});

describe('format checksums', () => {
  it('reports a GitHub token that fails its checksum one level lower than an issued one', async () => {
    const github = loadRuleSpecs(DEFAULT_PATTERNS_DIR, 'default').find((spec) => spec.id === 'github.personal-access-token');
    const random = 'Q7wE3rT9yU1iO5pA2sD8fG4hJ6kL0z';
    const issued = `ghp_${random}${base62(crc32(random), 6)}`;
    const fake = `ghp_${random}${issued.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA'}`;
    const fixture = repo([{ files: { 'deploy/ci.env': `GH_TOKEN=${issued}\nGH_TOKEN_OLD=${fake}\n`, 'test/fixtures.env': `GH_TOKEN=${issued}\n` } }]);
    const report = await runScan({ path: fixture.dir, engine: 'git', jobs: 2, maxBlobSize: 1 << 20, showSecrets: true, rules: [github!], minConfidence: 'low' });
    expect(report.findings.map((f) => [f.path, f.secret, f.confidence, f.lowered ?? []])).toEqual([
      ['deploy/ci.env', issued, 'high', []],
      ['deploy/ci.env', fake, 'medium', ['bad-checksum']],
      ['test/fixtures.env', issued, 'medium', ['context:test']],
    ]);
  });
});
