import { describe, expect, it } from 'vitest';
import { OidTable } from '../../src/git/oid-table.js';

const oid = (n: number): string => n.toString(16).padStart(40, '0');

describe('OidTable', () => {
  it('finds every id it holds and no other, across a merge with an older table', () => {
    const older = OidTable.withOids([oid(5), oid(1), oid(9), oid(1)]);
    expect(older.size).toBe(3);
    const merged = OidTable.withOids([oid(3), oid(9), oid(200)], older);
    expect(merged.size).toBe(5);
    for (const n of [1, 3, 5, 9, 200]) expect(merged.has(oid(n))).toBe(true);
    for (const n of [0, 2, 4, 10, 201]) expect(merged.has(oid(n))).toBe(false);
    expect(merged.has('abc')).toBe(false);
    expect(OidTable.withOids([], older)).toBe(older);
  });

  it('keeps a value per id, the fresh one winning, and survives a round trip through bytes', () => {
    const older = OidTable.withValues(new Map([[oid(7), 1], [oid(2), 4]]));
    const merged = OidTable.withValues(new Map([[oid(7), 3], [oid(4), 2]]), older);
    const copy = OidTable.fromBuffer(merged.toBuffer(), merged.oidBytes, 4)!;
    expect([...copy.entries()]).toEqual([[oid(2), 4], [oid(4), 2], [oid(7), 3]]);
    expect(copy.get(oid(4))).toBe(2);
    expect(copy.get(oid(5))).toBeUndefined();
    expect(OidTable.fromBuffer(Buffer.alloc(23), 20, 0)).toBeUndefined();
  });
});
