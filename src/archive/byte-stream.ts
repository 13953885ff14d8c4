// Reads exact byte counts from a stream of chunks, holding no more than what the caller asked for.

export class ByteStream {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private chunk: Uint8Array = new Uint8Array(0);
  private done = false;
  /** bytes handed out or skipped so far */
  position = 0;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  private async fill(): Promise<boolean> {
    while (this.chunk.length === 0 && !this.done) {
      const next = await this.iterator.next();
      if (next.done) this.done = true;
      else this.chunk = next.value;
    }
    return this.chunk.length > 0;
  }

  /** Exactly `count` bytes, or fewer at the end of the stream. */
  async read(count: number): Promise<Uint8Array> {
    if (this.chunk.length >= count) return this.take(count);
    const out = new Uint8Array(count);
    let filled = 0;
    while (filled < count && (await this.fill())) {
      const part = this.take(Math.min(count - filled, this.chunk.length));
      out.set(part, filled);
      filled += part.length;
    }
    return filled === count ? out : out.subarray(0, filled);
  }

  /** Skips `count` bytes without keeping them; returns how many there were. */
  async skip(count: number): Promise<number> {
    let skipped = 0;
    while (skipped < count && (await this.fill())) skipped += this.take(Math.min(count - skipped, this.chunk.length)).length;
    return skipped;
  }

  /** `head` (bytes read before) and then what is left, as chunks. */
  async *rest(head: Uint8Array): AsyncGenerator<Uint8Array> {
    if (head.length > 0) yield head;
    while (await this.fill()) yield this.take(this.chunk.length);
  }

  /** `head` and everything left in one buffer, or null (and the source stopped) past `max` bytes. */
  async readAll(max: number, head: Uint8Array = new Uint8Array(0)): Promise<Uint8Array | null> {
    const parts: Uint8Array[] = [head];
    let total = head.length;
    while (total <= max && (await this.fill())) {
      const part = this.take(this.chunk.length);
      parts.push(part);
      total += part.length;
    }
    if (total > max) return null;
    return parts.length === 1 ? head : Buffer.concat(parts);
  }

  /** Stops the source (a decompressor) early. */
  async close(): Promise<void> {
    if (!this.done) await this.iterator.return?.();
    this.done = true;
  }

  private take(count: number): Uint8Array {
    const part = this.chunk.subarray(0, count);
    this.chunk = this.chunk.subarray(count);
    this.position += count;
    return part;
  }
}
