// The log-time overlap test gives what comparing every generic match with every provider match gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RawMatch } from '../../src/detect/detect-blob.js';
import { withoutGenericOverlaps } from '../../src/detect/generic-overlap.js';

function quadratic(matches: RawMatch[]): RawMatch[] {
  const specific = matches.filter((m) => !m.ruleId.startsWith('generic.'));
  const seen = new Set<string>();
  return [...matches]
    .sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0))
    .filter((m) => {
      if (!m.ruleId.startsWith('generic.')) return true;
      if (specific.some((s) => m.offset < s.offset + s.length && s.offset < m.offset + m.length)) return false;
      const key = `${m.offset}\0${m.secret}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

const match = fc.record({
  ruleId: fc.constantFrom('generic.secret', 'generic.password', 'aws.key', 'github.token'),
  secret: fc.constantFrom('a', 'b'),
  offset: fc.nat(200),
  length: fc.integer({ min: 1, max: 60 }),
  line: fc.constant(1),
  column: fc.constant(1),
});

describe('withoutGenericOverlaps', () => {
  it('keeps provider matches and drops generic ones on their bytes or repeated, as the quadratic check does', () => {
    fc.assert(fc.property(fc.array(match, { maxLength: 40 }), (matches) => {
          expect(withoutGenericOverlaps(matches)).toEqual(quadratic(matches));
        }), { numRuns: 500 });
  });

  it('sees a long provider match that covers a generic one starting after shorter provider matches', () => {
    const at = (ruleId: string, offset: number, length: number): RawMatch => ({ ruleId, secret: 's', offset, length, line: 1, column: 1 });
    const kept = withoutGenericOverlaps([at('aws.key', 0, 100), at('github.token', 10, 2), at('generic.secret', 50, 5), at('generic.secret', 120, 5)]);
    // sorted by rule id, as the findings are built
    expect(kept.map((m) => m.offset)).toEqual([0, 120, 10]);
  });
});
