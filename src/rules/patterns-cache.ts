// The default pattern files parsed at build time: a document is used only while its file's bytes are unchanged.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PATTERNS_CACHE_FILE = fileURLToPath(new URL('../patterns-cache.json', import.meta.url));
const PATTERNS_DIR = fileURLToPath(new URL('../../patterns', import.meta.url));

export interface CachedFile {
  /** sha1 of the file's bytes */
  sha1: string;
  doc: unknown;
}

/** Cached documents by their path below the patterns directory, `/`-separated (`github.yaml`, `rulesets/default.yaml`). */
export type PatternsCache = Record<string, CachedFile>;

let cache: PatternsCache | null | undefined;

function load(): PatternsCache | null {
  try {
    return (JSON.parse(readFileSync(PATTERNS_CACHE_FILE, 'utf8')) as { files: PatternsCache }).files;
  } catch {
    return null;
  }
}

export function sha1(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/**
 * Keyed by the path below the patterns directory and checked by content, not by absolute path and mtime: an installed
 * package lives elsewhere than where it was built, and npm gives every file it unpacks the same fixed mtime.
 */
export function cacheKey(patternsDir: string, file: string): string | undefined {
  const below = relative(patternsDir, file);
  return below === '' || below.startsWith('..') ? undefined : below.split(sep).join('/');
}

/** The document `cached` holds for `file` under `patternsDir`, or undefined when it has none or the file changed since. */
export function cachedDocumentIn(cached: PatternsCache | null, patternsDir: string, file: string): unknown {
  const key = cacheKey(patternsDir, file);
  const entry = key === undefined ? undefined : cached?.[key];
  if (!entry) return undefined;
  try {
    return sha1(readFileSync(file)) === entry.sha1 ? entry.doc : undefined;
  } catch {
    return undefined;
  }
}

/** The parsed document of a default pattern file, or undefined when it is not cached or has changed since. */
export function cachedDocument(file: string): unknown {
  if (cache === undefined) cache = load();
  return cachedDocumentIn(cache, PATTERNS_DIR, file);
}
