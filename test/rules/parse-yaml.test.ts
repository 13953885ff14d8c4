// Rule packs and user config are data: YAML that would mean more than data is refused, with where it is.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYamlData } from '../../src/rules/parse-yaml.js';
import { loadPatternFile } from '../../src/rules/load-rules.js';
import { parseUserConfig } from '../../src/config/user-config.js';

describe('parseYamlData', () => {
  it('refuses language and non-core tags instead of turning them into values', () => {
    expect(() => parseYamlData('a: !!js/function "function () { globalThis.ran = true }"')).toThrow(/^Unresolved tag: .*js\/function at line 1, column 4$/);
    expect(() => parseYamlData('a: !!binary aGVsbG8=')).toThrow(/binary/);
    expect(() => parseYamlData('a: !custom thing')).toThrow(/Unresolved tag/);
    expect((globalThis as { ran?: boolean }).ran).toBeUndefined();
  });

  it('refuses cycles, duplicate keys and alias bombs, each in one line', () => {
    expect(() => parseYamlData('a: &x [*x]')).toThrow(/cycle/);
    expect(() => parseYamlData('a: 1\na: 2')).toThrow(/^Map keys must be unique at line 2, column 1$/);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefghij'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(', ')}]`)].join('\n');
    expect(() => parseYamlData(bomb)).toThrow(/alias/i);
    for (const text of ['a: &x [*x]', 'a: 1\na: 2', 'x: [1, 2']) {
      expect(() => parseYamlData(text)).toThrow(expect.objectContaining({ message: expect.not.stringContaining('\n') }));
    }
  });

  it('gives plain data: no prototype is set through a __proto__ key, dates stay strings', () => {
    const value = parseYamlData('__proto__: {polluted: 1}\nwhen: 2001-12-14\nn: 0x1F\n') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
    expect(value).toMatchObject({ when: '2001-12-14', n: 31 });
    expect(parseYamlData('')).toBeNull();
  });

  it('makes a pattern file with a language tag a rule error naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leaksweep-yaml-'));
    try {
      const file = join(dir, 'evil.yaml');
      writeFileSync(file, 'rules:\n  - id: evil.rule\n    regex: !!js/regexp /a/\n');
      expect(() => loadPatternFile(file)).toThrow(expect.objectContaining({ code: 'RULE_INVALID', message: expect.stringMatching(/evil\.yaml: not valid YAML \(Unresolved tag: .* at line 3/) }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('makes a user config with a language tag a config error naming the file and line', () => {
    expect(() => parseUserConfig('allow:\n  paths: !!js/function "() => true"\n', '.leaksweep.yaml')).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringMatching(/^\.leaksweep\.yaml: not valid YAML \(Unresolved tag: .* at line 2, column 10\)$/) }),
    );
  });
});
