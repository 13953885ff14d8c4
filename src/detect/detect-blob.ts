// Finds rule matches in one blob: a keyword pass picks the rules and windows, then each rule's RE2 runs on its windows.
import type { CompiledRule, CompiledRules } from '../rules/compile-rules.js';
import type { KeywordIndex, KeywordInfo, KeywordTrie } from '../rules/keyword-index.js';
import { shannonEntropy } from './entropy.js';
import RE2 from 're2';
import { decodeBase64Text, decodeHexText } from './decode.js';
import { locate } from './locate.js';
import { isPlaceholder } from './placeholder.js';
import { withoutGenericOverlaps } from './generic-overlap.js';
import { utf16Text } from './utf16-text.js';
import { matchSignals, type MatchSignal } from './match-signals.js';

export interface RawMatch {
  ruleId: string;
  secret: string;
  /** byte offset of the secret in the blob (in its UTF-8 text when the blob is UTF-16, as line and column are) */
  offset: number;
  /** bytes the secret spans in the blob (its encoded form when it was decoded) */
  length: number;
  /** set when the secret was found encoded and is reported decoded */
  encoding?: 'base64' | 'hex';
  line: number;
  column: number;
  /** what the text around it says (a comment, a local host, a name rather than a value …); absent when nothing */
  signals?: MatchSignal[];
  /** found in a file inside an archive: that file's path, one name per archive level (offset, line and column are in it) */
  entry?: string[];
}

type Window = [start: number, end: number];

/** A window never widens past this many bytes to reach a line boundary (minified files have huge lines). */
const LINE_WIDEN_CAP = 512;
const NEWLINE = 0x0a;

function widenToLines(data: Buffer, start: number, end: number): Window {
  const backFrom = Math.max(0, start - LINE_WIDEN_CAP);
  const back = data.subarray(backFrom, start).lastIndexOf(NEWLINE);
  const lineStart = back === -1 ? backFrom : backFrom + back + 1;
  const forward = data.subarray(end, Math.min(data.length, end + LINE_WIDEN_CAP)).indexOf(NEWLINE);
  const lineEnd = forward === -1 ? Math.min(data.length, end + LINE_WIDEN_CAP) : end + forward;
  return [lineStart, lineEnd];
}

const ASCII_A = 0x61;
const ASCII_Z = 0x7a;

function lowerByte(byte: number): number {
  const lower = byte | 0x20;
  return lower >= ASCII_A && lower <= ASCII_Z ? lower : byte;
}

/**
 * The keyword a hit ending at `end` matched: the longest one ending there that starts where the
 * search did or later (leftmost-first, longest listed first; a longer one reaching back before the
 * search start is not what matched). Read back from the end through the reversed-keyword trie.
 */
function keywordEndingAt(endings: KeywordTrie, data: Buffer, end: number, searchStart: number): KeywordInfo | undefined {
  let node = endings;
  let found: KeywordInfo | undefined;
  for (let i = end - 1; i >= searchStart; i -= 1) {
    const next = node.before.get(lowerByte(data[i]!));
    if (!next) break;
    node = next;
    if (node.keyword) found = node.keyword;
  }
  return found;
}

/**
 * Keyword hits → per-rule merged windows. `test` on a global regex only moves lastIndex (no match
 * objects), which is several times cheaper per hit than `exec`; the keyword is identified from the end.
 */
function windowsByRule(rules: CompiledRules, index: KeywordIndex, data: Buffer, windows = new Map<number, Window[]>()): Map<number, Window[]> {
  const keywordRegex = index.regex;
  if (!keywordRegex) return windows;
  let searchStart = 0;
  keywordRegex.lastIndex = 0;
  let endings: KeywordTrie | undefined;
  while (keywordRegex.test(data)) {
    const hitEnd = keywordRegex.lastIndex;
    const info = keywordEndingAt((endings ??= index.endings), data, hitEnd, searchStart);
    // Only a case-folding outside ASCII (e.g. the Kelvin sign for k) lands here: move on one byte.
    if (!info) {
      searchStart = hitEnd;
      continue;
    }
    const hitStart = hitEnd - info.bytes.length;
    for (const ruleIndex of info.rules) {
      const rule = rules.rules[ruleIndex];
      const start = Math.max(0, hitStart - rule.before);
      const end = Math.min(data.length, hitEnd + rule.after);
      const list = windows.get(ruleIndex);
      const last = list?.[list.length - 1];
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else if (list) list.push([start, end]);
      else windows.set(ruleIndex, [[start, end]]);
    }
    // always forward: a search that restarted where it was would never end
    searchStart = Math.max(hitStart + info.restart, searchStart + 1);
    keywordRegex.lastIndex = searchStart;
  }
  return windows;
}

/** Path allowlists are separate: one blob can appear at several paths, so history scans apply them per appearance. */
export function isPathAllowed(rule: CompiledRule, path: string): boolean {
  return rule.allowPaths.some((re) => re.test(path));
}

/** A rule tied to file names (`files`) runs only on such a file; `path` undefined means the file is unnamed. */
export function appliesToPath(rule: CompiledRule, path: string | undefined): boolean {
  const files = rule.files;
  return files === null || (path !== undefined && files.some((re) => re.test(path)));
}

function allowed(rule: CompiledRule, secret: string, path: string | undefined): boolean {
  if (rule.spec.entropy !== undefined && shannonEntropy(secret) < rule.spec.entropy) return true;
  if (path !== undefined && isPathAllowed(rule, path)) return true;
  if (rule.allowSecret?.test(secret)) return true;
  const lower = secret.toLowerCase();
  if (rule.stopwords.some((word) => lower.includes(word))) return true;
  return isPlaceholder(secret);
}

type Found = Omit<RawMatch, 'line' | 'column'>;

/** A rule with `decode` reports the decoded text, or the part of it `decodedRegex` captures; null when it does not decode. */
function decodedSecret(rule: CompiledRule, encoded: string): string | null {
  const decoded = decodeBase64Text(encoded);
  if (decoded === null || !rule.decodedRegex) return decoded;
  const match = rule.decodedRegex.exec(decoded);
  return match?.[1] ? match[1] : null;
}

/** The secret spans of one regex match: its secret group, or each item `itemRegex` finds inside it. */
function secretSpans(rule: CompiledRule, group: Buffer, groupStart: number): [bytes: Buffer, start: number][] {
  if (!rule.itemRegex) return [[group, groupStart]];
  const spans: [Buffer, number][] = [];
  const items = rule.itemRegex;
  items.lastIndex = 0;
  for (let item = items.exec(group); item; item = items.exec(group)) {
    const value = (item as unknown as (Buffer | undefined)[])[1];
    const at = item.indices?.[1];
    if (item.indices?.[0] && item.indices[0][0] === item.indices[0][1]) items.lastIndex += 1;
    if (value && at && value.length > 0) spans.push([value, groupStart + at[0]]);
  }
  return spans;
}

function matchWindow(rule: CompiledRule, data: Buffer, window: Window, path: string | undefined, out: Map<string, Found>): void {
  const [start, end] = widenToLines(data, window[0], window[1]);
  const slice = data.subarray(start, end);
  const regex = rule.regex;
  regex.lastIndex = 0;
  for (let match = regex.exec(slice); match; match = regex.exec(slice)) {
    const groups = match as unknown as (Buffer | undefined)[];
    const group = groups[rule.spec.secretGroup];
    const span = match.indices?.[rule.spec.secretGroup];
    if (match.indices?.[0] && match.indices[0][0] === match.indices[0][1]) regex.lastIndex += 1;
    if (!group || !span || group.length === 0) continue;
    for (const [bytes, at] of secretSpans(rule, group, start + span[0])) {
      const raw = bytes.toString('utf8');
      const secret = rule.spec.decode ? decodedSecret(rule, raw) : raw;
      if (secret === null || allowed(rule, secret, path)) continue;
      out.set(`${at}\0${secret}`, { ruleId: rule.spec.id, secret, offset: at, length: bytes.length, ...(rule.spec.decode ? { encoding: rule.spec.decode } : {}) });
    }
  }
}

/** Decoded secrets are scanned again (a registry password inside a base64 docker config inside a Kubernetes Secret). */
const DECODE_DEPTH = 2;

function rescanDecoded(rules: CompiledRules, found: RawMatch[], path: string | undefined, depth: number, seenAt: string | undefined): RawMatch[] {
  if (depth >= DECODE_DEPTH) return [];
  return found
    .filter((match) => match.encoding)
    .flatMap((match) =>
      scan(rules, Buffer.from(match.secret), path, depth + 1, seenAt).map((inner) => ({ ...inner, offset: match.offset, length: match.length, encoding: match.encoding })),
    );
}

const ALLOW_HERE = /leaksweep:allow(?!-next-line)/;
const ALLOW_NEXT = 'leaksweep:allow-next-line';

/** Lines are read at most this far around a match: enough for any comment, bounded on minified files. */
const LINE_READ_CAP = 4096;

function lineAround(data: Buffer, offset: number): [start: number, end: number] {
  const from = Math.max(0, offset - LINE_READ_CAP);
  const back = data.subarray(from, offset).lastIndexOf(NEWLINE);
  const start = back === -1 ? from : from + back + 1;
  const forward = data.subarray(offset, Math.min(data.length, offset + LINE_READ_CAP)).indexOf(NEWLINE);
  return [start, forward === -1 ? Math.min(data.length, offset + LINE_READ_CAP) : offset + forward];
}

/** `leaksweep:allow` on the line, `leaksweep:allow-next-line` on the line before, or a rule's line allowlist. */
function lineAllows(data: Buffer, offset: number, rule: CompiledRule): boolean {
  const [start, end] = lineAround(data, offset);
  const line = data.subarray(start, end);
  if (line.includes('leaksweep:allow') && ALLOW_HERE.test(line.toString('utf8'))) return true;
  if (start > 0) {
    const [previousStart] = lineAround(data, start - 1);
    if (data.subarray(previousStart, start - 1).includes(ALLOW_NEXT)) return true;
  }
  return rule.allowLines.length > 0 && rule.allowLines.some((re) => re.test(line));
}

/** Whether a whole-file rule reads files at `path`: asked once per path (metadata texts share a handful of paths). */
const wholeFileReaders = new WeakMap<CompiledRules, Map<string, boolean>>();
function readWhole(rules: CompiledRules, path: string): boolean {
  let known = wholeFileReaders.get(rules);
  if (!known) wholeFileReaders.set(rules, (known = new Map()));
  let answer = known.get(path);
  if (answer === undefined) known.set(path, (answer = rules.wholeFileRules.some((index) => appliesToPath(rules.rules[index], path))));
  return answer;
}

/**
 * False when no rule can match `data` seen at `seenAt`: none of the keywords occurs and no whole-file rule reads that path.
 * A cheap pass on the caller's thread, so short texts with nothing to find (most commit messages) never reach a worker.
 */
export function mayMatch(rules: CompiledRules, data: Buffer, seenAt: string): boolean {
  if (rules.decodeSegments || readWhole(rules, seenAt)) return true;
  const hits = (regex: RE2 | null | undefined) => {
    if (!regex) return false;
    regex.lastIndex = 0;
    return regex.test(data);
  };
  if (hits(rules.keywords.regex)) return true;
  return rules.scopedKeywords !== null && rules.scopedFiles?.test(seenAt) === true && hits(rules.scopedKeywords.regex);
}

/**
 * Without a path, path allowlists are left to the caller. `seenAt` names the file for rules tied to file names when
 * allowlists are the caller's (a history blob, scanned once for all the paths it appears at, is scanned as its first).
 * UTF-16 is scanned as the UTF-8 it decodes to.
 */
export function detectBlob(rules: CompiledRules, bytes: Uint8Array, path?: string, seenAt: string | undefined = path): RawMatch[] {
  const data = utf16Text(bytes) ?? (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const found = scan(rules, data, path, 0, seenAt);
  found.sort((a, b) => a.offset - b.offset || a.ruleId.localeCompare(b.ruleId) || a.secret.localeCompare(b.secret));
  locate(data, found);
  const kept = found.filter((match) => !lineAllows(data, match.offset, rules.byId.get(match.ruleId)!));
  for (const match of kept) {
    // only a keyword rule's confidence is lowered by the text; a format rule's depends on its file alone
    if (rules.byId.get(match.ruleId)!.spec.confidence !== 'medium') continue;
    const signals = matchSignals(data, match.offset, match.length, match.secret);
    if (signals.length > 0) match.signals = signals;
  }
  return kept;
}

function scan(rules: CompiledRules, data: Buffer, path: string | undefined, depth: number, seenAt: string | undefined): RawMatch[] {
  const matches: RawMatch[] = [];
  const windows = windowsByRule(rules, rules.keywords, data);
  // rules tied to file names: their keywords are searched only in a file one of them reads
  const scoped = rules.scopedKeywords;
  if (scoped && seenAt !== undefined && rules.scopedFiles?.test(seenAt)) windowsByRule(rules, scoped, data, windows);
  for (const index of rules.wholeFileRules) if (data.length > 0) windows.set(index, [[0, data.length]]);
  for (const [index, ruleWindows] of windows) {
    const rule = rules.rules[index];
    if (!appliesToPath(rule, seenAt)) continue;
    const found = new Map<string, Found>();
    for (const window of ruleWindows) matchWindow(rule, data, window, path, found);
    for (const match of found.values()) matches.push({ ...match, line: 0, column: 0 });
  }
  const segments = rules.decodeSegments && depth < DECODE_DEPTH ? decodedSegments(rules, data, path, depth, seenAt) : [];
  return withoutGenericOverlaps([...matches, ...rescanDecoded(rules, matches, path, depth, seenAt), ...segments]);
}

const BASE64_RUN = new RE2('[A-Za-z0-9+/_-]{24,}={0,2}', 'g');
const HEX_RUN = new RE2('(?:[0-9a-fA-F]{2}){16,}', 'g');
/** Base64 of ASCII text starts each 4-character group with A–Z or a–f (the top bit of its byte is 0): a cheap first test. */
function looksLikeBase64Text(run: Buffer): boolean {
  for (let i = 0; i < Math.min(run.length, 32); i += 4) {
    const c = run[i];
    if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

/** Long base64 and hex runs that decode to text, scanned again; findings point at the run and say how it was encoded. */
function decodedSegments(rules: CompiledRules, data: Buffer, path: string | undefined, depth: number, seenAt: string | undefined): RawMatch[] {
  const found: RawMatch[] = [];
  for (const [regex, encoding] of [[BASE64_RUN, 'base64'], [HEX_RUN, 'hex']] as const) {
    regex.lastIndex = 0;
    for (let run = regex.exec(data); run; run = regex.exec(data)) {
      const bytes = run[0] as unknown as Buffer;
      if (encoding === 'base64' && !looksLikeBase64Text(bytes)) continue;
      const text = encoding === 'base64' ? decodeBase64Text(bytes.toString('latin1')) : decodeHexText(bytes.toString('latin1'));
      if (text === null) continue;
      // the inner scan reuses these global regexes: keep this loop's place
      const resume = regex.lastIndex;
      for (const inner of scan(rules, Buffer.from(text), path, depth + 1, seenAt)) found.push({ ...inner, offset: run.index, length: bytes.length, encoding });
      regex.lastIndex = resume;
    }
  }
  return found;
}
