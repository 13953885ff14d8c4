// Decoding of encoded secrets: base64 (standard or URL-safe) and hex, accepted only when the result is readable text.

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const HEX = /^(?:[0-9a-fA-F]{2})+$/;

/** Printable UTF-8 (tabs and line breaks allowed): anything else was not encoded text. */
export function isReadableText(bytes: Buffer): boolean {
  const text = bytes.toString('utf8');
  if (text.length === 0 || text.includes('\uFFFD')) return false;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return false;
    if (code === 0x7f) return false;
  }
  return true;
}

export function decodeBase64Text(encoded: string): string | null {
  const trimmed = encoded.trim();
  if (!BASE64.test(trimmed) || trimmed.length % 4 === 1) return null;
  const bytes = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return isReadableText(bytes) ? bytes.toString('utf8') : null;
}

export function decodeHexText(encoded: string): string | null {
  if (!HEX.test(encoded)) return null;
  const bytes = Buffer.from(encoded, 'hex');
  return isReadableText(bytes) ? bytes.toString('utf8') : null;
}
