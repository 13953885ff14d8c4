// A tar cursor over a file on disk: headers are read in place and entry bytes skipped by seeking, so indexing a
// multi-GB image tarball reads only its headers.
import type { FileHandle } from 'node:fs/promises';
import type { TarCursor } from './tar-entries.js';

export class FileCursor implements TarCursor {
  position = 0;

  constructor(
    private readonly handle: FileHandle,
    private readonly size: number,
  ) {}

  async read(length: number): Promise<Buffer> {
    const buffer = Buffer.alloc(Math.max(0, Math.min(length, this.size - this.position)));
    const { bytesRead } = await this.handle.read(buffer, 0, buffer.length, this.position);
    this.position += bytesRead;
    return buffer.subarray(0, bytesRead);
  }

  async skip(length: number): Promise<number> {
    const skipped = Math.max(0, Math.min(length, this.size - this.position));
    this.position += skipped;
    return skipped;
  }
}
