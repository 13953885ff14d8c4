// Compiles plain RuleSpecs into RE2 objects once per thread: the keyword prefilter and each rule's regex.
import RE2 from 're2';
import { LeaksweepError, errorMessage } from '../errors.js';
import type { RuleSpec } from './rule-spec.js';

export interface CompiledRule {
  spec: RuleSpec;
  /** global + indices, so matches on Buffers give byte offsets of every group */
  regex: RE2;
  /** global: each group 1 it finds in the secret group is a secret */
  itemRegex: RE2 | null;
  /** group 1 of it, applied to the decoded secret, is the secret */
  decodedRegex: RE2 | null;
  allowPaths: RE2[];
  allowSecrets: RE2[];
  allowLines: RE2[];
  stopwords: string[];
  before: number;
  after: number;
}

export interface KeywordInfo {
  /** lowercase UTF-8 bytes */
  bytes: Buffer;
  /** indexes into `rules`: rules of this keyword and of every keyword inside it */
  rules: number[];
  /** where to search again after a hit, from its start: the first offset at which another keyword could begin and run past this one */
  restart: number;
}

export interface CompiledRules {
  rules: CompiledRule[];
  /** one case-insensitive alternation of every keyword, longest first; null when there are no rules */
  keywordRegex: RE2 | null;
  /** keywords by the lowercase last byte, longest first: a hit is identified from where it ends */
  keywordsByLastByte: Map<number, KeywordInfo[]>;
  /** also decode long base64 and hex runs anywhere and scan what they hold (costs a pass over every blob) */
  decodeSegments: boolean;
}

const DEFAULT_WINDOW = { before: 256, after: 1024 };

function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

export function compileRegex(pattern: string, flags: string, where: string): RE2 {
  try {
    return new RE2(pattern, flags);
  } catch (error) {
    throw new LeaksweepError('RULE_INVALID_REGEX', `${where}: RE2 cannot compile ${JSON.stringify(pattern)} (${errorMessage(error)})`);
  }
}

function compileRule(spec: RuleSpec): CompiledRule {
  const where = `${spec.source ?? 'rules'} rule "${spec.id}"`;
  const regex = compileRegex(spec.regex, 'gd', where);
  const groups = countGroups(regex);
  if (spec.secretGroup > groups) {
    throw new LeaksweepError('RULE_INVALID', `${where}: secretGroup ${spec.secretGroup} but the regex has ${groups} capture group(s)`);
  }
  const window = spec.window ?? DEFAULT_WINDOW;
  return {
    spec,
    regex,
    itemRegex: spec.itemRegex ? compileRegex(spec.itemRegex, 'gd', `${where} itemRegex`) : null,
    decodedRegex: spec.decodedRegex ? compileRegex(spec.decodedRegex, '', `${where} decodedRegex`) : null,
    allowPaths: (spec.allow?.paths ?? []).map((p) => compileRegex(p, '', `${where} allow.paths`)),
    allowSecrets: (spec.allow?.regexes ?? []).map((p) => compileRegex(p, '', `${where} allow.regexes`)),
    allowLines: (spec.allow?.lines ?? []).map((p) => compileRegex(p, '', `${where} allow.lines`)),
    stopwords: (spec.allow?.stopwords ?? []).map((word) => word.toLowerCase()),
    before: window.before,
    after: window.after,
  };
}

/** Number of capture groups, found by matching the regex's own group structure against an alternation. */
function countGroups(regex: RE2): number {
  // RE2 exposes no group count; an always-matching wrapper reports one slot per group.
  const probe = new RE2(`(?:${regex.source})|`, '');
  const match = probe.exec('');
  return match ? match.length - 1 : 0;
}

/** First offset inside `keyword` where another keyword could start and extend past its end; its length when none can. */
function restartOffset(keyword: string, keywords: string[]): number {
  for (let offset = 1; offset < keyword.length; offset += 1) {
    const tail = keyword.slice(offset);
    if (keywords.some((other) => other.length > tail.length && other.startsWith(tail))) return offset;
  }
  return keyword.length;
}

export function compileRules(specs: RuleSpec[], options: { decodeSegments?: boolean } = {}): CompiledRules {
  const rules = specs.map(compileRule);
  const keywords = [...new Set(rules.flatMap((rule) => rule.spec.keywords))].sort((a, b) => b.length - a.length || a.localeCompare(b));
  const keywordsByLastByte = new Map<number, KeywordInfo[]>();
  for (const keyword of keywords) {
    const matching = new Set<number>();
    rules.forEach((rule, index) => {
      if (rule.spec.keywords.some((other) => keyword.includes(other))) matching.add(index);
    });
    const info: KeywordInfo = { bytes: Buffer.from(keyword), rules: [...matching].sort((a, b) => a - b), restart: restartOffset(keyword, keywords) };
    const last = info.bytes[info.bytes.length - 1];
    keywordsByLastByte.set(last, [...(keywordsByLastByte.get(last) ?? []), info]);
  }
  const keywordRegex = keywords.length === 0 ? null : compileRegex(`(?i)(?:${keywords.map(escapeLiteral).join('|')})`, 'g', 'keyword prefilter');
  return { rules, keywordRegex, keywordsByLastByte, decodeSegments: options.decodeSegments ?? false };
}
