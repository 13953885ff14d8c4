// Fuzz: the default rule pack on generated blobs never throws, reports positions inside the blob and secrets found there, is deterministic, and finds a planted key.
import { join } from 'node:path';
import fc from 'fast-check';
import RE2 from 're2';
import { describe, expect, it } from 'vitest';
import { resolveRules } from '../../src/config/user-config.js';
import { decodeBase64Text, decodeHexText } from '../../src/detect/decode.js';
import { detectBlob, type RawMatch } from '../../src/detect/detect-blob.js';
import { shannonEntropy } from '../../src/detect/entropy.js';
import { isPlaceholder } from '../../src/detect/placeholder.js';
import { utf16Text } from '../../src/detect/utf16-text.js';
import { compileRules, type CompiledRules } from '../../src/rules/compile-rules.js';
import { DEFAULT_PATTERNS_DIR, loadPatternFile } from '../../src/rules/load-rules.js';
import { inspectBlob } from '../../src/scan/inspect-blob.js';

// The real pack with its global allowlist, as a scan gets it; with and without --decode.
const specs = resolveRules(null);
const rules = compileRules(specs);
const decoding = compileRules(specs, { decodeSegments: true });
const NUMRUNS = 400;

const awsRule = loadPatternFile(join(DEFAULT_PATTERNS_DIR, 'aws.yaml')).find((spec) => spec.id === 'aws.access-key-id')!;
const AWS_KEY = awsRule.examples[0].secret!;
/** Every positive example in the pack: text that reaches deep into each rule's matching. */
const EXAMPLES = specs.flatMap((spec) => spec.examples.map((example) => example.text));

const b64 = (text: string) => Buffer.from(text).toString('base64');
const KEYWORDS = [
  'password=', 'password: "', 'passwd = \'', 'api_key = ', 'token: ', 'secret', 'aws_secret_access_key = ', 'AKIA', 'ASIA', 'ghp_', 'github_pat_',
  'xoxb-', 'sk_live_', 'pa\u017F\u017Fword=', 'api_\u212Aey=', 'Authorization: Bearer ', 'https://user:', '@db.example.com', '-----BEGIN RSA PRIVATE KEY-----\n', '-----END RSA PRIVATE KEY-----',
  '-----BEGIN OPENSSH PRIVATE KEY-----\n', 'kind: Secret\ndata:\n  password: ', '"auth":"', '.dockerconfigjson', ' # leaksweep:allow', '// leaksweep:allow-next-line\n',
];
/** Bytes that are not UTF-8, or are easy to mishandle: lone continuation, truncated sequences, surrogates, overlong NUL, BOMs. */
const ODD_BYTES = [[0xff], [0x80], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc0, 0x80], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0x00], [0x0d, 0x0a], [0x0d]];

const alnum = (chars: string, length: number) => fc.string({ unit: fc.constantFrom(...chars), minLength: length, maxLength: length });
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const token = fc.oneof(
  alnum('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16).map((rest) => `AKIA${rest}`),
  alnum(ALNUM, 36).map((rest) => `ghp_${rest}`),
  alnum(`${ALNUM}+/`, 40),
  fc.uint8Array({ minLength: 16, maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('base64')),
  fc.uint8Array({ minLength: 16, maxLength: 40 }).map((bytes) => Buffer.from(bytes).toString('hex')),
);
/** Secrets hidden in base64 or hex runs, for the decoding paths. */
const encoded = fc.tuple(fc.constantFrom(...KEYWORDS), token, fc.boolean()).map(([keyword, value, hex]) => (hex ? Buffer.from(`${keyword}${value}`).toString('hex') : b64(`${keyword}${value}`)));

const fragment: fc.Arbitrary<Buffer> = fc.oneof(
  fc.string({ maxLength: 40 }).map((text) => Buffer.from(text)),
  fc.string({ unit: 'grapheme', maxLength: 20 }).map((text) => Buffer.from(text)),
  fc.constantFrom(...KEYWORDS).map((text) => Buffer.from(text)),
  token.map((text) => Buffer.from(text)),
  { arbitrary: encoded.map((text) => Buffer.from(text)), weight: 2 },
  { arbitrary: fc.constantFrom(...EXAMPLES).map((text) => Buffer.from(text)), weight: 3 },
  fc.constantFrom(...ODD_BYTES).map((bytes) => Buffer.from(bytes)),
  fc.constantFrom('\n', '\r\n', ' ', '=', '"', ':').map((text) => Buffer.from(text)),
  fc.string({ maxLength: 20 }).map((text) => Buffer.from(`\uFEFF${text}`, 'utf16le')),
  fc.tuple(fc.constantFrom('x', 'A', '=', ' ', 'password=', 'AKIA'), fc.integer({ min: 100, max: 5000 })).map(([text, times]) => Buffer.from(text.repeat(times))),
  fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes)),
);
/** Text only (no stray bytes): what a UTF-16 file can hold. */
const text = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.constantFrom(...KEYWORDS),
      token,
      encoded,
      { arbitrary: fc.constantFrom(...EXAMPLES), weight: 3 },
      fc.constantFrom('\n', '\r\n', ' ', '=', '"', ':'),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));
const utf16 = (value: string, order: 'le' | 'be', bom: boolean): Buffer => {
  const little = Buffer.from(`${bom ? '\uFEFF' : ''}${value}`, 'utf16le');
  return order === 'le' ? little : little.swap16();
};

const blob = fc.oneof(
  { arbitrary: fc.tuple(text, fc.constantFrom<'le' | 'be'>('le', 'be'), fc.boolean()).map(([value, order, bom]) => utf16(value, order, bom)), weight: 1 },
  { arbitrary: fc.array(fragment, { maxLength: 12 }).map((parts) => Buffer.concat(parts)), weight: 4 },
  { arbitrary: fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)), weight: 1 },
);

const BASE64_RUN = /[A-Za-z0-9+/_-]{4,}={0,2}/g;
const HEX_RUN = /(?:[0-9a-fA-F]{2}){4,}/g;

/** The text an encoded span decodes to, and what runs inside that decode to, a few levels down. */
function decodings(encodedText: string, depth = 3): string[] {
  const texts = [decodeBase64Text(encodedText), decodeHexText(encodedText)].filter((text): text is string => text !== null);
  if (depth <= 1) return texts;
  return texts.flatMap((text) => [text, ...[...text.matchAll(BASE64_RUN), ...text.matchAll(HEX_RUN)].flatMap((run) => decodings(run[0], depth - 1))]);
}

const LINE_READ_CAP = 4096;

/** The line holding `offset`, and the one before it (empty on the first line). */
function linesAround(data: Buffer, offset: number): [line: string, previous: string] {
  const start = offset === 0 ? 0 : data.lastIndexOf(0x0a, offset - 1) + 1;
  const end = data.indexOf(0x0a, offset);
  const previousStart = start < 2 ? 0 : data.lastIndexOf(0x0a, start - 2) + 1;
  return [data.subarray(start, end === -1 ? data.length : end).toString('utf8'), start === 0 ? '' : data.subarray(previousStart, start - 1).toString('utf8')];
}

/**
 * Where each match says it is holds: in bounds, the right line, the secret at its offset (or inside what its span
 * decodes to); and what the rule or an inline comment allows, or a provider rule already reported, is not there.
 */
function checkMatches(compiled: CompiledRules, blob: Buffer, matches: RawMatch[]): void {
  // positions of a UTF-16 blob are in the UTF-8 text it decodes to
  const data = utf16Text(blob) ?? blob;
  let lastOffset = 0;
  for (const match of matches) {
    expect(match.offset).toBeGreaterThanOrEqual(lastOffset);
    lastOffset = match.offset;
    expect(match.length).toBeGreaterThan(0);
    expect(match.offset + match.length).toBeLessThanOrEqual(data.length);
    expect(match.secret.length).toBeGreaterThan(0);
    const lineStart = match.offset === 0 ? 0 : data.lastIndexOf(0x0a, match.offset - 1) + 1;
    expect(match.line).toBe(data.subarray(0, match.offset).filter((byte) => byte === 0x0a).length + 1);
    expect(match.column).toBeGreaterThanOrEqual(1);
    expect(match.column).toBeLessThanOrEqual(match.offset - lineStart + 1);
    const span = data.subarray(match.offset, match.offset + match.length);
    if (match.encoding === undefined) {
      expect(span.toString('utf8')).toBe(match.secret);
    } else {
      // the span is the encoded text; the secret is in what it decodes to
      expect(span.toString('latin1')).toMatch(match.encoding === 'hex' ? /^[0-9a-fA-F]+$/ : /^\s*[A-Za-z0-9+/_-]+={0,2}\s*$/);
      expect(decodings(span.toString('latin1')).some((text) => text.includes(match.secret))).toBe(true);
    }
    const rule = compiled.byId.get(match.ruleId)!;
    const lower = match.secret.toLowerCase();
    expect(rule.stopwords.filter((word) => lower.includes(word))).toEqual([]);
    // each allowlist pattern alone, not the rule's combined allowlist regex: the check stays independent of it
    expect((rule.spec.allow?.regexes ?? []).filter((pattern) => new RE2(pattern).test(match.secret))).toEqual([]);
    expect(isPlaceholder(match.secret)).toBe(false);
    if (rule.spec.entropy !== undefined) expect(shannonEntropy(match.secret)).toBeGreaterThanOrEqual(rule.spec.entropy);
    const [line, previous] = linesAround(data, match.offset);
    // comments are only looked for this close to a match
    if (line.length < LINE_READ_CAP / 4 && previous.length < LINE_READ_CAP / 4) {
      expect(line).not.toMatch(/leaksweep:allow(?!-next-line)/);
      expect(previous).not.toContain('leaksweep:allow-next-line');
    }
    if (match.ruleId.startsWith('generic.')) {
      const overlapping = matches.filter((other) => !other.ruleId.startsWith('generic.') && other.offset < match.offset + match.length && match.offset < other.offset + other.length);
      expect(overlapping).toEqual([]);
    }
  }
}

describe('detectBlob fuzz', () => {
  it('finds the planted key of the unfuzzed case (the generators start from a true positive)', () => {
    expect(detectBlob(rules, Buffer.from(`id = ${AWS_KEY}\n`)).map((match) => [match.ruleId, match.secret])).toEqual([['aws.access-key-id', AWS_KEY]]);
  });

  it('never throws, and every match lies where it says, with and without segment decoding', () => {
    fc.assert(
      fc.property(blob, fc.boolean(), (data, decode) => {
        const matches = detectBlob(decode ? decoding : rules, data);
        checkMatches(decode ? decoding : rules, data, matches);
      }),
      { numRuns: NUMRUNS },
    );
  });

  it('scans a blob as inspectBlob does, and the same way every time, whatever was scanned in between', () => {
    fc.assert(
      fc.property(blob, blob, (data, other) => {
        const first = inspectBlob(rules, { kind: 'data', data });
        // only a NUL near the start makes a blob binary (UTF-16 text has them and is still scanned)
        if (first.kind === 'binary') expect(data.subarray(0, 8000).includes(0)).toBe(true);
        else expect(first).toEqual({ kind: 'scanned', size: data.length, matches: detectBlob(rules, data) });
        detectBlob(decoding, other);
        expect(inspectBlob(rules, { kind: 'data', data })).toEqual(first);
        expect(detectBlob(decoding, data)).toEqual(detectBlob(decoding, data));
      }),
      { numRuns: NUMRUNS },
    );
  });

  it('finds in UTF-16 text with a BOM what it finds in the same text as UTF-8', () => {
    // text with control characters may be taken for binary; the rest must read the same either way
    const readable = text.filter((value) => !/[\u0000-\u0008\u000b\u000e-\u001f\u007f\ud800-\udfff\ufffe\uffff]/.test(value));
    fc.assert(
      fc.property(readable, fc.constantFrom<'le' | 'be'>('le', 'be'), (value, order) => {
        expect(detectBlob(rules, utf16(value, order, true))).toEqual(detectBlob(rules, Buffer.from(value)));
      }),
      { numRuns: NUMRUNS },
    );
  });

  it('always finds a real-format AWS key planted in random text, at the right line and column', () => {
    const noise = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 }), fc.array(fc.constantFrom('a', ' ', '\n', '\r\n', '=', 'key', '"'), { maxLength: 100 }).map((parts) => parts.join('')));
    const separator = fc.constantFrom(' ', '\n', '\r\n', '\t', '"', "'", '=', ':', ',', '(', ')', '<', '>');
    fc.assert(
      fc.property(noise, separator, separator, noise, (before, open, close, after) => {
        const head = `${before}${open}`;
        const data = Buffer.from(`${head}${AWS_KEY}${close}${after}`);
        const lineText = head.slice(head.lastIndexOf('\n') + 1);
        const expected = { ruleId: 'aws.access-key-id', secret: AWS_KEY, offset: Buffer.byteLength(head), line: head.split('\n').length, column: [...lineText].length + 1 };
        expect(detectBlob(rules, data)).toContainEqual(expect.objectContaining(expected));
      }),
      { numRuns: NUMRUNS },
    );
  });
});
