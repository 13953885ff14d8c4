// Compiling rules: the count of capture groups decides which group is the secret, so it must hold for any RE2 pattern.
import RE2 from 're2';
import { describe, expect, it } from 'vitest';
import { countGroups } from '../../src/rules/compile-rules.js';

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
