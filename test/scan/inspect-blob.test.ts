// What happens to a blob's bytes: UTF-16 text is decoded and scanned, real binaries are still skipped.
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { addedLines } from '../../src/detect/added-lines.js';
import { compileRules } from '../../src/rules/compile-rules.js';
import { inspectBlob, isBinary } from '../../src/scan/inspect-blob.js';
import { AWS_KEY, TEST_RULES } from '../helpers/test-rules.js';

const rules = compileRules(TEST_RULES);
/** A PowerShell script with a non-ASCII line and a character outside the BMP before the secret: columns count characters. */
const SCRIPT = `# Einstellungen für den Dienst\r\n$region = "eu-central-1"\r\n  $k = "😀" + "${AWS_KEY}"\r\n`;
const SECRET_LINE = 3;
const SECRET_COLUMN = [...'  $k = "😀" + "'].length + 1;

const BOM_LE = Buffer.from([0xff, 0xfe]);
const BOM_BE = Buffer.from([0xfe, 0xff]);
const utf16le = (text: string): Buffer => Buffer.from(text, 'utf16le');
const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();

function inspect(data: Uint8Array) {
  return inspectBlob(rules, { kind: 'data', data });
}

describe('inspectBlob', () => {
  it.each([
    ['UTF-16LE with a BOM', Buffer.concat([BOM_LE, utf16le(SCRIPT)])],
    ['UTF-16BE with a BOM', Buffer.concat([BOM_BE, utf16be(SCRIPT)])],
    ['UTF-16LE without a BOM', utf16le(SCRIPT)],
    ['UTF-16BE without a BOM', utf16be(SCRIPT)],
  ])('scans %s as its decoded text, with line and column in that text', (_name, data) => {
    const outcome = inspect(data);
    expect(outcome).toMatchObject({ kind: 'scanned', size: data.length });
    expect(outcome.kind === 'scanned' && outcome.matches.map(({ secret, line, column }) => ({ secret, line, column }))).toEqual([
      { secret: AWS_KEY, line: SECRET_LINE, column: SECRET_COLUMN },
    ]);
  });

  it('finds the same secret at the same place as in the UTF-8 file', () => {
    const utf8 = inspect(Buffer.from(SCRIPT));
    const utf16 = inspect(Buffer.concat([BOM_LE, utf16le(SCRIPT)]));
    const where = (outcome: ReturnType<typeof inspect>) => (outcome.kind === 'scanned' ? outcome.matches.map(({ line, column }) => [line, column]) : null);
    expect(where(utf16)).toEqual(where(utf8));
  });

  it('decodes a UTF-16 file larger than the probe, and an odd trailing byte does no harm', () => {
    const long = `${'<entry name="filler" value="0123456789" />\n'.repeat(400)}<secret>${AWS_KEY}</secret>\n`;
    const outcome = inspect(Buffer.concat([BOM_LE, utf16le(long), Buffer.from([0x41])]));
    expect(outcome.kind === 'scanned' && outcome.matches.map((match) => match.line)).toEqual([401]);
  });

  it('still skips real binaries, even ones with the secret in them', () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d4948445200000010000000100806000000', 'hex'), randomBytes(2000), Buffer.from(AWS_KEY)]);
    const gzip = gzipSync(Buffer.from(`key=${AWS_KEY}\n`.repeat(50)));
    const random = Buffer.concat([randomBytes(3000), Buffer.alloc(4), Buffer.from(AWS_KEY)]);
    // 16-bit numbers look like UTF-16 by their NULs, but decode to control characters
    const shorts = Buffer.alloc(2000);
    for (let i = 0; i < shorts.length; i += 2) shorts[i] = i % 31;
    // UTF-32 has the NULs of UTF-16 and a BOM that starts like one
    const utf32 = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from([...`${AWS_KEY}\n`].flatMap((c) => [c.charCodeAt(0), 0, 0, 0]))]);
    for (const [name, data] of Object.entries({ png, gzip, random, shorts, utf32, zeros: Buffer.alloc(100) })) {
      expect(isBinary(data), name).toBe(true);
      expect(inspect(data), name).toEqual({ kind: 'binary', size: data.length });
    }
  });

  it('counts added lines of a UTF-16 file in its decoded text, as findings are numbered', () => {
    const before = Buffer.concat([BOM_LE, utf16le('a\r\nb\r\n')]);
    const after = Buffer.concat([BOM_LE, utf16le(`a\r\nnew ${AWS_KEY}\r\nb\r\n`)]);
    expect([...addedLines(before, after)]).toEqual([2]);
  });

  it('scans Latin-1 text as bytes: the secret is found, columns count one per byte', () => {
    const latin1 = Buffer.from(`caf\xe9=1\nr\xe9sum\xe9 = ${AWS_KEY}\n`, 'latin1');
    const outcome = inspect(latin1);
    expect(outcome.kind === 'scanned' && outcome.matches.map(({ secret, line, column }) => ({ secret, line, column }))).toEqual([
      { secret: AWS_KEY, line: 2, column: 10 },
    ]);
  });
});
