// Published token checksums: CRC-32 against its standard check value, and GitHub/npm's base62 tail.
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base62, checksumValid, crc32 } from '../../src/detect/checksum.js';
import { loadAllRuleSpecs, DEFAULT_PATTERNS_DIR } from '../../src/rules/load-rules.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const randomPart = () => Array.from({ length: 30 }, () => ALPHABET[randomInt(62)]).join('');
const issued = (prefix: string, random = randomPart()) => `${prefix}${random}${base62(crc32(random), 6)}`;

describe('crc32', () => {
  it('gives the standard check value and that of the empty string', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('')).toBe(0);
    expect(crc32('The quick brown fox jumps over the lazy dog')).toBe(0x414fa339);
  });
});

describe('base62', () => {
  it('pads to the width with the zero digit and uses 0-9, A-Z, a-z', () => {
    expect(base62(0, 6)).toBe('000000');
    expect(base62(61, 6)).toBe('00000z');
    expect(base62(62, 3)).toBe('010');
    expect(base62(0xffffffff, 6)).toBe('4gfFC3');
  });
});

describe('crc32-base62-tail', () => {
  it('accepts a token whose tail is the CRC-32 of its random part, for each prefix', () => {
    for (const prefix of ['ghp_', 'gho_', 'ghu_', 'ghs_', 'npm_']) expect(checksumValid('crc32-base62-tail', issued(prefix))).toBe(true);
  });

  it('rejects the same token with one character changed, and shape-valid filler', () => {
    const token = issued('ghp_');
    const i = 4 + randomInt(30);
    const changed = token.slice(0, i) + (token[i] === 'a' ? 'b' : 'a') + token.slice(i + 1);
    expect(checksumValid('crc32-base62-tail', changed)).toBe(false);
    expect(checksumValid('crc32-base62-tail', 'ghp_5MfAlrOG2wQRnGDDHg1hVHakOlLJCUtPSQVK')).toBe(false);
    expect(checksumValid('crc32-base62-tail', 'npm_')).toBe(false);
  });

  it('holds for every example of the rules that declare it (base62 tail)', () => {
    const specs = loadAllRuleSpecs(DEFAULT_PATTERNS_DIR).filter((spec) => spec.checksum === 'crc32-base62-tail');
    expect(specs.map((spec) => spec.id).sort()).toEqual(['github.app-token', 'github.oauth-token', 'github.personal-access-token', 'netbird.personal-access-token', 'npm.access-token']);
    for (const spec of specs) for (const example of spec.examples) expect(checksumValid('crc32-base62-tail', example.secret!), `${spec.id} ${example.secret}`).toBe(true);
  });
});

describe('crc32-hex-tail', () => {
  const hex = (value: number, littleEndian: boolean) => {
    const bytes = Buffer.alloc(4);
    if (littleEndian) bytes.writeUInt32LE(value);
    else bytes.writeUInt32BE(value);
    return bytes.toString('hex');
  };
  const glsa = (random = Array.from({ length: 32 }, () => ALPHABET[randomInt(62)]).join('')) => `glsa_${random}`;

  it('accepts a Grafana token whose tail is the CRC-32 of what precedes it, in either byte order', () => {
    const head = glsa();
    expect(checksumValid('crc32-hex-tail', `${head}_${hex(crc32(head), true)}`)).toBe(true);
    expect(checksumValid('crc32-hex-tail', `${head}_${hex(crc32(head), false)}`)).toBe(true);
    expect(checksumValid('crc32-hex-tail', `${head}_${hex(crc32(head.slice(5)), true)}`)).toBe(true);
  });

  it('rejects a changed character, a made-up tail and a missing one', () => {
    const head = glsa();
    const tail = hex(crc32(head), true);
    expect(checksumValid('crc32-hex-tail', `${head.slice(0, -1)}${head.endsWith('a') ? 'b' : 'a'}_${tail}`)).toBe(false);
    expect(checksumValid('crc32-hex-tail', `${head}_00000000`)).toBe(tail === '00000000');
    expect(checksumValid('crc32-hex-tail', head)).toBe(false);
  });

  it('holds for every example of the rules that declare it', () => {
    const specs = loadAllRuleSpecs(DEFAULT_PATTERNS_DIR).filter((spec) => spec.checksum === 'crc32-hex-tail');
    expect(specs.map((spec) => spec.id)).toEqual(['grafana.service-account-token']);
    for (const spec of specs) for (const example of spec.examples) expect(checksumValid('crc32-hex-tail', example.secret!), `${spec.id} ${example.secret}`).toBe(true);
  });
});
