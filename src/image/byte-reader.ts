// Pulls exact byte counts out of a stream of chunks, holding no more than the chunk it is in.
export class ByteReader {
  private chunk: Buffer = Buffer.alloc(0);
  private offset = 0;
  private readonly source: AsyncIterator<Buffer | Uint8Array>;
  /** bytes consumed so far: where the next read starts in the stream */
  position = 0;

  constructor(source: AsyncIterable<Buffer | Uint8Array>) {
    this.source = source[Symbol.asyncIterator]();
  }

  /** False at the end of the stream. */
  private async fill(): Promise<boolean> {
    while (this.offset >= this.chunk.length) {
      const next = await this.source.next();
      if (next.done) return false;
      this.chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
      this.offset = 0;
    }
    return true;
  }

  /** Exactly `length` bytes, or fewer if the stream ends first. */
  async read(length: number): Promise<Buffer> {
    // never from the shared pool: the bytes may be transferred to a worker, which takes the whole ArrayBuffer
    const out = Buffer.allocUnsafeSlow(length);
    let filled = 0;
    for await (const piece of this.pieces(length)) {
      piece.copy(out, filled);
      filled += piece.length;
    }
    return filled === length ? out : out.subarray(0, filled);
  }

  /** `length` bytes as they come, without gathering them; the caller must take them all before reading on. */
  async *pieces(length: number): AsyncGenerator<Buffer> {
    let left = length;
    while (left > 0 && (await this.fill())) {
      const take = Math.min(left, this.chunk.length - this.offset);
      const piece = this.chunk.subarray(this.offset, this.offset + take);
      this.offset += take;
      this.position += take;
      left -= take;
      yield piece;
    }
  }

  /** Skips `length` bytes; returns how many there were. */
  async skip(length: number): Promise<number> {
    let skipped = 0;
    for await (const piece of this.pieces(length)) skipped += piece.length;
    return skipped;
  }

  /** Ends the source early (closes the file or the decompressor behind it). */
  async close(): Promise<void> {
    await this.source.return?.();
  }
}
