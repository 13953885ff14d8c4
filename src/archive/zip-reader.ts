// Reads a zip (jar, war, apk, whl, nupkg …) from its central directory; each entry is inflated on its own, within a cap.
import { inflateRawSync } from 'node:zlib';
import { ArchiveCorruptError } from './archive-limits.js';

export interface ZipEntry {
  name: string;
  kind: 'file' | 'directory' | 'symlink';
  method: number;
  encrypted: boolean;
  compressedSize: number;
  size: number;
  /** where the entry's local header starts */
  headerOffset: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const UNIX = 3;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const U32_MAX = 0xffffffff;
export const STORED = 0;
export const DEFLATED = 8;

function endOfCentralDirectory(buf: Buffer): number {
  const lowest = Math.max(0, buf.length - EOCD_SIZE - MAX_COMMENT);
  for (let at = buf.length - EOCD_SIZE; at >= lowest; at -= 1) if (buf.readUInt32LE(at) === EOCD) return at;
  throw new ArchiveCorruptError('zip: no end of central directory');
}

/** Entry count and central directory place, from the zip64 record when the classic one is saturated. */
function directory(buf: Buffer, eocd: number): { count: number; offset: number } {
  let count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  const locator = eocd - 20;
  if ((count === 0xffff || offset === U32_MAX) && locator >= 0 && buf.readUInt32LE(locator) === EOCD64_LOCATOR) {
    const at = Number(buf.readBigUInt64LE(locator + 8));
    if (at + 56 > buf.length || buf.readUInt32LE(at) !== EOCD64) throw new ArchiveCorruptError('zip: bad zip64 end of central directory');
    count = Number(buf.readBigUInt64LE(at + 32));
    offset = Number(buf.readBigUInt64LE(at + 48));
  }
  return { count, offset };
}

/** Sizes and offset saturated at 0xffffffff are in the zip64 extra field, in this order. */
function zip64Values(extra: Buffer, wanted: boolean[]): number[] {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      const values: number[] = [];
      let field = at + 4;
      for (const want of wanted) {
        if (!want) continue;
        if (field + 8 > at + 4 + size) throw new ArchiveCorruptError('zip: short zip64 extra field');
        values.push(Number(extra.readBigUInt64LE(field)));
        field += 8;
      }
      return values;
    }
    at += 4 + size;
  }
  throw new ArchiveCorruptError('zip: zip64 sizes without a zip64 extra field');
}

export function zipEntries(data: Uint8Array): ZipEntry[] {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buf.length < EOCD_SIZE) throw new ArchiveCorruptError('zip: too short');
  try {
    const { count, offset } = directory(buf, endOfCentralDirectory(buf));
    const entries: ZipEntry[] = [];
    let at = offset;
    for (let i = 0; i < count; i += 1) {
      if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) throw new ArchiveCorruptError(`zip: central directory entry ${i} is damaged`);
      const flags = buf.readUInt16LE(at + 8);
      const nameLength = buf.readUInt16LE(at + 28);
      const extraLength = buf.readUInt16LE(at + 30);
      const commentLength = buf.readUInt16LE(at + 32);
      const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
      let size = buf.readUInt32LE(at + 24);
      let compressedSize = buf.readUInt32LE(at + 20);
      let headerOffset = buf.readUInt32LE(at + 42);
      if (size === U32_MAX || compressedSize === U32_MAX || headerOffset === U32_MAX) {
        const extra = buf.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
        const values = zip64Values(extra, [size === U32_MAX, compressedSize === U32_MAX, headerOffset === U32_MAX]);
        if (size === U32_MAX) size = values.shift()!;
        if (compressedSize === U32_MAX) compressedSize = values.shift()!;
        if (headerOffset === U32_MAX) headerOffset = values.shift()!;
      }
      const unixMode = buf.readUInt8(at + 5) === UNIX ? buf.readUInt32LE(at + 38) >>> 16 : 0;
      const kind = (unixMode & S_IFMT) === S_IFLNK ? 'symlink' : name.endsWith('/') ? 'directory' : 'file';
      entries.push({ name, kind, method: buf.readUInt16LE(at + 10), encrypted: (flags & 1) === 1, compressedSize, size, headerOffset });
      at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } catch (error) {
    if (error instanceof ArchiveCorruptError) throw error;
    // a read past the end of the buffer: sizes or offsets that point outside the file
    throw new ArchiveCorruptError('zip: central directory points outside the file');
  }
}

/** The entry's bytes, inflated to at most `cap` bytes: returns null when it would expand past it. */
export function readZipEntry(data: Uint8Array, entry: ZipEntry, cap: number): Uint8Array | null {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const at = entry.headerOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL) throw new ArchiveCorruptError(`zip: ${entry.name}: local header missing`);
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw new ArchiveCorruptError(`zip: ${entry.name}: data runs past the end of the file`);
  const compressed = buf.subarray(start, end);
  if (entry.method === STORED) return compressed.length > cap ? null : compressed;
  try {
    return inflateRawSync(compressed, { maxOutputLength: Math.max(1, cap) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return null;
    throw new ArchiveCorruptError(`zip: ${entry.name}: ${(error as Error).message}`);
  }
}
