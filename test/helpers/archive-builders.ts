// Builds archives in memory for tests: zip and tar written by hand (byte by byte, per their specs), gzip by node:zlib,
// zstd frames of raw and RLE blocks by hand. bzip2 and xz have no JS compressor: small fixtures made once with the
// bzip2 and xz tools are kept below as base64.
import { deflateRawSync } from 'node:zlib';
import { AWS_KEY } from './test-rules.js';

export interface ZipInput {
  name: string;
  data?: Uint8Array | string;
  method?: 'store' | 'deflate';
  /** a unix symlink entry: `data` is its target */
  symlink?: boolean;
  encrypted?: boolean;
  /** the uncompressed size the directory claims (a bomb lies) */
  declaredSize?: number;
  /** already compressed bytes (with method deflate): for bombs built without holding their output */
  raw?: Uint8Array;
}

const bytes = (data: Uint8Array | string | undefined): Buffer => (typeof data === 'string' ? Buffer.from(data) : Buffer.from(data ?? []));

export function makeZip(entries: ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = bytes(entry.data);
    const deflate = (entry.method ?? 'deflate') === 'deflate';
    const stored = entry.raw ?? (deflate ? deflateRawSync(data) : data);
    const name = Buffer.from(entry.name);
    const size = entry.declaredSize ?? data.length;
    const flags = 0x800 | (entry.encrypted ? 1 : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((entry.symlink ? 0o120777 : 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, stored);
    centrals.push(central, name);
    offset += local.length + name.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export interface TarInput {
  name: string;
  data?: Uint8Array | string;
  /** '0' file (default), '2' symlink (`link` is its target), '5' directory */
  type?: '0' | '2' | '5';
  link?: string;
}

function octal(value: number, length: number): string {
  return value.toString(8).padStart(length - 1, '0') + '\0';
}

function tarHeader(name: string, size: number, type: string, link = ''): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100);
  header.write(octal(0o644, 8), 100);
  header.write(octal(0, 8), 108);
  header.write(octal(0, 8), 116);
  header.write(octal(size, 12), 124);
  header.write(octal(1_700_000_000, 12), 136);
  header.write(' '.repeat(8), 148);
  header.write(type, 156);
  header.write(link, 157, 100);
  header.write('ustar\0' + '00', 257);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(octal(sum, 7) + ' ', 148);
  return header;
}

const pad = (length: number): Buffer => Buffer.alloc((512 - (length % 512)) % 512);

/** ustar; a name over 100 bytes gets a pax header (`path=`) as GNU tar and bsdtar write it. */
export function makeTar(entries: TarInput[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const data = bytes(entry.data);
    if (Buffer.byteLength(entry.name) > 100) {
      const record = (body: string): string => {
        let length = body.length + 3;
        while (`${length} ${body}\n`.length !== length) length = `${length} ${body}\n`.length;
        return `${length} ${body}\n`;
      };
      const pax = Buffer.from(record(`path=${entry.name}`));
      parts.push(tarHeader('PaxHeader/x', pax.length, 'x'), pax, pad(pax.length));
    }
    parts.push(tarHeader(entry.name.slice(0, 100), data.length, entry.type ?? '0', entry.link), data, pad(data.length));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

function blockHeader(last: boolean, type: 0 | 1, size: number): Buffer {
  const value = (last ? 1 : 0) | (type << 1) | (size << 3);
  return Buffer.from([value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff]);
}

/** A zstd frame of one raw (stored) block: what zstd writes for data it cannot compress. */
export function zstdRaw(data: Uint8Array | string): Buffer {
  const body = bytes(data);
  // no content size, window of 128 KiB (exponent 7)
  return Buffer.concat([Buffer.from([...ZSTD_MAGIC, 0x00, 7 << 3]), blockHeader(true, 0, body.length), body]);
}

/** A zstd frame of `blocks` RLE blocks of 128 KiB of one byte each: 4 bytes in, 128 KiB out, per block. */
export function zstdBomb(blocks: number): Buffer {
  const parts = [Buffer.from([...ZSTD_MAGIC, 0x00, 7 << 3])];
  for (let i = 0; i < blocks; i += 1) parts.push(blockHeader(i === blocks - 1, 1, 128 << 10), Buffer.from([0x41]));
  return Buffer.concat(parts);
}

/** `bzip2 -9` of `AWS_ACCESS_KEY_ID=${AWS_KEY}\n`. */
export const BZIP2_APP_ENV = Buffer.from('QlpoOTFBWSZTWa3sRPcAAAROAAAQGII+r3zwoAAimpmpgaGowyFAAAGTI9qdqLO8TKzy8pcJKEP0PL8yTnBQUFQ6LuSKcKEhW9iJ7g==', 'base64');
/** `xz` and `bzip2` of a ustar archive holding etc/app.env with that line. */
export const XZ_TAR_APP_ENV = Buffer.from(
  '/Td6WFoAAATm1rRGAgAhARYAAAB0L+Wj4Cf/AJldADKdCIYULhIqjnJkwxNPYoLerxLaGMovWDcQfJ7CDk5+eHkHzFW5A9cACwI8u2Odf08eMuEFw8BVFRZxraKy5pP4K4DoNBf1bambDHtUYCL3GVyB7neiz6U1bLkhOSyeVp5l9sNRkyXZ8nsrbgCREFn1aNSes0p7biZh3SvhoDLtB0TsOj9rVNuFMoyLu81kgC9v/AT271zkAAAAAADrW/YAfcLGiQABtQGAUAAAIOfXNbHEZ/sCAAAAAARZWg==',
  'base64',
);
export const BZIP2_TAR_APP_ENV = Buffer.from(
  'QlpoOTFBWSZTWbTH9uYAAI7/kMoQAEBAAf+CPq9+8OoB3wAEAAAYIAB0GimU/VMgDQHqAZNGJ7SgNqDKQAmCGIaZDJkwmDQjQauLfiCAywACQ+tAgJZ5oYIBCCJFCnKFcmJABVpOZYjDRj1SMPmwVIHG5uxkp0cl403dqKWzyZ+pzQO/WrrG2TK9+tFSpIGkFEI/Hj8H/RbbG8Iy3RykRAfxdyRThQkLTH9uYA==',
  'base64',
);
export const APP_ENV = `AWS_ACCESS_KEY_ID=${AWS_KEY}\n`;
