// The user's `.leaksweep.yaml` (or a gitleaks .toml, see gitleaks-config.ts): extra rules, disabled ids, allowlists, whether to extend the defaults.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LeaksweepError, errorMessage } from '../errors.js';
import { parseYamlData } from '../rules/parse-yaml.js';
import { compileRegex } from '../rules/compile-rules.js';
import { DEFAULT_PATTERNS_DIR, loadRuleSpecs, loadRulesetAllow, loadRulesetIds } from '../rules/load-rules.js';
import { withAllow, type RuleAllow, type RuleSpec } from '../rules/rule-spec.js';
import { validateAllow, validateRuleSpec } from '../rules/validate-rule.js';
import { validateRuleDocument } from '../rules/pattern-schema.js';
import type { RawMatch } from '../detect/detect-blob.js';
import type { Appearance } from '../findings/finding.js';
import { GITLEAKS_CONFIG_FILES, gitleaksUserConfig } from './gitleaks-config.js';

export interface UserConfig {
  file: string;
  /** false: start from no rules and no default allowlist */
  extend: boolean;
  rules: RuleSpec[];
  disable: string[];
  allow: RuleAllow;
  /** more allowlists for some rules, by id (a gitleaks allowlist with targetRules) */
  ruleAllow?: Record<string, RuleAllow>;
  /** drops a match at one place (path, commit) that the engine's allowlists cannot: a gitleaks commits or AND allowlist */
  keep?: (match: RawMatch, place: Appearance) => boolean;
  /** a gitleaks config: its rule ids → the leaksweep ids they were read as (for .gitleaksignore) */
  foreignIds?: Record<string, string>;
  /** lines for stderr: what was not carried over, which file was read */
  warnings?: string[];
  /** verify.endpoints: self-hosted bases (GitHub Enterprise, GitLab) that may receive that provider's tokens under --verify */
  verifyEndpoints?: Record<string, string[]>;
}

/** Providers with self-hosted installations: the only ones whose tokens may go to a host the user names. */
export const SELF_HOSTED_PROVIDERS = ['github', 'gitlab', 'terraform', 'sentry'];

export const CONFIG_FILES = ['.leaksweep.yaml', '.leaksweep.yml'];
const KNOWN_KEYS = new Set(['extend', 'rules', 'disable', 'allow', 'verify']);

function invalid(file: string, what: string): never {
  throw new LeaksweepError('CONFIG_INVALID', `${file}: ${what}`);
}

export function parseUserConfig(text: string, file: string): UserConfig {
  let doc: unknown;
  try {
    doc = parseYamlData(text);
  } catch (error) {
    invalid(file, `not valid YAML (${errorMessage(error).split('\n')[0]})`);
  }
  if (doc === null || doc === undefined) doc = {};
  if (typeof doc !== 'object' || Array.isArray(doc)) invalid(file, 'expected a mapping with rules, disable, allow or extend');
  const raw = doc as Record<string, unknown>;
  for (const key of Object.keys(raw)) if (!KNOWN_KEYS.has(key)) invalid(file, `unknown key ${JSON.stringify(key)} (expected rules, disable, allow, extend or verify)`);
  if (raw.extend !== undefined && typeof raw.extend !== 'boolean') invalid(file, '"extend" must be true or false');
  if (raw.rules !== undefined && !Array.isArray(raw.rules)) invalid(file, '"rules" must be a list of rules (the pattern file schema)');
  if (raw.disable !== undefined && (!Array.isArray(raw.disable) || !raw.disable.every((id) => typeof id === 'string'))) {
    invalid(file, '"disable" must be a list of rule ids');
  }
  const rules = ((raw.rules as unknown[] | undefined) ?? []).map((rule, index) => {
    try {
      validateRuleDocument(rule, file, index);
      return validateRuleSpec(rule, `${file} rule #${index + 1}`, file);
    } catch (error) {
      // the message quotes the user's id or field name, which may hold a line break
      throw new LeaksweepError('CONFIG_INVALID', errorMessage(error).replace(/\r/g, '\\r').replace(/\n/g, '\\n'));
    }
  });
  // the second would silently run beside the first, as the pack does not allow
  const ids = new Set<string>();
  for (const rule of rules) {
    if (ids.has(rule.id)) invalid(file, `rules: id ${JSON.stringify(rule.id)} appears twice`);
    ids.add(rule.id);
  }
  return {
    file,
    extend: (raw.extend as boolean | undefined) ?? true,
    rules,
    disable: (raw.disable as string[] | undefined) ?? [],
    allow: raw.allow === undefined ? {} : checkAllow(raw.allow, file),
    ...(raw.verify === undefined ? {} : { verifyEndpoints: checkVerify(raw.verify, file) }),
  };
}

/** `verify: { endpoints: { github: [https://ghe.example.com/api/v3] } }`: https bases only, for self-hosted providers only. */
function checkVerify(value: unknown, file: string): Record<string, string[]> {
  const shape = 'verify must be a mapping with endpoints: { github: [https://…], gitlab: [https://…] }';
  if (!value || typeof value !== 'object' || Array.isArray(value)) invalid(file, shape);
  const { endpoints, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || !endpoints || typeof endpoints !== 'object' || Array.isArray(endpoints)) invalid(file, shape);
  const out: Record<string, string[]> = {};
  for (const [provider, list] of Object.entries(endpoints as Record<string, unknown>)) {
    if (!SELF_HOSTED_PROVIDERS.includes(provider)) invalid(file, `verify.endpoints: ${JSON.stringify(provider)} has no self-hosted endpoint (expected ${SELF_HOSTED_PROVIDERS.join(' or ')})`);
    const urls = typeof list === 'string' ? [list] : list;
    if (!Array.isArray(urls) || !urls.every((url) => typeof url === 'string' && URL.canParse(url) && new URL(url).protocol === 'https:')) {
      invalid(file, `verify.endpoints.${provider}: expected https URLs`);
    }
    out[provider] = urls as string[];
  }
  return out;
}

/** The global allowlist joins every rule of the pack: compiled here, or a bad regex is blamed on the pack's first rule. */
function checkAllow(value: unknown, file: string): RuleAllow {
  try {
    const allow = validateAllow(value, `${file} allow`);
    for (const field of ['paths', 'regexes', 'lines'] as const) for (const pattern of allow[field] ?? []) compileRegex(pattern, '', `${file} allow.${field}`);
    return allow;
  } catch (error) {
    throw new LeaksweepError('CONFIG_INVALID', errorMessage(error));
  }
}

/**
 * An explicit --config (a `.toml` is read as a gitleaks or Betterleaks config), else the first of `.leaksweep.yaml`,
 * `.leaksweep.yml`, `.betterleaks.toml`, `.gitleaks.toml` in the scanned directory. The leaksweep file wins over a gitleaks
 * one beside it (it was written for leaksweep; the other may stay for gitleaks during a migration): a warning says so.
 */
export function findUserConfig(dir: string, explicit?: string, ruleset = 'default', patternsDir = DEFAULT_PATTERNS_DIR): UserConfig | null {
  const present = explicit ? [] : [...CONFIG_FILES, ...GITLEAKS_CONFIG_FILES].map((name) => join(dir, name)).filter((candidate) => existsSync(candidate));
  const file = explicit ?? present[0];
  if (!file) return null;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new LeaksweepError('CONFIG_INVALID', `${file}: cannot read (${errorMessage(error)})`);
  }
  const gitleaks = /\.toml$/i.test(file);
  const config = gitleaks ? gitleaksUserConfig(text, file, new Set(loadRulesetIds(patternsDir, ruleset))) : parseUserConfig(text, file);
  const unread = present.slice(1);
  if (unread.length > 0) config.warnings = [...(config.warnings ?? []), `read ${file}; not read: ${unread.join(', ')} (one config file is used: pass another with --config)`];
  return config;
}

/** The rules a scan runs: the ruleset (unless extend is false) minus disabled ids plus the user's, all with the global allowlist. */
export function resolveRules(config: UserConfig | null, patternsDir = DEFAULT_PATTERNS_DIR, ruleset = 'default'): RuleSpec[] {
  const extend = config?.extend ?? true;
  const base = extend ? loadRuleSpecs(patternsDir, ruleset) : [];
  const known = new Set([...base.map((spec) => spec.id), ...(config?.rules ?? []).map((spec) => spec.id)]);
  for (const id of config?.disable ?? []) if (!known.has(id)) invalid(config!.file, `disable lists unknown rule id ${JSON.stringify(id)}`);
  const userIds = new Set((config?.rules ?? []).map((spec) => spec.id));
  // a user rule with a default rule's id replaces it
  const specs = [...base.filter((spec) => !userIds.has(spec.id)), ...(config?.rules ?? [])]
    .filter((spec) => !config?.disable.includes(spec.id))
    .map((spec) => (config?.ruleAllow?.[spec.id] ? withAllow([spec], config.ruleAllow[spec.id])[0] : spec));
  const globalAllow = extend ? loadRulesetAllow(patternsDir, ruleset) : {};
  // the ruleset's allowlist was compiled when the package was built; the user's was not
  return withAllow(withAllow(specs, globalAllow, true), config?.allow ?? {});
}
