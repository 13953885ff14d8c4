// Reads pattern files (YAML data) into plain RuleSpecs and keeps the rules a ruleset turns on.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedDocument } from './patterns-cache.js';
import { parseYamlData } from './parse-yaml.js';
import { validatePatternDocument } from './pattern-schema.js';
import { LeaksweepError, errorMessage } from '../errors.js';
import type { RuleAllow, RuleSpec } from './rule-spec.js';
import { validateAllow, validateRuleSpec } from './validate-rule.js';

export const DEFAULT_PATTERNS_DIR = fileURLToPath(new URL('../../patterns', import.meta.url));

/** `cached`: the build-time document, when the caller already looked it up (the lookup reads and hashes the file). */
function readYaml(file: string, cached = cachedDocument(file)): unknown {
  if (cached !== undefined) return cached;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new LeaksweepError('RULE_FILE_UNREADABLE', `${file}: cannot read (${errorMessage(error)})`);
  }
  try {
    return parseYamlData(text);
  } catch (error) {
    const firstLine = errorMessage(error).split('\n')[0];
    throw new LeaksweepError('RULE_INVALID', `${file}: not valid YAML (${firstLine})`);
  }
}

/** Reads one pattern file: `rules:` is a list of rule objects, checked against patterns/schema.json. */
export function loadPatternFile(file: string): RuleSpec[] {
  // the build-time cache holds only documents that passed the schema
  const cached = cachedDocument(file);
  const fromCache = cached !== undefined;
  const doc = readYaml(file, cached);
  if (!fromCache && typeof doc === 'object' && doc !== null && Array.isArray((doc as { rules?: unknown }).rules)) validatePatternDocument(doc, file);
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as { rules?: unknown }).rules)) {
    throw new LeaksweepError('RULE_INVALID', `${file}: expected a top-level "rules:" list`);
  }
  return (doc as { rules: unknown[] }).rules.map((raw, index) => {
    const spec = validateRuleSpec(raw, `${file} rule #${index + 1}`, file);
    return fromCache ? { ...spec, checked: true } : spec;
  });
}

export function listPatternFiles(patternsDir: string): string[] {
  return readdirSync(patternsDir)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort()
    .map((name) => join(patternsDir, name));
}

export function loadAllRuleSpecs(patternsDir = DEFAULT_PATTERNS_DIR): RuleSpec[] {
  const specs = listPatternFiles(patternsDir).flatMap(loadPatternFile);
  const seen = new Map<string, string>();
  for (const spec of specs) {
    const previous = seen.get(spec.id);
    if (previous) {
      throw new LeaksweepError('RULE_INVALID', `${spec.source}: rule id "${spec.id}" is also defined in ${previous}`);
    }
    seen.set(spec.id, spec.source ?? '');
  }
  return specs;
}

function rulesetFile(patternsDir: string, rulesetName: string): string {
  return join(patternsDir, 'rulesets', `${basename(rulesetName)}.yaml`);
}

/** The ruleset's global allowlist (lock files, bundles, vendored code …): applies to every rule. */
export function loadRulesetAllow(patternsDir: string, rulesetName: string): RuleAllow {
  const file = rulesetFile(patternsDir, rulesetName);
  const allow = (readYaml(file) as { allow?: unknown } | null)?.allow;
  return allow === undefined ? {} : validateAllow(allow, `${file} allow`);
}

export function loadRulesetIds(patternsDir: string, rulesetName: string): string[] {
  const file = rulesetFile(patternsDir, rulesetName);
  const doc = readYaml(file);
  const ids = (doc as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
    throw new LeaksweepError('RULE_INVALID', `${file}: expected "rules:" to be a list of rule ids`);
  }
  return ids as string[];
}

/** The rules a ruleset lists, in ruleset order; an unknown id is an error. */
export function loadRuleSpecs(patternsDir = DEFAULT_PATTERNS_DIR, rulesetName = 'default'): RuleSpec[] {
  const byId = new Map(loadAllRuleSpecs(patternsDir).map((spec) => [spec.id, spec]));
  return loadRulesetIds(patternsDir, rulesetName).map((id) => {
    const spec = byId.get(id);
    if (!spec) throw new LeaksweepError('RULE_INVALID', `ruleset "${rulesetName}" lists unknown rule id "${id}"`);
    return spec;
  });
}
