// One layer as a stream of what it holds: files (whose bytes the caller may read), whiteouts and hard links.
// Gzip and, where this Node's zlib has it, zstd are inflated on the fly; nothing is written to disk.
import { Readable, pipeline, type Transform } from 'node:stream';
import * as zlib from 'node:zlib';
import { posix } from 'node:path';
import { LeaksweepError } from '../errors.js';
import { ByteReader } from './byte-reader.js';
import { tarEntries } from './tar-entries.js';

export type LayerEntry =
  | { kind: 'file'; path: string; size: number; read: () => Promise<Buffer> }
  /** a later layer's mark that `path` (or, opaque, everything below the directory `path`) no longer exists */
  | { kind: 'whiteout'; path: string; opaque: boolean }
  | { kind: 'hardlink'; path: string; target: string };

const GZIP = [0x1f, 0x8b];
const ZSTD = [0x28, 0xb5, 0x2f, 0xfd];
const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

const startsWith = (chunk: Buffer, magic: number[]): boolean => magic.every((byte, index) => chunk[index] === byte);

/** Node 22.15+ reads zstd; on older ones a zstd layer is skipped with this reason. */
type ZstdZlib = { createZstdDecompress?: () => Transform };
export const ZSTD_UNSUPPORTED = `zstd-compressed layer: Node ${process.versions.node} cannot decompress zstd (Node ≥ 22.15 can)`;

function inflater(head: Buffer): Transform | null {
  if (startsWith(head, GZIP)) return zlib.createGunzip();
  if (startsWith(head, ZSTD)) {
    const create = (zlib as unknown as ZstdZlib).createZstdDecompress;
    if (!create) throw new LeaksweepError('IMAGE_INVALID', ZSTD_UNSUPPORTED);
    return create();
  }
  return null;
}

/** The layer's tar bytes, whatever it was stored as (sniffed, not trusted from the media type). */
async function* tarBytes(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const chunks = source[Symbol.asyncIterator]();
  // stopping early (the tar's end marker comes before the file's end) must still close the file
  try {
    const first = await chunks.next();
    if (first.done) return;
    const rest = async function* (): AsyncGenerator<Buffer> {
      yield first.value;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
    };
    const inflate = inflater(first.value);
    if (!inflate) return yield* rest();
    // pipeline carries an error of either side to the consumer and closes both when the consumer stops early
    yield* pipeline(Readable.from(rest()), inflate, () => {}) as AsyncIterable<Buffer>;
  } finally {
    await chunks.return?.();
  }
}

export async function* layerEntries(source: AsyncIterable<Buffer>): AsyncGenerator<LayerEntry> {
  const reader = new ByteReader(tarBytes(source));
  try {
    for await (const entry of tarEntries(reader)) {
      const base = posix.basename(entry.path);
      const dir = posix.dirname(entry.path);
      if (base === OPAQUE) yield { kind: 'whiteout', path: dir === '.' ? '' : dir, opaque: true };
      else if (base.startsWith(WHITEOUT)) yield { kind: 'whiteout', path: posix.join(dir, base.slice(WHITEOUT.length)), opaque: false };
      else if (entry.type === 'hardlink' && entry.linkTarget) yield { kind: 'hardlink', path: entry.path, target: entry.linkTarget.replace(/^(\.\/|\/)+/, '') };
      else if (entry.type === 'file') yield { kind: 'file', path: entry.path, size: entry.size, read: () => reader.read(entry.size) };
    }
  } finally {
    await reader.close();
  }
}
