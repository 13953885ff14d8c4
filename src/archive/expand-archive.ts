// Walks an archive and the archives inside it (to limits.maxDepth), handing each plain file's bytes to a visitor.
import { ArchiveCorruptError, ArchiveLimitError, ExpansionBudget, type ArchiveLimits } from './archive-limits.js';
import { ByteStream } from './byte-stream.js';
import { decompressStream, type CompressedFormat } from './decompress-stream.js';
import { entryName } from './entry-name.js';
import { sniffArchive, uncompressedName, type ArchiveFormat } from './sniff-archive.js';
import { tarEntries } from './tar-reader.js';
import { DEFLATED, STORED, readZipEntry, zipEntries } from './zip-reader.js';

export type ArchiveSkipReason = 'archive-limit' | 'archive-unreadable' | 'too-large';

/** `path`: entry names from the top-level archive down; [] is the archive itself. */
export interface ArchiveVisitor {
  file(path: string[], data: Uint8Array): void;
  skip(path: string[], reason: ArchiveSkipReason, detail: { size?: number; error: string }): void;
}

const TAR_PEEK = 512;

class Expansion {
  readonly budget: ExpansionBudget;

  constructor(
    readonly limits: ArchiveLimits,
    private readonly visitor: ArchiveVisitor,
  ) {
    this.budget = new ExpansionBudget(limits);
  }

  /** One archive level; what goes wrong inside it is listed at its path and the levels around it go on. */
  async level(data: Uint8Array, format: ArchiveFormat, path: string[], name: string, depth: number): Promise<void> {
    try {
      if (format === 'zip') await this.zip(data, path, depth);
      else if (format === 'tar') await this.tar(single(data), path, depth);
      else await this.compressed(format, data, path, name, depth);
    } catch (error) {
      if (error instanceof ArchiveLimitError) {
        if (!error.listed) this.visitor.skip(path, 'archive-limit', { size: data.length, error: error.message });
        error.listed = true;
        // the top-level budget is spent: no other level may read on
        if (error.exhausted) throw error;
        return;
      }
      const message = error instanceof ArchiveCorruptError ? error.message : `${format}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
      this.visitor.skip(path, 'archive-unreadable', { size: data.length, error: message });
    }
  }

  /** A plain file, or an archive opened one level deeper. */
  private async entry(path: string[], data: Uint8Array, depth: number): Promise<void> {
    const format = sniffArchive(data);
    if (!format) return this.visitor.file(path, data);
    if (depth >= this.limits.maxDepth) {
      this.visitor.skip(path, 'archive-limit', { size: data.length, error: `archive nested deeper than ${this.limits.maxDepth} levels: not opened` });
      return;
    }
    await this.level(data, format, path, path[path.length - 1] ?? '', depth + 1);
  }

  private async zip(data: Uint8Array, path: string[], depth: number): Promise<void> {
    const maxEntry = this.limits.maxEntrySize;
    for (const entry of zipEntries(data)) {
      this.budget.addEntry();
      if (entry.kind !== 'file') continue;
      const inner = [...path, entryName(entry.name)];
      const size = entry.size;
      if (entry.encrypted) this.visitor.skip(inner, 'archive-unreadable', { size, error: 'encrypted entry' });
      else if (entry.method !== STORED && entry.method !== DEFLATED) this.visitor.skip(inner, 'archive-unreadable', { size, error: `compression method ${entry.method} not supported` });
      else if (size > maxEntry) this.visitor.skip(inner, 'too-large', { size, error: `larger than ${maxEntry} bytes` });
      else {
        const ratioCap = this.budget.outputCap(entry.compressedSize);
        const bytes = readZipEntry(data, entry, Math.min(ratioCap, maxEntry));
        if (bytes === null) {
          // past the entry size though it declared less: a bomb that lies, not a large file
          const error = ratioCap > maxEntry ? new ArchiveLimitError(`declares ${size} bytes but expands past ${maxEntry}`, false) : this.budget.overCap(entry.compressedSize);
          if (error.exhausted) throw error;
          this.visitor.skip(inner, 'archive-limit', { size, error: error.message });
        } else {
          this.budget.addBytes(bytes.length);
          await this.entry(inner, bytes, depth);
        }
      }
    }
  }

  private async tar(source: AsyncIterable<Uint8Array>, path: string[], depth: number): Promise<void> {
    const maxEntry = this.limits.maxEntrySize;
    for await (const entry of tarEntries(source)) {
      this.budget.addEntry();
      // links are never followed: their targets may point anywhere
      if (entry.kind !== 'file') continue;
      const inner = [...path, entryName(entry.name)];
      const bytes = await entry.body(maxEntry);
      if (bytes === null) this.visitor.skip(inner, 'too-large', { size: entry.size, error: `larger than ${maxEntry} bytes` });
      else await this.entry(inner, bytes, depth);
    }
  }

  /** gzip, bzip2, xz, zstd: a tar inside is read as it streams; anything else is one file named after the archive. */
  private async compressed(format: CompressedFormat, data: Uint8Array, path: string[], name: string, depth: number): Promise<void> {
    const stream = new ByteStream(decompressStream(format, data, this.budget));
    try {
      const head = await stream.read(TAR_PEEK + 8);
      if (sniffArchive(head) === 'tar') return await this.tar(stream.rest(head), path, depth);
      const inner = [...path, uncompressedName(name) || 'data'];
      const maxEntry = this.limits.maxEntrySize;
      const body = await stream.readAll(maxEntry, head);
      if (body === null) this.visitor.skip(inner, 'too-large', { error: `expands past ${maxEntry} bytes` });
      // a compressed archive (.zip.gz) is the same level: its name already says so
      else {
        const innerFormat = sniffArchive(body);
        if (innerFormat === 'zip' || innerFormat === 'tar') await this.level(body, innerFormat, inner, inner[inner.length - 1], depth);
        else await this.entry(inner, body, depth);
      }
    } finally {
      await stream.close();
    }
  }
}

async function* single(data: Uint8Array): AsyncGenerator<Uint8Array> {
  yield data;
}

/**
 * Expands `data` (already recognised as `format`) to `limits`: files reach `visitor.file` with their inner path,
 * and what is not read (bombs, damage, depth, size) reaches `visitor.skip`. Nothing is written anywhere.
 * `name` is the archive's own file name: a compressed single file is named after it.
 */
export async function expandArchive(data: Uint8Array, format: ArchiveFormat, name: string, limits: ArchiveLimits, visitor: ArchiveVisitor): Promise<void> {
  const expansion = new Expansion(limits, visitor);
  try {
    await expansion.level(data, format, [], name, 1);
  } catch (error) {
    // listed where it happened
    if (!(error instanceof ArchiveLimitError)) throw error;
  }
}
