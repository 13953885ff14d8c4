// The files of an image on disk, by name: an OCI layout or `docker save` output, as a directory or as a tar read in place.
import { createReadStream, statSync } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { posix, join } from 'node:path';
import { LeaksweepError, errorMessage } from '../errors.js';
import { FileCursor } from './file-cursor.js';
import { tarEntries, type TarEntry } from './tar-entries.js';

export interface ImageStore {
  /** the path given, for messages */
  readonly label: string;
  has(name: string): boolean;
  /** a small file (index, manifest, config) parsed as JSON */
  readJson(name: string): Promise<unknown>;
  /** a file's bytes as they come: layers are never held whole */
  stream(name: string): AsyncIterable<Buffer>;
}

/** Manifests and configs are small; a bigger one is not read into memory. */
const MAX_JSON = 64 << 20;
const CHUNK = 256 << 10;

const invalid = (message: string) => new LeaksweepError('IMAGE_INVALID', message);

/** Names come from the image's own JSON: none may leave the image. */
function safeName(name: string): string | null {
  const normal = posix.normalize(name.replace(/^\.\//, ''));
  return normal.startsWith('/') || normal === '..' || normal.startsWith('../') ? null : normal;
}

function parseJson(label: string, name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalid(`${label}: ${name} is not JSON`);
  }
}

class DirectoryStore implements ImageStore {
  constructor(readonly label: string) {}

  private file(name: string): string | null {
    const safe = safeName(name);
    const file = safe === null ? null : join(this.label, safe);
    return file && statSync(file, { throwIfNoEntry: false })?.isFile() ? file : null;
  }

  has(name: string): boolean {
    return this.file(name) !== null;
  }

  async readJson(name: string): Promise<unknown> {
    const file = this.file(name);
    if (!file) throw invalid(`${this.label}: ${name} is missing`);
    if ((await stat(file)).size > MAX_JSON) throw invalid(`${this.label}: ${name} is too large for a manifest or config`);
    return parseJson(this.label, name, await readFile(file, 'utf8'));
  }

  stream(name: string): AsyncIterable<Buffer> {
    const file = this.file(name);
    if (!file) throw invalid(`${this.label}: ${name} is missing`);
    return createReadStream(file, { highWaterMark: CHUNK });
  }
}

/** A tar's regular files by name, with where their bytes are; symlinks (docker save links shared layers) resolved. */
class TarStore implements ImageStore {
  constructor(readonly label: string, private readonly files: Map<string, TarEntry>, private readonly links: Map<string, string>) {}

  private entry(name: string): TarEntry | undefined {
    let safe = safeName(name);
    for (let hops = 0; safe !== null && hops < 8; hops += 1) {
      const file = this.files.get(safe);
      if (file) return file;
      const target = this.links.get(safe);
      if (target === undefined) return undefined;
      safe = safeName(target.startsWith('/') ? target : posix.join(posix.dirname(safe), target));
    }
    return undefined;
  }

  has(name: string): boolean {
    return this.entry(name) !== undefined;
  }

  async readJson(name: string): Promise<unknown> {
    const entry = this.entry(name);
    if (!entry) throw invalid(`${this.label}: ${name} is missing`);
    if (entry.size > MAX_JSON) throw invalid(`${this.label}: ${name} is too large for a manifest or config`);
    const chunks: Buffer[] = [];
    for await (const chunk of this.stream(name)) chunks.push(chunk);
    return parseJson(this.label, name, Buffer.concat(chunks).toString('utf8'));
  }

  stream(name: string): AsyncIterable<Buffer> {
    const entry = this.entry(name);
    if (!entry) throw invalid(`${this.label}: ${name} is missing`);
    if (entry.size === 0) return (async function* () {})();
    return createReadStream(this.label, { start: entry.offset, end: entry.offset + entry.size - 1, highWaterMark: CHUNK });
  }
}

const GZIP = Buffer.from([0x1f, 0x8b]);

async function indexTar(path: string, size: number): Promise<TarStore> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    await handle.read(head, 0, 2, 0);
    if (head.equals(GZIP)) throw invalid(`${path}: a gzip-compressed tarball: decompress it first (gunzip), leaksweep reads an image tar in place`);
    const files = new Map<string, TarEntry>();
    const links = new Map<string, string>();
    for await (const entry of tarEntries(new FileCursor(handle, size))) {
      if (entry.type === 'file') files.set(entry.path, entry);
      else if ((entry.type === 'symlink' || entry.type === 'hardlink') && entry.linkTarget) {
        // a hard link's target is named from the archive root, a symlink's from its own directory
        links.set(entry.path, entry.type === 'hardlink' ? `/${entry.linkTarget}` : entry.linkTarget);
      }
    }
    return new TarStore(path, files, links);
  } catch (error) {
    if (error instanceof LeaksweepError && !error.message.startsWith(path)) throw invalid(`${path}: ${error.message}`);
    throw error;
  } finally {
    await handle.close();
  }
}

/** Opens a directory or a tar file; anything else is IMAGE_INVALID (or USAGE when the path does not exist). */
export async function openImageStore(path: string): Promise<ImageStore> {
  const stats = await stat(path).catch((error: unknown) => {
    throw new LeaksweepError('USAGE', `${path}: cannot read (${errorMessage(error)})`);
  });
  if (stats.isDirectory()) return new DirectoryStore(path);
  if (!stats.isFile()) throw invalid(`${path}: not a file or directory`);
  return indexTar(path, stats.size);
}
