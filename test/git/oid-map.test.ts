import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OidMap } from '../../src/git/oid-map.js';

const sha1 = (n: number): string => createHash('sha1').update(String(n)).digest('hex');
const sha256 = (n: number): string => createHash('sha256').update(String(n)).digest('hex');

describe('OidMap', () => {
  it('holds 300,000 ids with their values through many regrowths, and finds no id it was not given', () => {
    const map = new OidMap();
    for (let n = 0; n < 300_000; n += 1) map.set(sha1(n), n * 7);
    expect(map.size).toBe(300_000);
    for (let n = 0; n < 300_000; n += 997) expect(map.get(sha1(n))).toBe(n * 7);
    for (let n = 300_000; n < 300_500; n += 1) expect(map.has(sha1(n))).toBe(false);
    expect(map.get(sha1(300_001))).toBeUndefined();
  });

  it('replaces a value without adding an entry, and lists entries in insertion order', () => {
    const map = new OidMap().set(sha1(1), 5).set(sha1(2)).set(sha1(1), 9);
    expect(map.size).toBe(2);
    expect([...map.entries()]).toEqual([[sha1(1), 9], [sha1(2), 0]]);
  });

  it('keeps SHA-256 ids, and keys that are not ids of its length (paths, other lengths) apart but answered the same', () => {
    const map = new OidMap().set(sha256(1), 3).set('src/app.js', 4).set(sha1(1), 6).set('ABCDEF', 1);
    expect(map.get(sha256(1))).toBe(3);
    expect(map.get('src/app.js')).toBe(4);
    expect(map.get(sha1(1))).toBe(6);
    expect(map.has(sha1(1).toUpperCase())).toBe(false);
    expect(map.has('abcdef')).toBe(false);
    expect(map.size).toBe(4);
  });

  it('ids that share their first 32 bits still spread and are told apart', () => {
    const map = new OidMap();
    const ids = Array.from({ length: 5000 }, (_, n) => `deadbeef${sha1(n).slice(8)}`);
    ids.forEach((id, n) => map.set(id, n));
    ids.forEach((id, n) => expect(map.get(id)).toBe(n));
    expect(map.has(`deadbeef${sha1(5001).slice(8)}`)).toBe(false);
  });

  it('agrees with a Map on any sequence of sets, get-or-sets and lookups', () => {
    const key = fc.oneof(fc.integer({ min: 0, max: 60 }).map(sha1), fc.constantFrom('a/b.txt', 'README', ''));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.nat({ max: 0xffff_ffff }), fc.boolean())), fc.array(key), (sets, lookups) => {
        const map = new OidMap();
        const model = new Map<string, number>();
        for (const [k, v, onlyIfAbsent] of sets) {
          if (onlyIfAbsent) {
            expect(map.getOrSet(k, v)).toBe(model.get(k));
            if (!model.has(k)) model.set(k, v);
          } else {
            map.set(k, v);
            model.set(k, v);
          }
        }
        expect(map.size).toBe(model.size);
        for (const k of [...lookups, ...model.keys()]) expect(map.get(k)).toBe(model.get(k));
        expect(new Map(map.entries())).toEqual(model);
      }),
    );
  });
});
