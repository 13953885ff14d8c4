// Reads tar entries (ustar, GNU long names, pax paths) from a stream: each body is read only if the caller asks for it.
import { ArchiveCorruptError } from './archive-limits.js';
import { ByteStream } from './byte-stream.js';

export interface TarEntry {
  /** as written in the archive (pax or GNU long name when there is one) */
  name: string;
  kind: 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';
  size: number;
  linkName: string;
  /** The body, or null (and skipped) when it is larger than `max`. Only before the next entry is asked for. */
  body(max: number): Promise<Uint8Array | null>;
}

const BLOCK = 512;

function field(header: Uint8Array, start: number, length: number): string {
  const bytes = header.subarray(start, start + length);
  const end = bytes.indexOf(0);
  return Buffer.from(bytes.buffer, bytes.byteOffset, end === -1 ? length : end).toString('utf8');
}

/** Octal, or base-256 (high bit set) for sizes of 8 GiB and more. */
function numeric(header: Uint8Array, start: number, length: number): number {
  if (header[start] & 0x80) {
    let value = header[start] & 0x7f;
    for (let i = start + 1; i < start + length; i += 1) value = value * 256 + header[i];
    return value;
  }
  const text = field(header, start, length).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new ArchiveCorruptError(`tar: bad number "${text.slice(0, 20)}" in a header`);
  return parseInt(text, 8);
}

function checksumOk(header: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i += 1) sum += i >= 148 && i < 156 ? 0x20 : header[i];
  return sum === numeric(header, 148, 8);
}

/** pax records: "LEN key=value\n" */
function paxRecords(body: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  for (const line of text.split('\n')) {
    const match = /^\d+ ([^=]+)=(.*)$/s.exec(line);
    if (match) records.set(match[1], match[2]);
  }
  return records;
}

const KINDS: Record<string, TarEntry['kind']> = { '0': 'file', '\0': 'file', '7': 'file', '1': 'hardlink', '2': 'symlink', '5': 'directory' };
/** Metadata for the entry after it: never listed themselves; bounded, since their bodies are held in memory. */
const MAX_META = 1 << 20;

export async function* tarEntries(source: AsyncIterable<Uint8Array>): AsyncGenerator<TarEntry> {
  const stream = new ByteStream(source);
  let longName: string | null = null;
  let longLink: string | null = null;
  let pax = new Map<string, string>();
  try {
    for (;;) {
      const header = await stream.read(BLOCK);
      if (header.length === 0 || header.every((byte) => byte === 0)) return;
      if (header.length < BLOCK) throw new ArchiveCorruptError('tar: truncated header');
      if (!checksumOk(header)) throw new ArchiveCorruptError(`tar: header checksum mismatch at byte ${stream.position - BLOCK}`);
      const type = String.fromCharCode(header[156]);
      const size = pax.has('size') ? Number(pax.get('size')) : numeric(header, 124, 12);
      const padded = Math.ceil(size / BLOCK) * BLOCK;
      if (type === 'L' || type === 'K' || type === 'x' || type === 'g') {
        if (size > MAX_META) throw new ArchiveCorruptError(`tar: ${size}-byte metadata header`);
        const body = await stream.read(size);
        await stream.skip(padded - size);
        if (type === 'L') longName = field(body, 0, body.length);
        else if (type === 'K') longLink = field(body, 0, body.length);
        else if (type === 'x') pax = paxRecords(body);
        continue;
      }
      const prefix = header[257 + 5] === 0 ? field(header, 345, 155) : '';
      const plain = field(header, 0, 100);
      const name = pax.get('path') ?? longName ?? (prefix ? `${prefix}/${plain}` : plain);
      const linkName = pax.get('linkpath') ?? longLink ?? field(header, 157, 100);
      [longName, longLink, pax] = [null, null, new Map()];
      let consumed = 0;
      const entry: TarEntry = {
        name,
        kind: KINDS[type] ?? 'other',
        size,
        linkName,
        body: async (max) => {
          if (consumed > 0 || size > max) return null;
          consumed = size;
          const data = await stream.read(size);
          if (data.length < size) throw new ArchiveCorruptError(`tar: ${name}: truncated`);
          return data;
        },
      };
      yield entry;
      // missing padding after the last body is tolerated; a missing body is not
      const skipped = await stream.skip(padded - consumed);
      if (skipped < size - consumed) throw new ArchiveCorruptError(`tar: ${name}: truncated`);
    }
  } finally {
    await stream.close();
  }
}
