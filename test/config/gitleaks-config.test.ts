// gitleaks and Betterleaks configs read as they are: rules, allowlists, discovery, one warning line for what is not carried over, clear errors.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gitleaksUserConfig } from '../../src/config/gitleaks-config.js';
import { findUserConfig, resolveRules } from '../../src/config/user-config.js';
import type { RawMatch } from '../../src/detect/detect-blob.js';
import type { Appearance } from '../../src/findings/finding.js';
import { runCli } from '../helpers/run-cli.js';

const PACK = new Set(['aws.access-key-id', 'generic.password']);
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'leaksweep-gitleaks-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Laid out as gitleaks' own default config is: a title, [extend], many keyword rules with tags, a global [allowlist]. Rules invented here. */
const DEFAULT_LAYOUT = `# This file has been generated for a test. DO NOT EDIT BY HAND.
title = "layout of gitleaks' default config"

[extend]
useDefault = true

${['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel']
  .map(
    (name) => `[[rules]]
id = "${name}-api-token"
description = "Detected a ${name} API token, which may expose ${name} services."
regex = '''(?i)\\b(${name}_[a-z0-9]{32})(?:['|\\"|\\n|\\r|\\s|\\x60|;]|$)'''
entropy = 3.5
keywords = ["${name}_"]
tags = ["${name}", "api"]
`,
  )
  .join('\n')}
[allowlist]
description = "global allow lists"
paths = [
    '''gitleaks\\.toml''',
    '''(?i)\\.(?:bmp|gif|jpe?g|png|svg|tiff?)$''',
    '''(?:^|/)node_modules(?:/.*)?$''',
]
regexes = ['''^\\$\\{[A-Z_]+\\}$''']
stopwords = ["abcdefghijklmnop"]
`;

describe('gitleaksUserConfig', () => {
  it("loads a config laid out like gitleaks' default one, beside the default pack", () => {
    const config = gitleaksUserConfig(DEFAULT_LAYOUT, '.gitleaks.toml', PACK);
    expect(config.warnings).toEqual([]);
    expect(config.rules.map((rule) => rule.id)).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'].map((n) => `gitleaks.${n}-api-token`));
    expect(config.rules[0]).toMatchObject({ name: 'Detected a alpha API token, which may expose alpha services.', severity: 'high', keywords: ['alpha_'], secretGroup: 1, entropy: 3.5 });
    // a keyword gates the whole file, as in gitleaks
    expect(config.rules[0].window?.before).toBeGreaterThan(1 << 30);
    expect(config.allow).toEqual({ paths: ['gitleaks\\.toml', '(?i)\\.(?:bmp|gif|jpe?g|png|svg|tiff?)$', '(?:^|/)node_modules(?:/.*)?$'], regexes: ['^\\$\\{[A-Z_]+\\}$'], stopwords: ['abcdefghijklmnop'] });
    const specs = resolveRules(config);
    expect(specs.map((spec) => spec.id)).toEqual(expect.arrayContaining(['aws.access-key-id', 'gitleaks.hotel-api-token']));
    expect(specs.find((spec) => spec.id === 'aws.access-key-id')?.allow?.stopwords).toContain('abcdefghijklmnop');
  });

  it('maps ids, secret groups and rules without keywords', () => {
    const config = gitleaksUserConfig(
      `[extend]\nuseDefault = true\n[[rules]]\nid = "Corp_Key"\nregex = 'CORP-[0-9]{8}'\n[[rules]]\nid = "corp key"\nregex = 'k=(\\w+)'\nsecretGroup = 0\nkeywords = ["K="]\n`,
      '.gitleaks.toml',
      PACK,
    );
    expect(config.rules.map(({ id, secretGroup, keywords, files }) => ({ id, secretGroup, keywords, files }))).toEqual([
      // no keywords: gitleaks runs it on every file; leaksweep reads each whole file
      { id: 'gitleaks.corp-key', secretGroup: 0, keywords: [], files: [''] },
      { id: 'gitleaks.corp-key-2', secretGroup: 1, keywords: ['k='], files: undefined },
    ]);
    expect(config.foreignIds).toEqual({ Corp_Key: 'gitleaks.corp-key', 'corp key': 'gitleaks.corp-key-2' });
  });

  it('applies a rule path, a commits list and an AND list at each place a match was seen', () => {
    const commit = 'a'.repeat(40);
    const config = gitleaksUserConfig(
      `[extend]\nuseDefault = true
[[rules]]
id = "t"
regex = 'tok_[a-z]+'
keywords = ["tok_"]
path = '''\\.env$'''
[[allowlists]]
commits = ["${commit.toUpperCase()}"]
[[allowlists]]
condition = "AND"
paths = ['''^test/''']
regexes = ['''^tok_fake''']
`,
      '.gitleaks.toml',
      PACK,
    );
    const keep = config.keep!;
    const at = (path: string, commit?: string): Appearance => ({ path, commit, order: [0, 0, commit ?? ''] });
    const match = (ruleId: string, secret: string): RawMatch => ({ ruleId, secret, offset: 0, length: secret.length, line: 1, column: 1 });
    expect(keep(match('gitleaks.t', 'tok_live'), at('app/.env', 'b'.repeat(40)))).toBe(true);
    expect(keep(match('gitleaks.t', 'tok_live'), at('app/config.py', 'b'.repeat(40)))).toBe(false);
    expect(keep(match('gitleaks.t', 'tok_live'), at('app/.env', commit))).toBe(false);
    expect(keep(match('aws.access-key-id', 'AKIAQ3EGRTXMPL7ZK2NB'), at('app/aws.ini', commit))).toBe(false);
    expect(keep(match('aws.access-key-id', 'AKIAQ3EGRTXMPL7ZK2NB'), at('app/aws.ini'))).toBe(true);
    expect(keep(match('gitleaks.t', 'tok_fake'), at('test/.env'))).toBe(false);
    expect(keep(match('gitleaks.t', 'tok_fake'), at('app/.env'))).toBe(true);
    expect(keep(match('gitleaks.t', 'tok_live'), at('test/.env'))).toBe(true);
  });

  it('names everything it cannot carry over in one warning', () => {
    const config = gitleaksUserConfig(
      `title = "t"
extraThing = 1
[extend]
url = "https://example.com/base.toml"
disabledRules = ["generic-api-key", "aws.access-key-id"]
[[rules]]
id = "a"
regex = 'a_[0-9]{8}'
keywords = ["a_"]
skipReport = true
[[rules.allowlists]]
regexTarget = "match"
regexes = ['''^x''']
[[rules.allowlists]]
condition = "AND"
regexTarget = "line"
regexes = ['''#x''']
paths = ['''^y''']
[[rules]]
id = "key-files"
path = '''\\.pem$'''
[[allowlists]]
targetRules = ["nope"]
paths = ['''^z''']
[[allowlists]]
expr = "finding.secret.startsWith('x')"
paths = ['''^w''']
`,
      '.gitleaks.toml',
      PACK,
    );
    expect(config.disable).toEqual(['aws.access-key-id']);
    expect(config.rules.map((rule) => rule.id)).toEqual(['gitleaks.a']);
    expect(config.warnings).toEqual([
      '.gitleaks.toml: not carried over from this gitleaks config: key "extraThing"; [extend] url; ' +
        "no [extend] useDefault = true (leaksweep's default rules run all the same); " +
        'disabledRules "generic-api-key" (no leaksweep rule has this id); rule "a" key "skipReport"; ' +
        'rule "key-files" (path only: a leaksweep rule needs a regex); [[allowlists]] #1 targetRules "nope" (no rule that runs has this id); ' +
        'rule "a" [[rules.allowlists]] #1 regexes (regexTarget = "match"); ' +
        'rule "a" [[rules.allowlists]] #2 skipped (condition = "AND" with regexTarget = "line"); ' +
        '[[allowlists]] #2 skipped (key "expr")',
    ]);
    expect(config.allow).toEqual({});
  });

  it('refuses bad values and regexes RE2 cannot compile, naming the file and the rule', () => {
    expect(() => gitleaksUserConfig('[[rules]]\nid = "x"\nregex = 5\n', 'g.toml', PACK)).toThrow(/^g\.toml: rule "x": "regex" must be a string$/);
    expect(() => gitleaksUserConfig('[[rules]]\nid = "x"\nregex = \'(?=a)b\'\n', 'g.toml', PACK)).toThrow(
      expect.objectContaining({ code: 'RULE_INVALID_REGEX', message: expect.stringMatching(/^g\.toml rule "x": RE2 cannot compile/) }),
    );
    expect(() => gitleaksUserConfig('[[rules]]\nid = "x"\nregex = \'a(b)\'\nsecretGroup = 2\n', 'g.toml', PACK)).toThrow(/rule "x": secretGroup 2 but the regex has 1 capture group/);
    expect(() => gitleaksUserConfig('[[rules]]\nid = "x"\nregex = \'a\'\n[rules.allowlist]\nregexTarget = "whole"\n', 'g.toml', PACK)).toThrow(/"regexTarget" must be "secret", "match" or "line"/);
    expect(() => gitleaksUserConfig('[[rules]]\nid = "x"\n', 'g.toml', PACK)).toThrow(/^g\.toml: rule "x": expected "regex"$/);
    expect(() => gitleaksUserConfig('[[rules]]\nid = "x"\nregex = \'a\'\n[[rules]]\nid = "x"\nregex = \'b\'\n', 'g.toml', PACK)).toThrow(/rule id "x" appears twice/);
  });
});

describe('finding the config', () => {
  it('reads a .betterleaks.toml the same way', () => {
    const dir = tempDir({ '.betterleaks.toml': '[extend]\nuseDefault = true\n[[rules]]\nid = "acme"\nregex = \'acme_[a-z]{8}\'\nkeywords = ["acme_"]\n' });
    const config = findUserConfig(dir);
    expect(config?.file).toBe(join(dir, '.betterleaks.toml'));
    expect(config?.rules.map((rule) => rule.id)).toEqual(['betterleaks.acme']);
  });

  it('prefers .leaksweep.yaml to a gitleaks config beside it, and says so', () => {
    const dir = tempDir({ '.leaksweep.yaml': 'disable: [generic.password]\n', '.gitleaks.toml': '[extend]\nuseDefault = true\n' });
    const config = findUserConfig(dir);
    expect(config?.file).toBe(join(dir, '.leaksweep.yaml'));
    expect(config?.warnings).toEqual([`read ${join(dir, '.leaksweep.yaml')}; not read: ${join(dir, '.gitleaks.toml')} (one config file is used: pass another with --config)`]);
  });

  it('reads --config FILE.toml as a gitleaks config', () => {
    const dir = tempDir({ 'team-rules.toml': '[extend]\nuseDefault = true\n[[rules]]\nid = "acme"\nregex = \'acme_[a-z]{8}\'\nkeywords = ["acme_"]\n' });
    expect(findUserConfig('.', join(dir, 'team-rules.toml'))?.rules.map((rule) => rule.id)).toEqual(['gitleaks.acme']);
  });
});

describe('the CLI with a gitleaks config', () => {
  it('writes exactly one warning line naming what is not carried over, and scans', async () => {
    const dir = tempDir({
      '.gitleaks.toml': '[extend]\nuseDefault = true\nfrobnicate = true\n[[rules]]\nid = "acme"\nregex = \'acme_[a-z]{8}\'\nkeywords = ["acme_"]\n[[rules.required]]\nid = "other"\n',
      'app.txt': 'token acme_qwertyui\n',
    });
    const result = await runCli('scan', dir, '--no-git', '--format', 'json', '--jobs', '1', '--quiet');
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      `leaksweep: ${join(dir, '.gitleaks.toml')}: not carried over from this gitleaks config: key "extend.frobnicate"; rule "acme" key "required"`,
    ]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['gitleaks.acme']);
  });

  it('exits 2 with one line for bad TOML and for a regex RE2 cannot compile', async () => {
    const bad = tempDir({ '.gitleaks.toml': '[[rules]]\nid = "acme"\nregex = \'unterminated\nkeywords = ["x"]\n' });
    const toml = await runCli('scan', bad, '--no-git');
    expect(toml.code).toBe(2);
    expect(toml.stderr).toMatch(new RegExp(`^leaksweep: ${join(bad, '.gitleaks.toml').replace(/[.]/g, '\\.')}: not valid TOML at line 3, column \\d+ \\([^\\n]+\\)\\n$`));
    const regex = tempDir({ '.gitleaks.toml': '[[rules]]\nid = "acme"\nregex = \'\'\'(?<!x)acme_\\w+\'\'\'\nkeywords = ["acme_"]\n' });
    const re2 = await runCli('scan', regex, '--no-git');
    expect(re2.code).toBe(2);
    expect(re2.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(re2.stderr).toContain(`${join(regex, '.gitleaks.toml')} rule "acme": RE2 cannot compile`);
  });
});
