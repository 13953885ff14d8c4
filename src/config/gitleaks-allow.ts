// gitleaks allowlists as leaksweep's: OR lists become rule allowlists; commits and AND lists become a per-match filter.
import type RE2 from 're2';
import type { RawMatch } from '../detect/detect-blob.js';
import type { Appearance } from '../findings/finding.js';
import { compileRegex } from '../rules/compile-rules.js';
import type { RuleAllow } from '../rules/rule-spec.js';
import type { GitleaksAllowlist } from './gitleaks-toml.js';

/** What the engine's allowlists cannot say: a commit, or several criteria that must all hold. Applied per place a match was seen. */
interface MatchFilter {
  /** null: every rule */
  rules: ReadonlySet<string> | null;
  condition: 'OR' | 'AND';
  commits: ReadonlySet<string>;
  paths: RE2[];
  secrets: RE2[];
  stopwords: string[];
}

export interface AllowPlan {
  /** for every rule, leaksweep's and the config's */
  global: RuleAllow;
  /** by leaksweep rule id */
  byRule: Map<string, RuleAllow>;
  filters: MatchFilter[];
  /** what was not applied, for the warning */
  notCarried: string[];
}

export function emptyPlan(): AllowPlan {
  return { global: {}, byRule: new Map(), filters: [], notCarried: [] };
}

function addTo(target: RuleAllow, extra: RuleAllow): void {
  for (const field of ['paths', 'regexes', 'lines', 'stopwords'] as const) {
    if ((extra[field] ?? []).length > 0) target[field] = [...(target[field] ?? []), ...extra[field]!];
  }
}

/**
 * Adds one allowlist for `rules` (null: every rule). OR (gitleaks' default) is what leaksweep's allowlists do, each
 * criterion on its own, except commits, which the engine never sees (it reads each blob once, for every commit).
 * AND with a single kind of criterion is the same as OR. A real AND is checked per match and place, which knows the
 * secret, the path and the commit but not the line or the whole match: AND lists on those are named, not applied.
 */
export function planAllowlist(plan: AllowPlan, list: GitleaksAllowlist, rules: readonly string[] | null, file: string): void {
  const where = `${file} ${list.where}`;
  if (list.unknownKeys.length > 0) {
    // an unknown key may narrow what the list allows: applying the rest could hide real findings
    plan.notCarried.push(`${list.where} skipped (key ${list.unknownKeys.map((key) => JSON.stringify(key)).join(', ')})`);
    return;
  }
  const paths = list.paths.map((pattern) => compileRegex(pattern, '', `${where} paths`));
  const regexes = list.regexes.map((pattern) => compileRegex(pattern, '', `${where} regexes`));
  const kinds = [list.commits, list.paths, list.regexes, list.stopwords].filter((criterion) => criterion.length > 0).length;
  const targetRules = rules === null ? null : new Set(rules);
  if (list.condition === 'AND' && kinds > 1) {
    if (list.regexes.length > 0 && list.regexTarget !== 'secret') {
      plan.notCarried.push(`${list.where} skipped (condition = "AND" with regexTarget = "${list.regexTarget}")`);
      return;
    }
    plan.filters.push({ rules: targetRules, condition: 'AND', commits: new Set(list.commits), paths, secrets: regexes, stopwords: lowered(list.stopwords) });
    return;
  }
  if (list.regexes.length > 0 && list.regexTarget === 'match') plan.notCarried.push(`${list.where} regexes (regexTarget = "match")`);
  const allow: RuleAllow = {
    paths: list.paths,
    regexes: list.regexTarget === 'secret' ? list.regexes : [],
    lines: list.regexTarget === 'line' ? list.regexes : [],
    stopwords: list.stopwords,
  };
  if (rules === null) addTo(plan.global, allow);
  for (const id of rules ?? []) {
    const own = plan.byRule.get(id) ?? {};
    addTo(own, allow);
    plan.byRule.set(id, own);
  }
  if (list.commits.length > 0) plan.filters.push({ rules: targetRules, condition: 'OR', commits: new Set(list.commits), paths: [], secrets: [], stopwords: [] });
}

function lowered(words: string[]): string[] {
  return words.map((word) => word.toLowerCase());
}

function allows(filter: MatchFilter, secret: string, place: Appearance): boolean {
  const checks: (() => boolean)[] = [];
  if (filter.commits.size > 0) checks.push(() => place.commit !== undefined && filter.commits.has(place.commit));
  if (filter.paths.length > 0) checks.push(() => filter.paths.some((re) => re.test(place.path)));
  if (filter.secrets.length > 0) checks.push(() => filter.secrets.some((re) => re.test(secret)));
  if (filter.stopwords.length > 0) checks.push(() => filter.stopwords.some((word) => secret.toLowerCase().includes(word)));
  return filter.condition === 'AND' ? checks.length > 0 && checks.every((check) => check()) : checks.some((check) => check());
}

/**
 * False for a match the filters allow at this place. A blob introduced by an allowed commit and, elsewhere, by another
 * is still reported, at the other: as gitleaks, which scans each commit, would.
 */
export function keepMatch(filters: MatchFilter[]): (match: RawMatch, place: Appearance) => boolean {
  return (match, place) => !filters.some((filter) => (filter.rules === null || filter.rules.has(match.ruleId)) && allows(filter, match.secret, place));
}
