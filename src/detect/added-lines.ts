// Which lines of a new file version a change adds: lines not present (as often) in the old version.
import { utf16Text } from './utf16-text.js';

/** Lines as detectBlob numbers them: UTF-16 decoded first. */
function lines(data: Uint8Array): string[] {
  return (utf16Text(data) ?? Buffer.from(data.buffer, data.byteOffset, data.byteLength)).toString('latin1').split('\n');
}

/**
 * 1-based numbers of new lines without an identical line left in the old version. A moved line is
 * not "added": its secret was already there, and has the same identity wherever it sits.
 */
export function addedLines(previous: Uint8Array, current: Uint8Array): Set<number> {
  const remaining = new Map<string, number>();
  for (const line of lines(previous)) remaining.set(line, (remaining.get(line) ?? 0) + 1);
  const added = new Set<number>();
  lines(current).forEach((line, index) => {
    const count = remaining.get(line) ?? 0;
    if (count > 0) remaining.set(line, count - 1);
    else added.add(index + 1);
  });
  return added;
}
