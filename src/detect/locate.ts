// Turns byte offsets into 1-based line and column (column in characters), in one pass over offsets sorted ascending.

const NEWLINE = 0x0a;

function isContinuationByte(byte: number): boolean {
  return (byte & 0xc0) === 0x80;
}

/**
 * Linear in the blob whatever the number of matches: each newline is searched for once, and on one long line
 * (minified code) the column is counted on from the previous match.
 */
export function locate(data: Buffer, sorted: { offset: number; line: number; column: number }[]): void {
  let line = 1;
  let lineStart = 0;
  let nextNewline = data.indexOf(NEWLINE);
  // the column reached at `countedTo`, on the current line
  let countedTo = 0;
  let column = 1;
  for (const item of sorted) {
    while (nextNewline !== -1 && nextNewline < item.offset) {
      line += 1;
      lineStart = nextNewline + 1;
      nextNewline = data.indexOf(NEWLINE, lineStart);
    }
    if (countedTo < lineStart || countedTo > item.offset) {
      countedTo = lineStart;
      column = 1;
    }
    for (; countedTo < item.offset; countedTo += 1) if (!isContinuationByte(data[countedTo])) column += 1;
    item.line = line;
    item.column = column;
  }
}
