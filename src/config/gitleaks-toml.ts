// A gitleaks or Betterleaks .toml config read into plain typed data; keys leaksweep does not read are listed, not dropped.
import { TomlError, parse } from 'smol-toml';
import { LeaksweepError, errorMessage } from '../errors.js';

export type RegexTarget = 'secret' | 'match' | 'line';

export interface GitleaksAllowlist {
  /** where it sits, for messages: `[allowlist]`, `[[allowlists]] #2`, `rule "x" [[rules.allowlists]] #1` */
  where: string;
  condition: 'OR' | 'AND';
  commits: string[];
  paths: string[];
  regexes: string[];
  regexTarget: RegexTarget;
  stopwords: string[];
  /** global `[[allowlists]]` only: the rule ids it applies to (none: every rule) */
  targetRules: string[];
  /** keys of this allowlist leaksweep does not know: it may mean something narrower, so it is not applied */
  unknownKeys: string[];
}

export interface GitleaksRule {
  id: string;
  description?: string;
  regex?: string;
  secretGroup?: number;
  entropy?: number;
  keywords: string[];
  /** a regex on the file path */
  path?: string;
  allowlists: GitleaksAllowlist[];
  /** keys of this rule leaksweep does not know (`required`, `skipReport`, Betterleaks additions …) */
  unknownKeys: string[];
}

export interface GitleaksDocument {
  file: string;
  useDefault: boolean;
  disabledRules: string[];
  /** `[extend] path` / `url`: another config gitleaks would merge in; leaksweep does not follow them */
  extendsOther: string[];
  rules: GitleaksRule[];
  allowlists: GitleaksAllowlist[];
  /** unknown top-level and `[extend]` keys */
  unknownKeys: string[];
}

type Table = Record<string, unknown>;

const TOP_KEYS = ['title', 'description', 'minVersion', 'extend', 'rules', 'allowlist', 'allowlists'];
const EXTEND_KEYS = ['useDefault', 'path', 'url', 'disabledRules'];
const RULE_KEYS = ['id', 'description', 'regex', 'secretGroup', 'entropy', 'keywords', 'path', 'tags', 'allowlist', 'allowlists'];
const ALLOW_KEYS = ['description', 'condition', 'commits', 'paths', 'regexes', 'regexTarget', 'stopwords'];

function invalid(file: string, what: string): never {
  throw new LeaksweepError('CONFIG_INVALID', `${file}: ${what}`);
}

function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function unknownOf(table: Table, known: string[]): string[] {
  return Object.keys(table).filter((key) => !known.includes(key));
}

function stringList(table: Table, key: string, file: string, where: string): string[] {
  const value = table[key];
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) invalid(file, `${where}: "${key}" must be a list of strings`);
  return (value as string[]).filter((item) => item.length > 0);
}

function optionalString(table: Table, key: string, file: string, where: string): string | undefined {
  const value = table[key];
  if (value !== undefined && typeof value !== 'string') invalid(file, `${where}: "${key}" must be a string`);
  return value === '' ? undefined : (value as string | undefined);
}

function readAllowlist(value: unknown, file: string, where: string, global: boolean): GitleaksAllowlist {
  if (!isTable(value)) invalid(file, `${where} must be a table`);
  const condition = optionalString(value, 'condition', file, where)?.toUpperCase() ?? 'OR';
  if (condition !== 'OR' && condition !== 'AND') invalid(file, `${where}: "condition" must be "OR" or "AND"`);
  const regexTarget = optionalString(value, 'regexTarget', file, where)?.toLowerCase() ?? 'secret';
  if (!['secret', 'match', 'line'].includes(regexTarget)) invalid(file, `${where}: "regexTarget" must be "secret", "match" or "line"`);
  optionalString(value, 'description', file, where);
  return {
    where,
    condition,
    commits: stringList(value, 'commits', file, where).map((commit) => commit.toLowerCase()),
    paths: stringList(value, 'paths', file, where),
    regexes: stringList(value, 'regexes', file, where),
    regexTarget: regexTarget as RegexTarget,
    stopwords: stringList(value, 'stopwords', file, where),
    targetRules: global ? stringList(value, 'targetRules', file, where) : [],
    unknownKeys: unknownOf(value, global ? [...ALLOW_KEYS, 'targetRules'] : ALLOW_KEYS),
  };
}

/** `[x.allowlist]` (one table, older gitleaks) and `[[x.allowlists]]` (a list, newer): both are read. */
function readAllowlists(table: Table, file: string, prefix: string, global: boolean): GitleaksAllowlist[] {
  const lists: GitleaksAllowlist[] = [];
  if (table.allowlist !== undefined) lists.push(readAllowlist(table.allowlist, file, `${prefix}[${prefix ? 'rules.' : ''}allowlist]`, global));
  if (table.allowlists !== undefined) {
    if (!Array.isArray(table.allowlists)) invalid(file, `${prefix}"allowlists" must be an array of tables ([[${prefix ? 'rules.' : ''}allowlists]])`);
    table.allowlists.forEach((item, index) => lists.push(readAllowlist(item, file, `${prefix}[[${prefix ? 'rules.' : ''}allowlists]] #${index + 1}`, global)));
  }
  return lists;
}

function readRule(value: unknown, index: number, file: string): GitleaksRule {
  if (!isTable(value)) invalid(file, `[[rules]] #${index + 1} must be a table`);
  if (typeof value.id !== 'string' || value.id.trim() === '') invalid(file, `[[rules]] #${index + 1}: "id" must be a non-empty string`);
  const where = `rule ${JSON.stringify(value.id)}`;
  const secretGroup = value.secretGroup;
  if (secretGroup !== undefined && (!Number.isInteger(secretGroup) || (secretGroup as number) < 0)) invalid(file, `${where}: "secretGroup" must be a whole number ≥ 0`);
  const entropy = value.entropy;
  if (entropy !== undefined && (typeof entropy !== 'number' || entropy < 0 || entropy > 8)) invalid(file, `${where}: "entropy" must be a number of bits per character between 0 and 8`);
  stringList(value, 'tags', file, where);
  return {
    id: value.id,
    description: optionalString(value, 'description', file, where),
    regex: optionalString(value, 'regex', file, where),
    secretGroup: secretGroup as number | undefined,
    entropy: entropy as number | undefined,
    keywords: stringList(value, 'keywords', file, where),
    path: optionalString(value, 'path', file, where),
    allowlists: readAllowlists(value, file, `${where} `, false),
    unknownKeys: unknownOf(value, RULE_KEYS),
  };
}

/** TOML text → the config's parts; bad TOML or a value of the wrong type is one line naming the file and where. */
export function parseGitleaksToml(text: string, file: string): GitleaksDocument {
  let doc: Table;
  try {
    doc = parse(text) as Table;
  } catch (error) {
    // the library adds a code frame on the next lines: keep the reason and say where
    const reason = errorMessage(error).split('\n')[0].replace(/^Invalid TOML document:\s*/, '');
    const at = error instanceof TomlError ? ` at line ${error.line}, column ${error.column}` : '';
    invalid(file, `not valid TOML${at} (${reason})`);
  }
  const extend = doc.extend ?? {};
  if (!isTable(extend)) invalid(file, '[extend] must be a table');
  if (extend.useDefault !== undefined && typeof extend.useDefault !== 'boolean') invalid(file, '[extend]: "useDefault" must be true or false');
  const rules = doc.rules ?? [];
  if (!Array.isArray(rules)) invalid(file, '"rules" must be an array of tables ([[rules]])');
  const extendsOther = (['path', 'url'] as const).filter((key) => optionalString(extend, key, file, '[extend]') !== undefined);
  return {
    file,
    useDefault: extend.useDefault === true,
    disabledRules: stringList(extend, 'disabledRules', file, '[extend]'),
    extendsOther: extendsOther.map((key) => `[extend] ${key}`),
    rules: rules.map((rule, index) => readRule(rule, index, file)),
    allowlists: readAllowlists(doc, file, '', true),
    unknownKeys: [...unknownOf(doc, TOP_KEYS), ...unknownOf(extend, EXTEND_KEYS).map((key) => `extend.${key}`)],
  };
}
