// Checksums that token formats publish: a shape-valid value that fails one was never issued (a fake, or a typo).
import type { ChecksumKind } from '../rules/rule-spec.js';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, zlib's) of the UTF-8 bytes of `text`. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, 'utf8')) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const DIGITS_UPPER_LOWER = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DIGITS_LOWER_UPPER = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** `value` in base 62 over `alphabet`, left-padded with the zero digit to `width`. */
export function base62(value: number, width: number, alphabet = DIGITS_UPPER_LOWER): string {
  let out = '';
  for (let v = value; v > 0; v = Math.floor(v / 62)) out = alphabet[v % 62] + out;
  return out.padStart(width, alphabet[0]);
}

/**
 * GitHub's tokens (ghp_, gho_, ghu_, ghs_), npm's (npm_) and NetBird's (nbp_): prefix, random base62 characters, then the CRC-32
 * of the random part in 6 base62 digits. The published description does not fix the digit order, so both common
 * orders are accepted: a random fake still passes with a chance of 2 in 62^6.
 */
function crc32Base62Tail(secret: string): boolean {
  const underscore = secret.indexOf('_');
  const body = secret.slice(underscore + 1);
  if (body.length <= 6) return false;
  const random = body.slice(0, -6);
  const tail = body.slice(-6);
  const crc = crc32(random);
  return tail === base62(crc, 6, DIGITS_UPPER_LOWER) || tail === base62(crc, 6, DIGITS_LOWER_UPPER);
}

/** `value` as the hex of its 4 bytes, little- or big-endian. */
function crc32Hex(value: number, littleEndian: boolean): string {
  const bytes = Buffer.alloc(4);
  if (littleEndian) bytes.writeUInt32LE(value);
  else bytes.writeUInt32BE(value);
  return bytes.toString('hex');
}

/**
 * Grafana's service account tokens (glsa_): `glsa_<32 random>_<8 hex>`, the hex being the CRC-32 of what comes before
 * the last underscore. Byte order and whether the prefix is included are accepted both ways (4 in 2^32 for a fake).
 */
function crc32HexTail(secret: string): boolean {
  const cut = secret.lastIndexOf('_');
  if (cut < 0 || secret.length - cut - 1 !== 8) return false;
  const tail = secret.slice(cut + 1);
  const head = secret.slice(0, cut);
  const random = head.slice(head.indexOf('_') + 1);
  return [crc32(head), crc32(random)].some((crc) => tail === crc32Hex(crc, true) || tail === crc32Hex(crc, false));
}

const CHECKS: Record<ChecksumKind, (secret: string) => boolean> = {
  'crc32-base62-tail': crc32Base62Tail,
  'crc32-hex-tail': crc32HexTail,
};

/** True when `secret` carries a valid checksum of the kind its rule names. */
export function checksumValid(kind: ChecksumKind, secret: string): boolean {
  return CHECKS[kind](secret);
}
