// Decides what happens to one blob's bytes: opened as an archive, skipped as binary, or scanned by the rules.
import type { ArchiveLimits } from '../archive/archive-limits.js';
import { sniffArchive, type ArchiveFormat } from '../archive/sniff-archive.js';
import { detectBlob, type RawMatch } from '../detect/detect-blob.js';
import { utf16Order } from '../detect/utf16-text.js';
import type { BlobRead } from '../git/history-source.js';
import type { CompiledRules } from '../rules/compile-rules.js';
import type { BlobOutcome, EntrySkip } from './worker-protocol.js';

/** Git's own heuristic: a NUL byte near the start means binary. */
const BINARY_PROBE = 8000;

/** UTF-16 text is full of NULs but is text: detectBlob scans it decoded. */
export function isBinary(data: Uint8Array): boolean {
  return data.subarray(0, BINARY_PROBE).includes(0) && utf16Order(data) === null;
}

/** Each file inside is scanned as a blob at its inner path; binary ones are passed over silently (a jar's classes). */
async function inspectArchive(rules: CompiledRules, data: Uint8Array, format: ArchiveFormat, path: string | undefined, limits: ArchiveLimits): Promise<BlobOutcome> {
  const matches: RawMatch[] = [];
  const skipped: EntrySkip[] = [];
  let files = 0;
  // the readers (and their decompressors) load with the first archive met
  const { expandArchive } = await import('../archive/expand-archive.js');
  await expandArchive(data, format, path ?? '', limits, {
    file(entry, bytes) {
      files += 1;
      if (isBinary(bytes)) return;
      for (const match of detectBlob(rules, bytes, undefined, entry[entry.length - 1])) matches.push({ ...match, entry });
    },
    skip(entry, reason, detail) {
      skipped.push({ entry, reason, ...detail });
    },
  });
  const whole = skipped.length === 1 && files === 0 && skipped[0].entry.length === 0 ? skipped[0] : null;
  if (whole && whole.reason !== 'too-large') return { kind: whole.reason, size: data.byteLength, error: whole.error };
  return { kind: 'scanned', size: data.byteLength, matches, ...(skipped.length > 0 ? { skipped } : {}) };
}

/** `path`: where the blob was first seen, for rules tied to file names; path allowlists stay the caller's. */
export function inspectBlob(rules: CompiledRules, read: BlobRead, path?: string): BlobOutcome {
  if (read.kind !== 'data') return read;
  if (isBinary(read.data)) return { kind: 'binary', size: read.data.byteLength };
  return { kind: 'scanned', size: read.data.byteLength, matches: detectBlob(rules, read.data, undefined, path) };
}

/**
 * inspectBlob, with archives recognised by their first bytes before the binary test (they are binary) and opened
 * within `archives`; `path` also names a compressed file's content.
 */
export async function inspectBlobOrArchive(rules: CompiledRules, read: BlobRead, path?: string, archives?: ArchiveLimits): Promise<BlobOutcome> {
  const format = archives && read.kind === 'data' ? sniffArchive(read.data) : null;
  if (format && read.kind === 'data') return inspectArchive(rules, read.data, format, path, archives!);
  return inspectBlob(rules, read, path);
}
