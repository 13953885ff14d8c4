// The README's verifier table is the registry's: a verifier added without `npm run readme:verifiers` fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TABLE_END, TABLE_START, verifierTable } from '../../src/verify/verifier-table.js';
import { VERIFIERS } from '../../src/verify/registry.js';
import { loadAllRuleSpecs } from '../../src/rules/load-rules.js';

describe('verifiers', () => {
  it('the README table is the registry', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const between = readme.slice(readme.indexOf(TABLE_START) + TABLE_START.length, readme.indexOf(TABLE_END)).trim();
    expect(between).toBe(verifierTable());
  });

  it('verify rules that exist, each by one verifier, on https hosts', () => {
    const ids = new Set(loadAllRuleSpecs().map((spec) => spec.id));
    const seen = new Map<string, string>();
    for (const verifier of VERIFIERS) {
      for (const rule of verifier.rules) {
        expect(ids.has(rule), `${verifier.id}: no rule ${rule}`).toBe(true);
        expect(seen.get(rule), `${rule} verified twice`).toBeUndefined();
        seen.set(rule, verifier.id);
      }
      expect(verifier.hosts.length).toBeGreaterThan(0);
      expect(verifier.endpoint).toMatch(/https:\/\//);
    }
    expect(new Set(VERIFIERS.map((v) => v.id)).size).toBe(VERIFIERS.length);
  });
});
