// Baselines of other tools (detect-secrets, gitleaks report, .gitleaksignore) read as ours, and how their entries match findings.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { LeaksweepError } from '../errors.js';
import type { Baseline, EntryTriage } from './baseline.js';
import type { Finding } from './finding.js';
import { redact } from './redact.js';

/**
 * An entry another tool wrote. It has no fingerprint of ours, so it matches by what that tool kept, and it
 * is never written to our file: updateBaseline turns the entries that match a finding into ours.
 */
export interface ImportedEntry extends EntryTriage {
  source: 'detect-secrets' | 'gitleaks-report' | 'gitleaksignore';
  /** detect-secrets' SHA-1 of the secret: unsalted, so it stays in memory */
  hashedSecret?: string;
  /** a plain secret from a gitleaks report, as an HMAC under a key that lives only in this process */
  secretDigest?: string;
  /** our rule ids the foreign rule stands for; absent when unmapped, and then the rule is not compared */
  ruleIds?: readonly string[];
  line?: number;
}

/**
 * gitleaks rule ids whose meaning is plain, mapped to ours so an entry cannot suppress another kind of
 * secret at the same place. Others (generic-api-key …) are left out on purpose: a wrong mapping would
 * make an entry match nothing, while no mapping only makes it match on path and commit.
 */
export const GITLEAKS_RULE_MAP: Readonly<Record<string, readonly string[]>> = {
  'aws-access-token': ['aws.access-key-id'],
  'github-pat': ['github.personal-access-token'],
  'github-fine-grained-pat': ['github.fine-grained-pat'],
  'github-oauth': ['github.oauth-token'],
  'github-app-token': ['github.app-token'],
  'github-refresh-token': ['github.refresh-token'],
  'slack-bot-token': ['slack.bot-token'],
  'slack-user-token': ['slack.user-token'],
  'slack-app-token': ['slack.app-token'],
  'slack-webhook-url': ['slack.webhook-url'],
  'stripe-access-token': ['stripe.secret-key', 'stripe.restricted-key', 'stripe.test-key'],
  'private-key': ['pem.private-key', 'pem.encrypted-private-key', 'openssh.private-key'],
};

// Lets a plain gitleaks secret be compared without keeping it; random per process, so the digest is worthless elsewhere.
const MEMORY_KEY = randomBytes(32);
const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const NO_SECRET = '********';

/**
 * detect-secrets: same path and SHA-1 of the secret equal to `hashed_secret` (needs the plain secret).
 * gitleaks: same path; the rule when mapped; then the secret when both sides have it, else the commit
 * (first or any later one that introduced it) when the entry names one, else the path alone. Line numbers
 * are ignored on purpose: they move with every edit above the secret.
 */
export function matchesImported(entry: ImportedEntry, finding: Finding, secret: string | undefined): boolean {
  if (entry.path !== finding.path) return false;
  if (entry.source === 'detect-secrets') {
    return secret !== undefined && entry.hashedSecret !== undefined && (sha1(secret) === entry.hashedSecret || sha1(secret.trim()) === entry.hashedSecret);
  }
  if (entry.ruleIds && !entry.ruleIds.includes(finding.ruleId)) return false;
  if (entry.secretDigest !== undefined && secret !== undefined) return memoryDigest(secret) === entry.secretDigest;
  if (entry.commit) {
    const commit = entry.commit;
    return [finding.commit, ...finding.laterCommits].some((candidate) => candidate !== undefined && candidate.startsWith(commit));
  }
  return true;
}

/** detect-secrets `.secrets.baseline`: `results` maps a path to the secrets found there, each with its SHA-1. */
export function importDetectSecrets(json: Record<string, unknown>, file: string): Baseline {
  const results = json.results;
  if (!isObject(results)) throw invalid(file, '"results" must be an object mapping paths to lists of secrets');
  const entries: ImportedEntry[] = [];
  for (const [path, list] of Object.entries(results)) {
    if (!Array.isArray(list)) throw invalid(file, `results[${JSON.stringify(path)}] must be a list`);
    list.forEach((item: unknown, i) => {
      const where = `results[${JSON.stringify(path)}][${i}]`;
      if (!isObject(item)) throw invalid(file, `${where} must be an object`);
      if (typeof item.type !== 'string') throw invalid(file, `${where}: "type" must be a string`);
      if (typeof item.hashed_secret !== 'string' || !/^[0-9a-f]{40}$/.test(item.hashed_secret)) {
        throw invalid(file, `${where}: "hashed_secret" must be a 40-character hex SHA-1`);
      }
      if (item.line_number !== undefined && !isLine(item.line_number)) throw invalid(file, `${where}: "line_number" must be a line number`);
      if (item.is_secret !== undefined && typeof item.is_secret !== 'boolean') throw invalid(file, `${where}: "is_secret" must be true or false`);
      // audited as a real secret: known, so it does not fail, but still waiting for a decision (revoke or accept)
      const triage: Pick<EntryTriage, 'status' | 'reason'> =
        item.is_secret === false ? { status: 'false-positive', reason: 'detect-secrets audit: not a secret' }
        : item.is_secret === true ? { status: 'unreviewed', reason: 'detect-secrets audit: a real secret' }
        : { status: 'unreviewed' };
      entries.push({
        source: 'detect-secrets',
        ruleId: item.type,
        path: normalizePath(path),
        redacted: NO_SECRET,
        ...triage,
        hashedSecret: item.hashed_secret,
        line: item.line_number as number | undefined,
      });
    });
  }
  return { version: 1, format: 'detect-secrets', keying: null, entries };
}

/** gitleaks JSON report: a list of findings with RuleID, File, Commit, StartLine, Secret (plain or "REDACTED") and Fingerprint. */
export function importGitleaksReport(json: unknown[], file: string): Baseline {
  const entries = json.map((item, i): ImportedEntry => {
    const where = `[${i}]`;
    if (!isObject(item)) throw invalid(file, `${where} must be an object (a gitleaks finding)`);
    const parsed = typeof item.Fingerprint === 'string' ? parseGitleaksFingerprint(item.Fingerprint) : undefined;
    const ruleId = typeof item.RuleID === 'string' && item.RuleID ? item.RuleID : parsed?.ruleId;
    const path = typeof item.File === 'string' && item.File ? item.File : parsed?.path;
    if (!ruleId) throw invalid(file, `${where}: expected "RuleID" (a gitleaks rule id)`);
    if (!path) throw invalid(file, `${where}: expected "File" (the path of the finding)`);
    for (const key of ['Commit', 'Secret'] as const) {
      if (item[key] !== undefined && typeof item[key] !== 'string') throw invalid(file, `${where}: "${key}" must be a string`);
    }
    if (item.StartLine !== undefined && !isLine(item.StartLine)) throw invalid(file, `${where}: "StartLine" must be a line number`);
    const commit = (item.Commit as string | undefined) || parsed?.commit;
    if (commit !== undefined && !COMMIT.test(commit)) throw invalid(file, `${where}: "Commit" must be a full commit id`);
    const secret = plainSecret(item.Secret as string | undefined);
    return {
      source: 'gitleaks-report',
      ruleId,
      path: normalizePath(path),
      ...(commit ? { commit } : {}),
      redacted: secret === undefined ? NO_SECRET : redact(secret),
      status: 'unreviewed',
      ...(secret === undefined ? {} : { secretDigest: memoryDigest(secret) }),
      ...ruleIdsOf(ruleId),
      line: (item.StartLine as number | undefined) ?? parsed?.line,
    };
  });
  return { version: 1, format: 'gitleaks-report', keying: null, entries };
}

/** `.gitleaksignore`: one gitleaks fingerprint per line (`commit:file:rule-id:line` or `file:rule-id:line`), `#` comments. */
export function importGitleaksIgnore(text: string, file: string): Baseline {
  const entries: ImportedEntry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const parsed = parseGitleaksFingerprint(line);
    if (!parsed) throw invalid(file, `line ${i + 1}: expected a gitleaks fingerprint, commit:file:rule-id:line or file:rule-id:line`);
    entries.push({
      source: 'gitleaksignore',
      ruleId: parsed.ruleId,
      path: normalizePath(parsed.path),
      ...(parsed.commit ? { commit: parsed.commit } : {}),
      redacted: NO_SECRET,
      // someone chose to let it pass; whether it is a real secret the file does not say
      status: 'accepted-risk',
      reason: 'listed in .gitleaksignore',
      ...ruleIdsOf(parsed.ruleId),
      line: parsed.line,
    });
  });
  return { version: 1, format: 'gitleaksignore', keying: null, entries };
}

interface GitleaksFingerprint {
  commit?: string;
  path: string;
  ruleId: string;
  line: number;
}

/** Read from the right, since a path may hold colons: line, then rule id, then an optional leading commit id. */
export function parseGitleaksFingerprint(text: string): GitleaksFingerprint | undefined {
  const parts = text.split(':');
  if (parts.length < 3) return undefined;
  // decimal digits only: Number() would also take '', ' 7', '0x1F' and '1e3'
  const lineText = parts.pop()!;
  const line = Number(lineText);
  const ruleId = parts.pop()!;
  if (!/^\d+$/.test(lineText) || !Number.isSafeInteger(line) || !/^[A-Za-z0-9._-]+$/.test(ruleId)) return undefined;
  const commit = parts.length > 1 && COMMIT.test(parts[0]) ? parts.shift() : undefined;
  const path = parts.join(':');
  return path ? { ...(commit ? { commit } : {}), path, ruleId, line } : undefined;
}

function ruleIdsOf(foreignRuleId: string): { ruleIds?: readonly string[] } {
  const mapped = GITLEAKS_RULE_MAP[foreignRuleId];
  return mapped ? { ruleIds: mapped } : {};
}

/** gitleaks writes "REDACTED" with --redact and a prefix ending in "..." with --redact=N: neither is the secret. */
function plainSecret(secret: string | undefined): string | undefined {
  const trimmed = secret?.trim();
  if (!trimmed || trimmed === 'REDACTED' || trimmed.endsWith('...')) return undefined;
  return trimmed;
}

function memoryDigest(secret: string): string {
  return createHmac('sha256', MEMORY_KEY).update(secret.trim()).digest('hex');
}

function sha1(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

/** Foreign tools may write `./a/b` or `a\b`; our paths are repository-relative with forward slashes. */
function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
}

function isLine(value: unknown): boolean {
  // 1e30 is an integer to JavaScript, but no line number: it cannot even be held exactly
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(file: string, expected: string): LeaksweepError {
  return new LeaksweepError('BASELINE_INVALID', `${file}: ${expected}`);
}
