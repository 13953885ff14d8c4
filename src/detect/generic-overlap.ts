// Generic rules yield to provider rules: where both report the same bytes, the provider's finding is the one kept.
import type { RawMatch } from './detect-blob.js';

const GENERIC_PREFIX = 'generic.';

/**
 * Whether [from, to) overlaps any of the given matches, in log time: a minified file can hold tens of thousands
 * of matches, and comparing each generic match with every other would be quadratic.
 */
function specificOverlapTest(specific: RawMatch[]): (from: number, to: number) => boolean {
  const spans = specific.map((m) => [m.offset, m.offset + m.length] as const).sort((a, b) => a[0] - b[0]);
  // furthest end among the spans starting at or before each index
  const reach: number[] = [];
  spans.forEach(([, stop], index) => reach.push(Math.max(stop, index > 0 ? reach[index - 1] : 0)));
  return (from, to) => {
    // last span that starts before `to`
    let low = 0;
    let high = spans.length - 1;
    let last = -1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if (spans[middle][0] < to) {
        last = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return last >= 0 && reach[last] > from;
  };
}

/**
 * A generic rule (id `generic.…`) adds nothing where a provider rule already reported the same bytes, and
 * two generic rules reporting the same secret at the same place make one finding (the first id wins).
 */
export function withoutGenericOverlaps(matches: RawMatch[]): RawMatch[] {
  const overlapsSpecific = specificOverlapTest(matches.filter((m) => !m.ruleId.startsWith(GENERIC_PREFIX)));
  const genericSeen = new Set<string>();
  return [...matches]
    .sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0))
    .filter((m) => {
      if (!m.ruleId.startsWith(GENERIC_PREFIX)) return true;
      if (overlapsSpecific(m.offset, m.offset + m.length)) return false;
      const key = `${m.offset}\0${m.secret}`;
      if (genericSeen.has(key)) return false;
      genericSeen.add(key);
      return true;
    });
}
