// The size of an object without inflating it, so a blob over the size limit is skipped before isomorphic-git reads it whole.
import { closeSync, openSync, readSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { constants, inflateSync } from 'node:zlib';
import { listLooseObjects } from './isomorphic-fs.js';
import { OidTable } from './oid-table.js';

const OFS_DELTA = 6;
const REF_DELTA = 7;
/** enough compressed bytes for a loose object's header or a delta's two sizes */
const HEAD_BYTES = 256;

interface PackIndex {
  /** read synchronously: a few hundred bytes from the page cache cost less than a trip through libuv's pool */
  pack: number;
  oids: OidTable;
  offsets: Buffer;
  largeOffsets: Buffer;
}

/** Inflates what a truncated zlib stream holds so far. */
function inflatedStart(compressed: Buffer): Buffer {
  try {
    return inflateSync(compressed, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    return Buffer.alloc(0);
  }
}

/** Little-endian base-128 size, as in a delta's header; sizes past 2^31 need multiplication, not shifts. */
function varint(data: Buffer, at: number): [value: number, next: number] {
  let value = 0;
  let scale = 1;
  for (;;) {
    const byte = data[at++];
    if (byte === undefined) return [Number.NaN, at];
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if (!(byte & 0x80)) return [value, at];
  }
}

function offsetOf(index: PackIndex, position: number): number {
  const small = index.offsets.readUInt32BE(position * 4);
  if (!(small & 0x80000000)) return small;
  return Number(index.largeOffsets.readBigUInt64BE((small & 0x7fffffff) * 8));
}

export class ObjectSizes {
  private indexes: Promise<PackIndex[]> | null = null;
  /** loose objects, listed once: a failed open per packed object costs more than the rest of the lookup */
  private loose: Promise<Set<string>> | null = null;

  constructor(private readonly objectsDir: string) {}

  /** Undefined when the object cannot be found or its header read: the caller then reads it as before. */
  async sizeOf(oid: string): Promise<number | undefined> {
    this.loose ??= listLooseObjects(this.objectsDir);
    const isLoose = (await this.loose).has(`${oid.slice(0, 2)}/${oid.slice(2)}`);
    const loose = isLoose ? await readFile(join(this.objectsDir, oid.slice(0, 2), oid.slice(2))).catch(() => null) : null;
    if (loose) {
      const head = inflatedStart(loose.subarray(0, HEAD_BYTES));
      const match = /^[a-z]+ (\d+)\0/.exec(head.toString('latin1', 0, Math.min(head.length, 64)));
      return match ? Number(match[1]) : undefined;
    }
    for (const index of await this.packIndexes()) {
      const position = index.oids.indexOf(oid);
      if (position >= 0) return this.packedSize(index, offsetOf(index, position));
    }
    return undefined;
  }

  async close(): Promise<void> {
    const indexes = await this.indexes?.catch(() => []);
    for (const index of indexes ?? []) closeSync(index.pack);
  }

  /** Type and size first (size of the delta, for deltas), then for deltas the size of the object it makes. */
  private packedSize(index: PackIndex, offset: number): number | undefined {
    const head = Buffer.alloc(HEAD_BYTES + 32);
    const bytesRead = readSync(index.pack, head, 0, head.length, offset);
    let at = 0;
    let byte = head[at++];
    const type = (byte >> 4) & 7;
    let size = byte & 0x0f;
    for (let scale = 16; byte & 0x80; scale *= 128) {
      byte = head[at++];
      size += (byte & 0x7f) * scale;
    }
    if (type !== OFS_DELTA && type !== REF_DELTA) return size;
    if (type === OFS_DELTA) while (head[at++] & 0x80);
    else at += 20;
    const delta = inflatedStart(head.subarray(at, bytesRead));
    const [, afterBase] = varint(delta, 0);
    const [result] = varint(delta, afterBase);
    return Number.isFinite(result) ? result : undefined;
  }

  private packIndexes(): Promise<PackIndex[]> {
    this.indexes ??= (async () => {
      const packDir = join(this.objectsDir, 'pack');
      const names = (await readdir(packDir).catch(() => [])).filter((name) => name.endsWith('.idx'));
      const loaded: PackIndex[] = [];
      for (const name of names) {
        const idx = await readFile(join(packDir, name));
        // version 2 only (git's default since 1.5.2); a version 1 index is left to isomorphic-git
        if (idx.readUInt32BE(0) !== 0xff744f63 || idx.readUInt32BE(4) !== 2) continue;
        // after the header, 256 fan-out counts: the last is the number of objects
        const count = idx.readUInt32BE(8 + 255 * 4);
        const oidsAt = 8 + 256 * 4;
        const offsetsAt = oidsAt + count * 20 + count * 4;
        let pack: number;
        try {
          pack = openSync(join(packDir, name.replace(/\.idx$/, '.pack')), 'r');
        } catch {
          continue;
        }
        loaded.push({
          pack,
          oids: OidTable.fromBuffer(idx.subarray(oidsAt, oidsAt + count * 20), 20, 0)!,
          offsets: idx.subarray(offsetsAt, offsetsAt + count * 4),
          largeOffsets: idx.subarray(offsetsAt + count * 4),
        });
      }
      return loaded;
    })();
    return this.indexes;
  }
}
