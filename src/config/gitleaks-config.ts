// A .gitleaks.toml / .betterleaks.toml as a leaksweep user config: its rules beside the default pack, its allowlists, one warning line.
import { basename } from 'node:path';
import type RE2 from 're2';
import type { RawMatch } from '../detect/detect-blob.js';
import type { Appearance } from '../findings/finding.js';
import { LeaksweepError } from '../errors.js';
import { compileRegex, countGroups } from '../rules/compile-rules.js';
import type { RuleSpec } from '../rules/rule-spec.js';
import { emptyPlan, keepMatch, planAllowlist } from './gitleaks-allow.js';
import { parseGitleaksToml, type GitleaksDocument, type GitleaksRule } from './gitleaks-toml.js';
import type { UserConfig } from './user-config.js';

export const GITLEAKS_CONFIG_FILES = ['.betterleaks.toml', '.gitleaks.toml'];

/**
 * gitleaks runs a rule over a whole fragment (a file, a commit's patch) once one of its keywords is in it, not near the
 * keyword: a window larger than any blob makes leaksweep do the same (the windows of all hits merge into the file).
 */
const WHOLE_FILE = { before: Number.MAX_SAFE_INTEGER, after: Number.MAX_SAFE_INTEGER };

/** gitleaks has no severity: a rule a team wrote for its own secrets is taken to grant access (see README). */
const SEVERITY = 'high';

function invalid(file: string, what: string): never {
  throw new LeaksweepError('CONFIG_INVALID', `${file}: ${what}`);
}

/** `gitleaks.<id>` (`betterleaks.` for a Betterleaks file): leaksweep ids are `provider.kind`, lowercase, and must not collide with the pack's. */
function ruleIds(doc: GitleaksDocument): Map<string, string> {
  const prefix = /betterleaks/i.test(basename(doc.file)) ? 'betterleaks' : 'gitleaks';
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const rule of doc.rules) {
    if (ids.has(rule.id)) invalid(doc.file, `rule id ${JSON.stringify(rule.id)} appears twice`);
    const slug = rule.id.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[^a-z0-9]+/, '') || 'rule';
    let id = `${prefix}.${slug}`;
    for (let n = 2; taken.has(id); n += 1) id = `${prefix}.${slug}-${n}`;
    taken.add(id);
    ids.set(rule.id, id);
  }
  return ids;
}

function ruleSpec(rule: GitleaksRule, id: string, file: string): RuleSpec {
  const where = `${file} rule ${JSON.stringify(rule.id)}`;
  const regex = compileRegex(rule.regex!, 'gd', where);
  const groups = countGroups(regex);
  // gitleaks takes the first non-empty group when secretGroup is 0 or unset (Go cannot tell them apart); leaksweep, group 1
  const secretGroup = rule.secretGroup || (groups > 0 ? 1 : 0);
  if (secretGroup > groups) invalid(file, `rule ${JSON.stringify(rule.id)}: secretGroup ${secretGroup} but the regex has ${groups} capture group(s)`);
  const keywords = [...new Set(rule.keywords.map((keyword) => keyword.toLowerCase()))];
  return {
    id,
    name: rule.description ?? rule.id,
    severity: SEVERITY,
    keywords,
    regex: rule.regex!,
    secretGroup,
    ...(rule.entropy !== undefined ? { entropy: rule.entropy } : {}),
    // without keywords gitleaks runs the rule on every file: a `files` rule matching every path reads each whole file
    ...(keywords.length > 0 ? { window: WHOLE_FILE } : { files: [''] }),
    allow: {},
    references: [],
    examples: [],
    negativeExamples: [],
    source: file,
  };
}

/**
 * A rule's `path` is checked at each place a match was seen, not as `files`: a history blob is read once, as the first
 * path it appeared at, so identical content seen first at another path would hide it from a `files` rule.
 */
function keepAt(paths: Map<string, RE2>, others: ((match: RawMatch, place: Appearance) => boolean) | undefined): UserConfig['keep'] {
  if (paths.size === 0) return others;
  return (match, place) => (paths.get(match.ruleId)?.test(place.path) ?? true) && (others?.(match, place) ?? true);
}

/** The config read for a scan. `packIds`: the rules of the ruleset in use, which `disabledRules` and `targetRules` may name. */
export function gitleaksUserConfig(text: string, file: string, packIds: ReadonlySet<string>): UserConfig {
  const doc = parseGitleaksToml(text, file);
  const notCarried: string[] = [...doc.unknownKeys.map((key) => `key ${JSON.stringify(key)}`), ...doc.extendsOther];
  if (!doc.useDefault) notCarried.push("no [extend] useDefault = true (leaksweep's default rules run all the same)");
  const ids = ruleIds(doc);
  const disable: string[] = [];
  for (const name of doc.disabledRules) {
    if (packIds.has(name)) disable.push(name);
    else notCarried.push(`disabledRules ${JSON.stringify(name)} (no leaksweep rule has this id)`);
  }
  const plan = emptyPlan();
  const rules: RuleSpec[] = [];
  const paths = new Map<string, RE2>();
  for (const rule of doc.rules) {
    const id = ids.get(rule.id)!;
    for (const key of rule.unknownKeys) notCarried.push(`rule ${JSON.stringify(rule.id)} key ${JSON.stringify(key)}`);
    if (rule.regex === undefined) {
      if (rule.path === undefined) invalid(file, `rule ${JSON.stringify(rule.id)}: expected "regex"`);
      notCarried.push(`rule ${JSON.stringify(rule.id)} (path only: a leaksweep rule needs a regex)`);
      continue;
    }
    rules.push(ruleSpec(rule, id, file));
    if (rule.path !== undefined) paths.set(id, compileRegex(rule.path, '', `${file} rule ${JSON.stringify(rule.id)} path`));
    for (const list of rule.allowlists) planAllowlist(plan, list, [id], file);
  }
  const imported = new Set(rules.map((spec) => spec.id));
  for (const list of doc.allowlists) {
    if (list.targetRules.length === 0) {
      planAllowlist(plan, list, null, file);
      continue;
    }
    const targets = list.targetRules.flatMap((name) => {
      const id = ids.get(name) ?? name;
      if (imported.has(id) || packIds.has(id)) return [id];
      notCarried.push(`${list.where} targetRules ${JSON.stringify(name)} (no rule that runs has this id)`);
      return [];
    });
    if (targets.length > 0) planAllowlist(plan, list, targets, file);
  }
  const skipped = [...notCarried, ...plan.notCarried];
  return {
    file,
    extend: true,
    rules: rules.map((spec) => ({ ...spec, allow: plan.byRule.get(spec.id) ?? {} })),
    disable,
    allow: plan.global,
    ruleAllow: Object.fromEntries([...plan.byRule].filter(([id]) => !imported.has(id))),
    keep: keepAt(paths, plan.filters.length > 0 ? keepMatch(plan.filters) : undefined),
    foreignIds: Object.fromEntries([...ids].filter(([, id]) => imported.has(id))),
    warnings: skipped.length === 0 ? [] : [`${file}: not carried over from this gitleaks config: ${skipped.join('; ')}`],
  };
}
