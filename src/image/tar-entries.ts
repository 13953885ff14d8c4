// Walks the entries of a tar (ustar, GNU long names, PAX path and size) over any cursor: a stream or a file read in place.
import { LeaksweepError } from '../errors.js';

const BLOCK = 512;

/** Where the bytes come from: a stream (ByteReader) or a file read at offsets (FileCursor). */
export interface TarCursor {
  /** bytes consumed so far */
  readonly position: number;
  /** exactly `length` bytes, or fewer at the end */
  read(length: number): Promise<Buffer>;
  /** returns how many bytes there were to skip */
  skip(length: number): Promise<number>;
}

export type TarEntryType = 'file' | 'hardlink' | 'symlink' | 'directory' | 'other';

export interface TarEntry {
  /** as written in the archive, without a leading `./` or `/` */
  path: string;
  type: TarEntryType;
  size: number;
  /** where the entry's bytes start in the archive */
  offset: number;
  linkTarget?: string;
}

const TYPES: Record<string, TarEntryType> = { '0': 'file', '\0': 'file', '7': 'file', '1': 'hardlink', '2': 'symlink', '5': 'directory' };

function text(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
}

/** Octal, or base-256 (first byte 0x80) for sizes over 8 GB. */
function number(block: Buffer, start: number, length: number): number {
  if (block[start] & 0x80) {
    let value = block[start] & 0x7f;
    for (let i = start + 1; i < start + length; i += 1) value = value * 256 + block[i];
    return value;
  }
  const digits = text(block, start, length).trim();
  return digits === '' ? 0 : parseInt(digits, 8);
}

function checksumOk(block: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i += 1) sum += i >= 148 && i < 156 ? 0x20 : block[i];
  return sum === number(block, 148, 8);
}

/** PAX records: "<length> <key>=<value>\n". */
function paxRecords(body: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < body.length) {
    const space = body.indexOf(0x20, at);
    const length = parseInt(body.subarray(at, space).toString('ascii'), 10);
    if (space === -1 || !(length > 0)) break;
    const record = body.subarray(space + 1, at + length - 1).toString('utf8');
    const equals = record.indexOf('=');
    if (equals > 0) records.set(record.slice(0, equals), record.slice(equals + 1));
    at += length;
  }
  return records;
}

function clean(path: string): string {
  return path.replace(/^(\.\/|\/)+/, '');
}

const padding = (size: number): number => (BLOCK - (size % BLOCK)) % BLOCK;

/** Long names and PAX headers stay small; a bigger one is not a tar leaksweep should trust. */
const MAX_META = 1 << 20;

/**
 * Yields each entry once its headers are read; the caller may read its bytes from the cursor before asking for
 * the next one, and whatever it leaves unread is skipped. Throws IMAGE_INVALID on a header that is not tar.
 */
export async function* tarEntries(cursor: TarCursor): AsyncGenerator<TarEntry> {
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax = new Map<string, string>();
  for (;;) {
    const at = cursor.position;
    const block = await cursor.read(BLOCK);
    if (block.length === 0) return;
    if (block.length < BLOCK) throw new LeaksweepError('IMAGE_INVALID', `tar truncated at byte ${at}`);
    if (block.every((byte) => byte === 0)) return;
    if (!checksumOk(block)) throw new LeaksweepError('IMAGE_INVALID', `not a tar archive (bad header checksum at byte ${at})`);
    const flag = String.fromCharCode(block[156]);
    const size = number(block, 124, 12);
    if ('xgLK'.includes(flag)) {
      if (size > MAX_META) throw new LeaksweepError('IMAGE_INVALID', `tar header of ${size} bytes at byte ${at}`);
      const body = await cursor.read(size);
      await cursor.skip(padding(size));
      if (flag === 'x') pax = paxRecords(body);
      else if (flag === 'L') longName = text(body, 0, body.length);
      else if (flag === 'K') longLink = text(body, 0, body.length);
      continue;
    }
    const prefix = block.subarray(257, 262).toString('ascii') === 'ustar' ? text(block, 345, 155) : '';
    const name = pax.get('path') ?? longName ?? (prefix ? `${prefix}/${text(block, 0, 100)}` : text(block, 0, 100));
    const entrySize = pax.has('size') ? Number(pax.get('size')) : size;
    const linkTarget = pax.get('linkpath') ?? longLink ?? text(block, 157, 100);
    const type = TYPES[flag] ?? 'other';
    const offset = cursor.position;
    [longName, longLink, pax] = [undefined, undefined, new Map()];
    yield { path: clean(name), type, size: entrySize, offset, ...(type === 'hardlink' || type === 'symlink' ? { linkTarget } : {}) };
    const rest = offset + entrySize + padding(entrySize) - cursor.position;
    if (rest > 0 && (await cursor.skip(rest)) < rest) {
      // the last entry may lack its padding; missing data is a truncated tar
      if (cursor.position < offset + entrySize) throw new LeaksweepError('IMAGE_INVALID', `tar truncated in ${clean(name)}`);
      return;
    }
  }
}
