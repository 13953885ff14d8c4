// Matches an earlier scan of the same blob found, read back at their recorded places instead of matched again.
import type { RawMatch } from './detect-blob.js';
import { utf16Text } from './utf16-text.js';

/** Where a match lies, without its secret: what an incremental state may keep. */
export type MatchSpan = Omit<RawMatch, 'secret' | 'encoding'>;

/**
 * Spans of matches whose secret is the bytes they cover; undefined when one was decoded (base64, hex) or lies in a
 * file inside an archive (its offsets are in the expanded file): those are found again.
 */
export function spansOf(matches: RawMatch[]): MatchSpan[] | undefined {
  if (matches.some((match) => match.encoding || match.entry)) return undefined;
  return matches.map(({ ruleId, offset, length, line, column, signals }) => ({ ruleId, offset, length, line, column, ...(signals ? { signals } : {}) }));
}

/** A blob's id names its bytes: the same spans over the same bytes give what detectBlob gave, in the text it scanned. */
export function matchesAt(bytes: Uint8Array, spans: MatchSpan[]): RawMatch[] {
  const data = utf16Text(bytes) ?? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return spans.map((span) => ({ ...span, secret: data.toString('utf8', span.offset, span.offset + span.length) }));
}
