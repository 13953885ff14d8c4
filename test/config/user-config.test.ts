// The user config: rules added, replaced and disabled, global allowlists, extend: false, and clear errors naming file and rule.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseUserConfig, resolveRules } from '../../src/config/user-config.js';
import { compileRules } from '../../src/rules/compile-rules.js';
import { runScan } from '../../src/scan/run-scan.js';
import { makeRepo } from '../helpers/git-fixture.js';
import { AWS_KEY, GITHUB_TOKEN } from '../helpers/test-rules.js';

const ACME_RULE = `
  - id: acme.token
    name: Acme internal token
    severity: high
    keywords: [acme_]
    regex: '\\b(acme_[a-z0-9]{16})\\b'
    secretGroup: 1
    examples: []
    negativeExamples: []
`;

describe('parseUserConfig', () => {
  it('reads rules, disable, allow and extend', () => {
    const config = parseUserConfig(`extend: true\ndisable: [generic.high-entropy-hex]\nallow:\n  paths: ['^fixtures/']\n  stopwords: [dummy]\nrules:${ACME_RULE}`, 'cfg.yaml');
    expect(config).toMatchObject({ file: 'cfg.yaml', extend: true, disable: ['generic.high-entropy-hex'], allow: { paths: ['^fixtures/'], stopwords: ['dummy'] } });
    expect(config.rules.map((r) => r.id)).toEqual(['acme.token']);
    const specs = resolveRules(config);
    const ids = specs.map((s) => s.id);
    expect(ids).toContain('acme.token');
    expect(ids).toContain('aws.access-key-id');
    expect(ids).not.toContain('generic.high-entropy-hex');
    expect(specs.find((s) => s.id === 'aws.access-key-id')?.allow?.paths).toEqual(expect.arrayContaining(['^fixtures/']));
  });

  it('starts from nothing with extend: false', () => {
    const specs = resolveRules(parseUserConfig(`extend: false\nrules:${ACME_RULE}`, 'cfg.yaml'));
    expect(specs.map((s) => s.id)).toEqual(['acme.token']);
    expect(specs[0].allow?.paths).toEqual([]);
  });

  it('names the file, the rule and the field of a mistake', () => {
    expect(() => parseUserConfig('rulez: []', 'cfg.yaml')).toThrow(/cfg\.yaml: unknown key "rulez"/);
    expect(() => parseUserConfig('rules: [\n  {id: x', 'cfg.yaml')).toThrow(/cfg\.yaml: not valid YAML/);
    expect(() => parseUserConfig(`rules:${ACME_RULE.replace('severity: high', 'severity: urgent')}`, 'cfg.yaml')).toThrow(/cfg\.yaml rule "acme\.token": field "severity"/);
    expect(() => resolveRules(parseUserConfig('disable: [no.such-rule]', 'cfg.yaml'))).toThrow(/cfg\.yaml: disable lists unknown rule id "no\.such-rule"/);
    const lookahead = parseUserConfig(`extend: false\nrules:${ACME_RULE.replace("'\\b(acme_[a-z0-9]{16})\\b'", "'(?=acme_)(acme_\\w+)'")}`, 'cfg.yaml');
    expect(() => compileRules(resolveRules(lookahead))).toThrow(/cfg\.yaml rule "acme\.token": RE2 cannot compile/);
    expect(() => parseUserConfig(`rules:${ACME_RULE}${ACME_RULE}`, 'cfg.yaml')).toThrow(/cfg\.yaml: rules: id "acme\.token" appears twice/);
    // a misspelt allow key would otherwise allow nothing, silently
    expect(() => parseUserConfig('allow:\n  path: ["^vendor/"]\n', 'cfg.yaml')).toThrow(/cfg\.yaml allow: field "allow" has unknown key "path" \(expected paths, regexes, lines, stopwords\)/);
  });

  // found by test/config/user-config.fuzz.test.ts
  it('blames a global allow regex RE2 rejects on the config, not on the first rule of the pack', () => {
    expect(() => parseUserConfig(`allow:\n  paths: ['(?<=a)b']\n`, 'cfg.yaml')).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringMatching(/^cfg\.yaml allow\.paths: RE2 cannot compile "\(\?<=a\)b"/) }),
    );
    // with extend: false and no rules it was never compiled at all
    expect(() => parseUserConfig(`extend: false\nallow:\n  regexes: ['(a)\\1']\n`, 'cfg.yaml')).toThrow(/cfg\.yaml allow\.regexes: RE2 cannot compile/);
  });

  it('keeps errors on one line when an id or key holds a line break', () => {
    const messageOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('expected an error');
    };
    const messages = [
      messageOf(() => resolveRules(parseUserConfig('disable: ["a\\nb.c"]', 'cfg.yaml'))),
      messageOf(() => parseUserConfig('rules:\n  - {id: "a\\nb.c", name: n, severity: high, keywords: [k], regex: k}', 'cfg.yaml')),
      messageOf(() => parseUserConfig('"rule\\ns": []', 'cfg.yaml')),
    ];
    expect(messages).toEqual([
      'cfg.yaml: disable lists unknown rule id "a\\nb.c"',
      expect.stringMatching(/^cfg\.yaml rule "a\\nb\.c": field "id" must match pattern/),
      'cfg.yaml: unknown key "rule\\ns" (expected rules, disable, allow, extend or verify)',
    ]);
  });
});

describe('config in a scan', () => {
  const repo = makeRepo([
    {
      files: {
        'app/settings.env': `AWS_ACCESS_KEY_ID=${AWS_KEY}\nACME=acme_0123456789abcdef\n`,
        'package-lock.json': `{"token": "${GITHUB_TOKEN}"}\n`,
        'vendor/lib/client.go': `const key = "${GITHUB_TOKEN}"\n`,
        'docs/howto.md': `export GH=${GITHUB_TOKEN} # leaksweep:allow\n<!-- leaksweep:allow-next-line -->\nAWS=${AWS_KEY}\nstill=${AWS_KEY}\n`,
      },
    },
  ]);
  afterAll(() => repo.cleanup());

  it('applies the default global allowlist and inline allow comments', async () => {
    const report = await runScan({ path: repo.dir, engine: 'git', jobs: 1, maxBlobSize: 1 << 20, showSecrets: false, rules: resolveRules(null) });
    expect(report.findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`).sort()).toEqual(['app/settings.env:1 aws.access-key-id', 'docs/howto.md:4 aws.access-key-id']);
  });

  it('picks up .leaksweep.yaml from the repository and fails with exit 2 on a broken one', () => {
    const bin = new URL('../../bin/leaksweep.js', import.meta.url).pathname;
    writeFileSync(join(repo.dir, '.leaksweep.yaml'), `disable: [aws.access-key-id]\nrules:${ACME_RULE}`);
    const ok = spawnSync(process.execPath, [bin, 'scan', repo.dir, '--format', 'json', '--quiet'], { encoding: 'utf8' });
    const ids = JSON.parse(ok.stdout).findings.map((f: { ruleId: string }) => f.ruleId);
    expect(ids).toContain('acme.token');
    expect(ids).not.toContain('aws.access-key-id');
    writeFileSync(join(repo.dir, '.leaksweep.yaml'), `rules:${ACME_RULE.replace("'\\b(acme_[a-z0-9]{16})\\b'", "'(a)\\1'")}`);
    const bad = spawnSync(process.execPath, [bin, 'scan', repo.dir], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/\.leaksweep\.yaml rule "acme\.token": RE2 cannot compile/);
  });
});

describe('verify.endpoints', () => {
  it('takes https bases for GitHub Enterprise and GitLab', () => {
    const config = parseUserConfig('verify:\n  endpoints:\n    github: [https://ghe.example.com/api/v3]\n    gitlab: https://gitlab.example.com\n', 'cfg.yaml');
    expect(config.verifyEndpoints).toEqual({ github: ['https://ghe.example.com/api/v3'], gitlab: ['https://gitlab.example.com'] });
  });

  it('refuses plain http, other providers and other keys', () => {
    expect(() => parseUserConfig('verify:\n  endpoints:\n    github: [http://ghe.example.com]\n', 'cfg.yaml')).toThrow('verify.endpoints.github: expected https URLs');
    expect(() => parseUserConfig('verify:\n  endpoints:\n    stripe: [https://stripe.example.com]\n', 'cfg.yaml')).toThrow(/"stripe" has no self-hosted endpoint/);
    expect(() => parseUserConfig('verify:\n  timeout: 3\n', 'cfg.yaml')).toThrow(/verify must be a mapping with endpoints/);
  });
});
