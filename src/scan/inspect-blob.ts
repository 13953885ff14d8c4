// Decides what happens to one blob's bytes: skipped as binary or scanned by the rules.
import { detectBlob } from '../detect/detect-blob.js';
import { utf16Order } from '../detect/utf16-text.js';
import type { BlobRead } from '../git/history-source.js';
import type { CompiledRules } from '../rules/compile-rules.js';
import type { BlobOutcome } from './worker-protocol.js';

/** Git's own heuristic: a NUL byte near the start means binary. */
const BINARY_PROBE = 8000;

/** UTF-16 text is full of NULs but is text: detectBlob scans it decoded. */
export function isBinary(data: Uint8Array): boolean {
  return data.subarray(0, BINARY_PROBE).includes(0) && utf16Order(data) === null;
}

/** `path`: where the blob was first seen, for rules tied to file names; path allowlists stay the caller's. */
export function inspectBlob(rules: CompiledRules, read: BlobRead, path?: string): BlobOutcome {
  if (read.kind !== 'data') return read;
  if (isBinary(read.data)) return { kind: 'binary', size: read.data.byteLength };
  return { kind: 'scanned', size: read.data.byteLength, matches: detectBlob(rules, read.data, undefined, path) };
}
