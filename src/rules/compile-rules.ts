// Compiles plain RuleSpecs into RE2 objects once per thread: the keyword prefilter and each rule's regex.
import RE2 from 're2';
import { LeaksweepError, errorMessage } from '../errors.js';
import type { RuleSpec } from './rule-spec.js';
import { keywordIndex, type KeywordIndex } from './keyword-index.js';

/** What an allowlist of secrets needs of a regex. */
export interface SecretTest {
  test(text: string): boolean;
}

export interface CompiledRule {
  spec: RuleSpec;
  /** global + indices, so matches on Buffers give byte offsets of every group */
  regex: RE2;
  /** global: each group 1 it finds in the secret group is a secret */
  itemRegex: RE2 | null;
  /** group 1 of it, applied to the decoded secret, is the secret */
  decodedRegex: RE2 | null;
  /** the rule runs only on files whose path matches one of these; null: on every file */
  files: RE2[] | null;
  allowPaths: RE2[];
  /** every `allow.regexes` pattern in one alternation, tested once per candidate secret; null when there are none */
  allowSecret: SecretTest | null;
  allowLines: RE2[];
  stopwords: string[];
  before: number;
  after: number;
}

export interface CompiledRules {
  rules: CompiledRule[];
  byId: Map<string, CompiledRule>;
  /** keywords of the rules that run on every file */
  keywords: KeywordIndex;
  /**
   * keywords of the rules tied to file names (`files`): searched only in a file one of them applies to, so that
   * their common keywords (`user`, `pass`, `]:`) cost nothing elsewhere; null when there are none
   */
  scopedKeywords: KeywordIndex | null;
  /** every `files` pattern of the rules with keywords, in one regex: a path it misses needs no scopedKeywords search */
  scopedFiles: RE2 | null;
  /** rules with `files` and no keywords: they read a whole file whose path they match */
  wholeFileRules: number[];
  /** also decode long base64 and hex runs anywhere and scan what they hold (costs a pass over every blob) */
  decodeSegments: boolean;
  /** paths every rule allows (the global allowlists): a blob seen only at such paths need not be read; null when none */
  allowedForAll: RE2 | null;
}

const DEFAULT_WINDOW = { before: 256, after: 1024 };

export function compileRegex(pattern: string, flags: string, where: string): RE2 {
  try {
    return new RE2(pattern, flags);
  } catch (error) {
    throw new LeaksweepError('RULE_INVALID_REGEX', `${where}: RE2 cannot compile ${JSON.stringify(pattern)} (${errorMessage(error)})`);
  }
}

/** Regexes without the g flag hold no state: rules share one compiled copy (the global allowlist is in every rule's). */
const stateless = new Map<string, RE2>();

function sharedRegex(pattern: string, where: string): RE2 {
  let regex = stateless.get(pattern);
  if (!regex) stateless.set(pattern, (regex = compileRegex(pattern, '', where)));
  return regex;
}

/** A pattern that matches where any of `patterns` does: each kept in a group of its own, so its flags stay its own. */
function alternation(patterns: readonly string[]): string {
  return patterns.map((pattern) => `(?:${pattern})`).join('|');
}

/**
 * One regex that matches where any of `patterns` does: a candidate secret was tested against up to ~20 allowlist
 * regexes one call at a time (a tenth of the detection time on keyword-dense code). Each pattern is compiled alone
 * first, so an invalid one is reported by name.
 */
function anyOf(patterns: readonly string[], where: string): SecretTest | null {
  if (patterns.length === 0) return null;
  for (const pattern of patterns) sharedRegex(pattern, where);
  if (patterns.length === 1) return sharedRegex(patterns[0], where);
  const combined = alternation(patterns);
  const cached = stateless.get(combined);
  if (cached) return cached;
  try {
    return sharedRegex(combined, where);
  } catch {
    // e.g. two patterns naming a group alike: wrapped so each alternative is tried in turn
    const each = patterns.map((pattern) => stateless.get(pattern)!);
    return { test: (text: string) => each.some((re) => re.test(text)) };
  }
}

/** Compiles on first use and keeps the result: a worker only pays for the rules its blobs' keywords reach. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}

function compileRule(spec: RuleSpec, lazy: boolean): CompiledRule {
  const where = `${spec.source ?? 'rules'} rule "${spec.id}"`;
  const parts = {
    regex: once(() => compileRegex(spec.regex, 'gd', where)),
    itemRegex: once(() => (spec.itemRegex ? compileRegex(spec.itemRegex, 'gd', `${where} itemRegex`) : null)),
    decodedRegex: once(() => (spec.decodedRegex ? sharedRegex(spec.decodedRegex, `${where} decodedRegex`) : null)),
    files: once(() => (spec.files ? spec.files.map((p) => sharedRegex(p, `${where} files`)) : null)),
    allowPaths: once(() => (spec.allow?.paths ?? []).map((p) => sharedRegex(p, `${where} allow.paths`))),
    allowSecret: once(() => anyOf(spec.allow?.regexes ?? [], `${where} allow.regexes`)),
    allowLines: once(() => (spec.allow?.lines ?? []).map((p) => sharedRegex(p, `${where} allow.lines`))),
  };
  if (!lazy) {
    // validate everything now, where an error can still be reported cleanly
    for (const part of Object.values(parts)) part();
    const groups = countGroups(parts.regex());
    if (spec.secretGroup > groups) {
      throw new LeaksweepError('RULE_INVALID', `${where}: secretGroup ${spec.secretGroup} but the regex has ${groups} capture group(s)`);
    }
  }
  const window = spec.window ?? DEFAULT_WINDOW;
  const rule = { spec, stopwords: (spec.allow?.stopwords ?? []).map((word) => word.toLowerCase()), before: window.before, after: window.after };
  for (const [name, get] of Object.entries(parts)) Object.defineProperty(rule, name, { get, enumerable: true });
  return rule as CompiledRule;
}

/** Number of capture groups, found by matching the regex's own group structure against an alternation. */
function probeFor(source: string): RE2 {
  try {
    return new RE2(`(?:${source})|`, '');
  } catch {
    return new RE2(`(?:${source}\\E)|`, '');
  }
}

export function countGroups(regex: RE2): number {
  // RE2 exposes no group count; an always-matching wrapper reports one slot per group. A pattern that ends inside
  // \Q… (quoted to its end) would quote the wrapper's own `)|`: it is closed with \E first.
  const probe = probeFor(regex.source);
  const match = probe.exec('');
  return match ? match.length - 1 : 0;
}

/**
 * `lazy`: regexes compile on first use and are not validated (workers, after the main thread validated the
 * same specs). Specs `checked` at build time are always lazy: compiling ~200 rules up front costs ~200 ms.
 */
export function compileRules(specs: RuleSpec[], options: { decodeSegments?: boolean; lazy?: boolean } = {}): CompiledRules {
  const rules = specs.map((spec) => compileRule(spec, options.lazy === true || spec.checked === true));
  const keywordsWhere = (scopedToFiles: boolean) => specs.map((spec) => ((spec.files !== undefined) === scopedToFiles ? spec.keywords : null));
  const keywords = once(() => keywordIndex(keywordsWhere(false), (source) => compileRegex(source, 'g', 'keyword prefilter')));
  const scoped = rules.some((rule) => rule.spec.files !== undefined && rule.spec.keywords.length > 0);
  const scopedKeywords = once(() => (scoped ? keywordIndex(keywordsWhere(true), (source) => compileRegex(source, 'g', 'keyword prefilter of rules tied to file names')) : null));
  const byId = new Map(rules.map((rule) => [rule.spec.id, rule]));
  const common = specs.length === 0 ? [] : (specs[0].allow?.paths ?? []).filter((path) => specs.every((spec) => spec.allow?.paths?.includes(path)));
  const allowedForAll = common.length === 0 ? null : compileRegex(alternation(common), '', 'paths every rule allows');
  const wholeFileRules = rules.flatMap((rule, index) => (rule.spec.keywords.length === 0 ? [index] : []));
  const scopedPatterns = specs.flatMap((spec) => (spec.files && spec.keywords.length > 0 ? spec.files : []));
  const scopedFiles = scopedPatterns.length === 0 ? null : compileRegex(alternation(scopedPatterns), '', 'file names of rules tied to them');
  return {
    rules,
    byId,
    // built where blobs are matched: the main thread of a scan with workers never needs them (keywords are escaped literals: no error to report early)
    get keywords() {
      return keywords();
    },
    get scopedKeywords() {
      return scopedKeywords();
    },
    scopedFiles,
    wholeFileRules,
    decodeSegments: options.decodeSegments ?? false,
    allowedForAll,
  };
}
