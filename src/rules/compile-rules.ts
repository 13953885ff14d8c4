// Compiles plain RuleSpecs into RE2 objects once per thread: the keyword prefilter and each rule's regex.
import RE2 from 're2';
import { LeaksweepError, errorMessage } from '../errors.js';
import type { RuleSpec } from './rule-spec.js';

export interface CompiledRule {
  spec: RuleSpec;
  /** global + indices, so matches on Buffers give byte offsets of every group */
  regex: RE2;
  allowPaths: RE2[];
  allowSecrets: RE2[];
  stopwords: string[];
  before: number;
  after: number;
}

export interface CompiledRules {
  rules: CompiledRule[];
  /** one case-insensitive alternation of every keyword, longest first; null when there are no rules */
  keywordRegex: RE2 | null;
  /** lowercased keyword → indexes into `rules`, including rules of keywords that are prefixes of it */
  rulesByKeyword: Map<string, number[]>;
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
    allowPaths: (spec.allow?.paths ?? []).map((p) => compileRegex(p, '', `${where} allow.paths`)),
    allowSecrets: (spec.allow?.regexes ?? []).map((p) => compileRegex(p, '', `${where} allow.regexes`)),
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

export function compileRules(specs: RuleSpec[]): CompiledRules {
  const rules = specs.map(compileRule);
  const keywords = [...new Set(rules.flatMap((rule) => rule.spec.keywords))].sort((a, b) => b.length - a.length || a.localeCompare(b));
  const rulesByKeyword = new Map<string, number[]>();
  for (const keyword of keywords) {
    const matching = new Set<number>();
    rules.forEach((rule, index) => {
      if (rule.spec.keywords.some((other) => keyword.startsWith(other))) matching.add(index);
    });
    rulesByKeyword.set(keyword, [...matching].sort((a, b) => a - b));
  }
  const keywordRegex = keywords.length === 0 ? null : compileRegex(`(?i)(?:${keywords.map(escapeLiteral).join('|')})`, 'g', 'keyword prefilter');
  return { rules, keywordRegex, rulesByKeyword };
}
