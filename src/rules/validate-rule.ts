// Checks one raw rule object field by field; errors name the file, the rule and the field.
import { LeaksweepError } from '../errors.js';
import { CHECKSUM_KINDS, CONFIDENCES, type ChecksumKind, type Confidence, type RuleAllow, type RuleExample, type RuleSpec, type Severity } from './rule-spec.js';

const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
const ID_SHAPE = /^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9.-]*$/;

type Raw = Record<string, unknown>;

function fail(where: string, field: string, expected: string): never {
  throw new LeaksweepError('RULE_INVALID', `${where}: field "${field}" ${expected}`);
}

function stringList(raw: Raw, field: string, where: string, required: boolean): string[] {
  const value = raw[field];
  if (value === undefined && !required) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item.length > 0)) {
    fail(where, field, 'must be a list of non-empty strings');
  }
  return value as string[];
}

function examples(raw: Raw, field: string, where: string): RuleExample[] {
  const value = raw[field] ?? [];
  if (!Array.isArray(value)) fail(where, field, 'must be a list');
  return (value as unknown[]).map((item) => {
    if (typeof item === 'string') return { text: item };
    const example = item as Raw;
    if (typeof example !== 'object' || example === null || typeof example.text !== 'string') {
      fail(where, field, 'items must be strings or objects with a "text" string');
    }
    if (example.secret !== undefined && typeof example.secret !== 'string') fail(where, `${field}.secret`, 'must be a string');
    if (example.path !== undefined && typeof example.path !== 'string') fail(where, `${field}.path`, 'must be a string');
    return { text: example.text as string, secret: example.secret as string | undefined, path: example.path as string | undefined };
  });
}

const ALLOW_KEYS = ['paths', 'regexes', 'lines', 'stopwords'];

export function validateAllow(value: unknown, where: string): RuleAllow {
  const allow = value as Raw;
  if (typeof allow !== 'object' || allow === null || Array.isArray(allow)) fail(where, 'allow', 'must be a mapping');
  // a misspelt key (`path:`) would otherwise allow nothing, silently
  for (const key of Object.keys(allow)) if (!ALLOW_KEYS.includes(key)) fail(where, 'allow', `has unknown key ${JSON.stringify(key)} (expected ${ALLOW_KEYS.join(', ')})`);
  return {
    paths: stringList(allow, 'paths', where, false),
    regexes: stringList(allow, 'regexes', where, false),
    lines: stringList(allow, 'lines', where, false),
    stopwords: stringList(allow, 'stopwords', where, false),
  };
}

function allow(raw: Raw, where: string): RuleAllow | undefined {
  return raw.allow === undefined ? undefined : validateAllow(raw.allow, `${where} allow`);
}

export function validateRuleSpec(input: unknown, where: string, source?: string): RuleSpec {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new LeaksweepError('RULE_INVALID', `${where}: expected a mapping with id, name, regex …`);
  }
  const raw = input as Raw;
  if (typeof raw.id !== 'string' || !ID_SHAPE.test(raw.id)) fail(where, 'id', 'must look like "provider.kind" (lowercase)');
  const at = `${source ?? where} rule "${raw.id}"`;
  if (typeof raw.name !== 'string' || raw.name.length === 0) fail(at, 'name', 'must be a non-empty string');
  if (!SEVERITIES.includes(raw.severity as Severity)) fail(at, 'severity', `must be one of ${SEVERITIES.join(', ')}`);
  const regex = Array.isArray(raw.regex) && raw.regex.every((part) => typeof part === 'string') ? raw.regex.join('') : raw.regex;
  if (typeof regex !== 'string' || regex.length === 0) fail(at, 'regex', 'must be a string or a list of strings');
  const secretGroup = raw.secretGroup ?? 0;
  if (!Number.isInteger(secretGroup) || (secretGroup as number) < 0) fail(at, 'secretGroup', 'must be a whole number ≥ 0');
  if (raw.entropy !== undefined && (typeof raw.entropy !== 'number' || raw.entropy < 0 || raw.entropy > 8)) {
    fail(at, 'entropy', 'must be a number of bits per character between 0 and 8');
  }
  if (raw.decode !== undefined && raw.decode !== 'base64') fail(at, 'decode', 'must be "base64"');
  if (raw.maxCharsPerToken !== undefined && (typeof raw.maxCharsPerToken !== 'number' || raw.maxCharsPerToken <= 0)) fail(at, 'maxCharsPerToken', 'must be a number > 0');
  if (raw.decodedRegex !== undefined && (typeof raw.decodedRegex !== 'string' || raw.decode === undefined)) {
    fail(at, 'decodedRegex', 'must be a regex string, and needs "decode"');
  }
  if (raw.itemRegex !== undefined && typeof raw.itemRegex !== 'string') fail(at, 'itemRegex', 'must be a regex string');
  let window: RuleSpec['window'];
  if (raw.window !== undefined) {
    const w = raw.window as Raw;
    if (!Number.isInteger(w?.before) || !Number.isInteger(w?.after) || (w.before as number) < 0 || (w.after as number) < 0) {
      fail(at, 'window', 'must be {before: N, after: N} with whole numbers ≥ 0');
    }
    window = { before: w.before as number, after: w.after as number };
  }
  const files = stringList(raw, 'files', at, false);
  if (raw.files !== undefined && files.length === 0) fail(at, 'files', 'must list at least one path pattern');
  const keywords = stringList(raw, 'keywords', at, true).map((keyword) => keyword.toLowerCase());
  if (keywords.length === 0 && files.length === 0) fail(at, 'keywords', 'must list at least one literal keyword (or the rule needs "files")');
  if (raw.revoke !== undefined && (typeof raw.revoke !== 'string' || !raw.revoke.startsWith('https://'))) fail(at, 'revoke', 'must be an https:// link');
  if (raw.checksum !== undefined && !CHECKSUM_KINDS.includes(raw.checksum as ChecksumKind)) fail(at, 'checksum', `must be one of ${CHECKSUM_KINDS.join(', ')}`);
  if (raw.confidence !== undefined && !CONFIDENCES.includes(raw.confidence as Confidence)) fail(at, 'confidence', `must be one of ${CONFIDENCES.join(', ')}`);
  return {
    id: raw.id,
    name: raw.name,
    severity: raw.severity as Severity,
    keywords,
    ...(files.length > 0 ? { files } : {}),
    ...(raw.confidence ? { confidence: raw.confidence as Confidence } : {}),
    regex,
    secretGroup: secretGroup as number,
    entropy: raw.entropy as number | undefined,
    ...(raw.maxCharsPerToken !== undefined ? { maxCharsPerToken: raw.maxCharsPerToken as number } : {}),
    ...(raw.itemRegex ? { itemRegex: raw.itemRegex as string } : {}),
    ...(raw.decode ? { decode: raw.decode as 'base64' } : {}),
    ...(raw.decodedRegex ? { decodedRegex: raw.decodedRegex as string } : {}),
    window,
    allow: allow(raw, at),
    references: stringList(raw, 'references', at, false),
    ...(raw.revoke !== undefined ? { revoke: raw.revoke as string } : {}),
    ...(raw.checksum !== undefined ? { checksum: raw.checksum as ChecksumKind } : {}),
    examples: examples(raw, 'examples', at),
    negativeExamples: examples(raw, 'negativeExamples', at),
    source,
  };
}
