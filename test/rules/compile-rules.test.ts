// Compiling rules: the count of capture groups decides which group is the secret, so it must hold for any RE2 pattern;
// a rule's allowlist of secrets, combined into one regex, must allow what its patterns one by one would.
import fc from 'fast-check';
import RE2 from 're2';
import { describe, expect, it } from 'vitest';
import { compileRules, countGroups } from '../../src/rules/compile-rules.js';

describe('countGroups', () => {
  it('counts capture groups, not non-capturing ones', () => {
    expect(countGroups(new RE2('(a)(?:b)(c(d))'))).toBe(3);
    expect(countGroups(new RE2('abc'))).toBe(0);
  });

  it('counts a pattern that ends inside \\Q (quoted to its end), which RE2 accepts, instead of throwing', () => {
    expect(countGroups(new RE2('\\Q '))).toBe(0);
    expect(countGroups(new RE2('(key)=\\Q(not a group'))).toBe(1);
  });
});

describe('a rule\'s allowlist of secrets', () => {
  const ruleWith = (regexes: string[]) =>
    compileRules([{ id: 't.rule', name: 't', severity: 'high', keywords: ['k'], regex: 'k(x+)', secretGroup: 1, examples: [], negativeExamples: [], allow: { regexes } }]).rules[0];
  const patterns = ['^EXAMPLE', '(?i)dummy$', 'x{3}y', '(?P<n>ab)c', '(?P<n>zz)', '\\Qa)b'];

  it('allows exactly what one of its patterns matches, whatever the patterns (flags, anchors, repeated group names, \\Q to the end)', () => {
    fc.assert(
      fc.property(fc.subarray(patterns), fc.array(fc.constantFrom('EXAMPLE', 'x', 'y', 'DUMMY', 'ab', 'c', 'zz', 'a)b', ' '), { maxLength: 8 }), (chosen, parts) => {
        const text = parts.join('');
        const test = ruleWith(chosen).allowSecret;
        if (chosen.length === 0) expect(test).toBeNull();
        else expect(test!.test(text)).toBe(chosen.some((pattern) => new RE2(pattern).test(text)));
      }),
    );
  });
});
