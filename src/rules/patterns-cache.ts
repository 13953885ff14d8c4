// The default pattern files parsed at build time: a document is used only while its file's size and mtime are unchanged.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const PATTERNS_CACHE_FILE = fileURLToPath(new URL('../patterns-cache.json', import.meta.url));

export interface CachedFile {
  size: number;
  mtimeMs: number;
  doc: unknown;
}

let cache: Record<string, CachedFile> | null | undefined;

function load(): Record<string, CachedFile> | null {
  try {
    return (JSON.parse(readFileSync(PATTERNS_CACHE_FILE, 'utf8')) as { files: Record<string, CachedFile> }).files;
  } catch {
    return null;
  }
}

/** The parsed document of `file`, or undefined when it is not cached or has changed since. */
export function cachedDocument(file: string): unknown {
  if (cache === undefined) cache = load();
  const entry = cache?.[file];
  if (!entry) return undefined;
  try {
    const stats = statSync(file);
    return stats.size === entry.size && stats.mtimeMs === entry.mtimeMs ? entry.doc : undefined;
  } catch {
    return undefined;
  }
}
