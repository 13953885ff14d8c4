// Pattern files are checked against patterns/schema.json: a mistake names the file, the rule and the field.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseUserConfig } from '../../src/config/user-config.js';
import { loadPatternFile } from '../../src/rules/load-rules.js';

const dir = mkdtempSync(join(tmpdir(), 'leaksweep-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RULE = `  - id: acme.token\n    name: Acme\n    severity: high\n    keywords: [acme_]\n    regex: '(acme_\\w+)'\n    secretGroup: 1\n`;

function load(body: string) {
  const file = join(dir, `f${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, body);
  return { file, run: () => loadPatternFile(file) };
}

describe('pattern schema', () => {
  it('accepts a valid file', () => {
    expect(load(`rules:\n${RULE}`).run().map((r) => r.id)).toEqual(['acme.token']);
  });

  it('names file, rule and field', () => {
    const unknown = load(`rules:\n${RULE}    severty: low\n`);
    expect(unknown.run).toThrow(`${unknown.file} rule "acme.token": unknown field "severty"`);
    const badEnum = load(`rules:\n${RULE.replace('severity: high', 'severity: urgent')}`);
    expect(badEnum.run).toThrow(/rule "acme\.token": field "severity" must be equal to one of the allowed values \(critical, high, medium, low\)/);
    const missing = load(`rules:\n${RULE.replace("    regex: '(acme_\\w+)'\n", '')}`);
    expect(missing.run).toThrow(/rule "acme\.token": field "regex" is required/);
    const topLevel = load(`rules: []\nextra: 1\n`);
    expect(topLevel.run).toThrow(/the file must NOT have additional properties/);
  });

  it('checks the rules of a user config the same way', () => {
    expect(() => parseUserConfig(`rules:\n${RULE}    window: {before: 10}\n`, 'cfg.yaml')).toThrow('cfg.yaml rule "acme.token": field "window.after" is required');
  });
});
