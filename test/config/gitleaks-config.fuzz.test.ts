// Any TOML, any text: a gitleaks config loads, or is refused with a one-line LeaksweepError naming the file; never a crash.
import fc from 'fast-check';
import { stringify } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { gitleaksUserConfig } from '../../src/config/gitleaks-config.js';
import { LeaksweepError } from '../../src/errors.js';
import { corrupt } from '../helpers/fuzz.js';

const PACK = new Set(['aws.access-key-id']);
const FILE = 'fuzz/.gitleaks.toml';

function loadsOrRefuses(text: string): void {
  try {
    const config = gitleaksUserConfig(text, FILE, PACK);
    for (const warning of config.warnings ?? []) expect(warning).not.toMatch(/[\r\n]/);
  } catch (error) {
    expect(error).toBeInstanceOf(LeaksweepError);
    expect((error as Error).message.startsWith(FILE)).toBe(true);
    expect((error as Error).message).not.toMatch(/[\r\n]/);
  }
}

const anyValue = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.array(fc.string(), { maxLength: 3 }), fc.constant({}));
const regex = fc.constantFrom('acme_[a-z]{8}', '(a)(b)', '(?i)x', '(?=a)', '[', 'a\\1', '');
const allowlist = corrupt(
  fc.record({
    condition: fc.constantFrom('OR', 'AND', 'and'),
    regexTarget: fc.constantFrom('secret', 'line', 'match'),
    paths: fc.array(regex, { maxLength: 2 }),
    regexes: fc.array(regex, { maxLength: 2 }),
    stopwords: fc.array(fc.string(), { maxLength: 2 }),
    commits: fc.array(fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 40, maxLength: 40 }), { maxLength: 1 }),
  }),
  ['condition', 'regexTarget', 'paths', 'regexes', 'stopwords', 'commits', 'targetRules', 'expr'],
  anyValue,
);
const rule = corrupt(
  fc.record({
    id: fc.string({ minLength: 1 }),
    regex,
    keywords: fc.array(fc.string(), { maxLength: 2 }),
    secretGroup: fc.nat(3),
    entropy: fc.double({ min: 0, max: 8, noNaN: true }),
    allowlists: fc.array(allowlist, { maxLength: 2 }),
  }),
  ['id', 'regex', 'keywords', 'secretGroup', 'entropy', 'path', 'allowlist', 'allowlists', 'required'],
  anyValue,
);
const document = corrupt(
  fc.record({
    extend: fc.record({ useDefault: fc.boolean(), disabledRules: fc.array(fc.constantFrom('aws.access-key-id', 'generic-api-key'), { maxLength: 2 }) }),
    rules: fc.array(rule, { maxLength: 3 }),
    allowlists: fc.array(allowlist, { maxLength: 2 }),
  }),
  ['extend', 'rules', 'allowlist', 'allowlists', 'title', 'other'],
  anyValue,
);

describe('gitleaksUserConfig under fuzzing', () => {
  it('loads, or cleanly refuses, configs with wrong types, bad regexes and unknown keys', () => {
    fc.assert(
      fc.property(document, (doc) => {
        let text: string;
        try {
          text = stringify(doc);
        } catch {
          return; // not expressible in TOML (e.g. a mixed array in an old TOML)
        }
        loadsOrRefuses(text);
      }),
      { numRuns: 300 },
    );
  });

  it('handles arbitrary text and small edits of a valid file', () => {
    const valid = '[extend]\nuseDefault = true\n[[rules]]\nid = "a"\nregex = \'\'\'a_(\\w+)\'\'\'\nkeywords = ["a_"]\n[rules.allowlist]\npaths = [\'^x\']\n';
    loadsOrRefuses(valid);
    fc.assert(fc.property(fc.string(), (text) => loadsOrRefuses(text)), { numRuns: 200 });
    fc.assert(
      fc.property(fc.nat(valid.length), fc.string({ maxLength: 3 }), (at, insert) => loadsOrRefuses(valid.slice(0, at) + insert + valid.slice(at + 1))),
      { numRuns: 300 },
    );
  });
});
