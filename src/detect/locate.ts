// Turns byte offsets into 1-based line and column (column in characters), in one pass over offsets sorted ascending.

const NEWLINE = 0x0a;

function isContinuationByte(byte: number): boolean {
  return (byte & 0xc0) === 0x80;
}

export function locate(data: Buffer, sorted: { offset: number; line: number; column: number }[]): void {
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (const item of sorted) {
    for (let next = data.indexOf(NEWLINE, scanned); next !== -1 && next < item.offset; next = data.indexOf(NEWLINE, next + 1)) {
      line += 1;
      lineStart = next + 1;
    }
    scanned = Math.max(scanned, lineStart);
    let column = 1;
    for (let i = lineStart; i < item.offset; i += 1) if (!isContinuationByte(data[i])) column += 1;
    item.line = line;
    item.column = column;
  }
}
