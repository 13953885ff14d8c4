// Decompresses gzip, bzip2, xz and zstd as a stream of chunks, stopped as soon as it passes its cap (ratio or budget).
import { createGunzip } from 'node:zlib';
import { ArchiveCorruptError, type ExpansionBudget } from './archive-limits.js';
import type { ArchiveFormat } from './sniff-archive.js';

export type CompressedFormat = Exclude<ArchiveFormat, 'zip' | 'tar'>;

const INPUT_CHUNK = 16 << 10;

/** Thrown by a decoder whose output passed its cap between two yields (one bzip2 block or zstd push can be large). */
class OverCap extends Error {}
const OUTPUT_CHUNK = 64 << 10;

async function* gunzip(data: Uint8Array, _cap: number): AsyncGenerator<Uint8Array> {
  const stream = createGunzip();
  stream.end(data);
  yield* stream as AsyncIterable<Uint8Array>;
}

/** seek-bzip decodes one block per call: its loop, with output gathered per block so memory stays at a block. */
async function* bunzip2(data: Uint8Array, cap: number): AsyncGenerator<Uint8Array> {
  const { default: Bunzip } = await import('seek-bzip');
  const input = {
    pos: 0,
    readByte: () => (input.pos < data.length ? data[input.pos++] : -1),
    read(buffer: Uint8Array, offset: number, length: number): number {
      const count = Math.min(length, data.length - input.pos);
      if (count <= 0) return -1;
      buffer.set(data.subarray(input.pos, input.pos + count), offset);
      input.pos += count;
      return count;
    },
    seek: (pos: number) => void (input.pos = pos),
    eof: () => input.pos >= data.length,
  };
  const done: Uint8Array[] = [];
  let chunk = new Uint8Array(OUTPUT_CHUNK);
  let used = 0;
  let total = 0;
  const output = {
    writeByte(byte: number): void {
      if (++total > cap) throw new OverCap();
      chunk[used++] = byte;
      if (used === OUTPUT_CHUNK) {
        done.push(chunk);
        chunk = new Uint8Array(OUTPUT_CHUNK);
        used = 0;
      }
    },
  };
  const bz = new Bunzip(input, output);
  while (!input.eof()) {
    if (bz._init_block()) bz._read_bunzip();
    else {
      const expected = bz.reader.read(32) >>> 0;
      if (expected !== bz.streamCRC) throw new ArchiveCorruptError('bzip2: bad stream CRC');
      // concatenated streams (pbzip2) follow one another
      if (input.eof()) break;
      bz._start_bunzip(input, output);
    }
    yield* done.splice(0);
  }
  if (used > 0) yield chunk.subarray(0, used);
}

async function* unzstd(data: Uint8Array, cap: number): AsyncGenerator<Uint8Array> {
  const { Decompress } = await import('fzstd');
  const out: Uint8Array[] = [];
  let total = 0;
  const stream = new Decompress((part) => {
    total += part.length;
    if (total > cap) throw new OverCap();
    out.push(part);
  });
  for (let at = 0; at < data.length; at += INPUT_CHUNK) {
    stream.push(data.subarray(at, at + INPUT_CHUNK), at + INPUT_CHUNK >= data.length);
    yield* out.splice(0);
  }
}

async function* unxz(data: Uint8Array, _cap: number): AsyncGenerator<Uint8Array> {
  // a webpack UMD bundle: Node sees only its module.exports, as the default export
  const { XzReadableStream } = ((await import('xz-decompress')) as unknown as { default: typeof import('xz-decompress') }).default;
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(data);
      controller.close();
    },
  });
  const reader = new XzReadableStream(source).getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

const DECODERS: Record<CompressedFormat, (data: Uint8Array, cap: number) => AsyncGenerator<Uint8Array>> = { gzip: gunzip, bzip2: bunzip2, xz: unxz, zstd: unzstd };

/** The decompressed bytes in chunks; every byte is drawn from the budget, and the stream stops at its cap. */
export async function* decompressStream(format: CompressedFormat, data: Uint8Array, budget: ExpansionBudget): AsyncGenerator<Uint8Array> {
  const cap = budget.outputCap(data.length);
  let produced = 0;
  const decoder = DECODERS[format](data, cap);
  try {
    for (;;) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await decoder.next();
      } catch (error) {
        if (error instanceof OverCap) throw budget.overCap(data.length);
        if (error instanceof ArchiveCorruptError) throw error;
        throw new ArchiveCorruptError(`${format}: ${oneLine(error)}`);
      }
      if (next.done) return;
      produced += next.value.length;
      if (produced > cap) throw budget.overCap(data.length);
      budget.addBytes(next.value.length);
      yield next.value;
    }
  } finally {
    await decoder.return(undefined).catch(() => undefined);
  }
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] || 'cannot be decompressed';
}

