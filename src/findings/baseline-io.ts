// Baseline files: read ours or another tool's (recognized by content), validate, and write atomically with mode 0600.
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { LeaksweepError, errorMessage } from '../errors.js';
import { BASELINE_STATUSES, expiryTime, instantTime, serializeBaseline, sortEntries, type Baseline, type BaselineKeying, type LastVerification, type NativeEntry } from './baseline.js';
import { VERIFICATION_STATUSES } from './finding.js';
import { importDetectSecrets, importGitleaksIgnore, importGitleaksReport } from './baseline-import.js';

export const DEFAULT_BASELINE_FILE = '.leaksweep-baseline.json';

const TOP_KEYS = new Set(['version', 'keyed', 'salt', 'entries']);
const ENTRY_KEYS = new Set(['fingerprint', 'ruleId', 'path', 'commit', 'redacted', 'status', 'reason', 'reviewer', 'expires', 'verification']);
const VERIFICATION_KEYS = new Set(['status', 'checkedAt', 'provider']);
// a verifier's name: the audit prints it, so a hand-edited file cannot put control characters on a terminal
const PROVIDER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const HEX64 = /^[0-9a-f]{64}$/;

export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new LeaksweepError('BASELINE_UNREADABLE', `${file}: cannot read the baseline (${errorMessage(error)})`, { cause: error });
  }
  return parseBaseline(text, file);
}

/**
 * JSON is ours (`version` and `entries`), detect-secrets (`results` with `plugins_used` or `generated_at`)
 * or a gitleaks report (a list). Anything else that is not JSON is read as a .gitleaksignore, unless the
 * name says JSON: a broken baseline should say "not JSON", not complain about gitleaks fingerprints.
 */
/**
 * V8's reason without the text it quotes: a broken gitleaks report holds secrets, and the quote would put
 * them on stderr. The position becomes a line and column.
 */
function jsonProblem(message: string, text: string): string {
  const unquoted = message.replace(/,? ".*"(?:\.\.\.)? is not valid JSON$/s, '').replace(/^Unexpected token '.*?'/s, 'Unexpected character');
  const at = /(?:in JSON )?at position (\d+)(?: \(line \d+ column \d+\))?/.exec(unquoted);
  if (!at) return unquoted.replace(/\s+/g, ' ');
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${unquoted.slice(0, at.index).trim()} at line ${line}, column ${column}`;
}

export function parseBaseline(text: string, file: string): Baseline {
  const unmarked = text.replace(/^\uFEFF/, '');
  const body = unmarked.trim();
  const jsonByName = /\.(json|baseline)$/i.test(basename(file));
  if (!body.startsWith('{') && !body.startsWith('[') && !jsonByName) return importGitleaksIgnore(unmarked, file);
  if (body === '') throw invalid(file, `empty file (expected a leaksweep baseline: {"version": 1, …})`);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw invalid(file, `not JSON (${jsonProblem(errorMessage(error), body)}); expected a leaksweep baseline, a detect-secrets baseline or a gitleaks JSON report`);
  }
  if (Array.isArray(json)) return importGitleaksReport(json, file);
  if (!isObject(json)) throw invalid(file, 'expected a JSON object: {"version": 1, "entries": […]}');
  if (isObject(json.results) && ('plugins_used' in json || 'generated_at' in json)) return importDetectSecrets(json, file);
  return parseNative(json, file);
}

/** Writes through a temporary file and a rename, so a failed write never leaves half a baseline behind. */
export function writeBaseline(file: string, baseline: Baseline): void {
  const text = serializeBaseline(baseline);
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, text, { mode: 0o600, flag: 'wx' });
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new LeaksweepError('BASELINE_WRITE_FAILED', `${file}: cannot write the baseline (${errorMessage(error)})`, { cause: error });
  }
}

function parseNative(json: Record<string, unknown>, file: string): Baseline {
  if (!('version' in json)) throw invalid(file, 'expected "version": 1 (a leaksweep baseline), a detect-secrets baseline or a gitleaks JSON report');
  if (json.version !== 1) throw invalid(file, `unsupported "version": ${shown(json.version)} (expected 1)`);
  for (const key of Object.keys(json)) {
    if (!TOP_KEYS.has(key)) throw invalid(file, `unknown field ${JSON.stringify(key)} (expected ${[...TOP_KEYS].join(', ')})`);
  }
  const keying = parseKeying(json, file);
  if (!Array.isArray(json.entries)) throw invalid(file, '"entries" must be a list');
  const seen = new Set<string>();
  const entries = json.entries.map((item: unknown, i): NativeEntry => {
    const entry = parseEntry(item, `${file}: entries[${i}]`);
    // a merge that kept both sides of a conflict: which triage wins is a human decision
    if (seen.has(entry.fingerprint)) throw invalid(file, `entries[${i}]: fingerprint ${entry.fingerprint} appears twice`);
    seen.add(entry.fingerprint);
    return entry;
  });
  return { version: 1, format: 'leaksweep', keying, entries: sortEntries(entries) };
}

function parseKeying(json: Record<string, unknown>, file: string): BaselineKeying {
  const keyed = json.keyed ?? (json.salt !== undefined ? 'salt' : undefined);
  if (keyed === 'env') {
    if (json.salt !== undefined) throw invalid(file, '"keyed": "env" baselines hold no "salt"');
    return { keyed: 'env' };
  }
  if (keyed === undefined) throw invalid(file, 'expected "salt" (64 hex characters) or "keyed": "env"');
  if (keyed !== 'salt') throw invalid(file, `"keyed" must be "salt" or "env" (got ${shown(keyed)})`);
  if (typeof json.salt !== 'string' || !HEX64.test(json.salt)) throw invalid(file, '"salt" must be 64 lowercase hex characters (32 random bytes)');
  return { keyed: 'salt', salt: json.salt };
}

function parseEntry(item: unknown, where: string): NativeEntry {
  if (!isObject(item)) throw new LeaksweepError('BASELINE_INVALID', `${where}: expected an object`);
  const fail = (expected: string) => new LeaksweepError('BASELINE_INVALID', `${where}: ${expected}`);
  for (const key of Object.keys(item)) {
    if (!ENTRY_KEYS.has(key)) throw fail(`unknown field ${JSON.stringify(key)} (expected ${[...ENTRY_KEYS].join(', ')})`);
  }
  if (typeof item.fingerprint !== 'string' || !HEX64.test(item.fingerprint)) throw fail('"fingerprint" must be 64 lowercase hex characters');
  for (const key of ['ruleId', 'path'] as const) {
    if (typeof item[key] !== 'string' || item[key] === '') throw fail(`"${key}" must be a non-empty string`);
  }
  if (typeof item.redacted !== 'string') throw fail('"redacted" must be a string');
  if (item.commit !== undefined && (typeof item.commit !== 'string' || !/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(item.commit))) {
    throw fail('"commit" must be a full commit id');
  }
  if (!BASELINE_STATUSES.includes(item.status as never)) {
    throw fail(`"status" must be one of ${BASELINE_STATUSES.join(', ')} (got ${shown(item.status)})`);
  }
  for (const key of ['reason', 'reviewer'] as const) {
    if (item[key] !== undefined && typeof item[key] !== 'string') throw fail(`"${key}" must be a string`);
  }
  if (item.expires !== undefined && (typeof item.expires !== 'string' || Number.isNaN(expiryTime(item.expires)))) {
    throw fail(`"expires" must be an ISO date such as 2025-06-30 or 2025-06-30T12:00:00Z (got ${shown(item.expires)})`);
  }
  const verification = item.verification === undefined ? undefined : parseVerification(item.verification, fail);
  const entry = item as Record<string, string>;
  return {
    fingerprint: entry.fingerprint,
    ruleId: entry.ruleId,
    path: entry.path,
    ...(entry.commit !== undefined ? { commit: entry.commit } : {}),
    redacted: entry.redacted,
    status: entry.status as NativeEntry['status'],
    ...(entry.reason !== undefined ? { reason: entry.reason } : {}),
    ...(entry.reviewer !== undefined ? { reviewer: entry.reviewer } : {}),
    ...(entry.expires !== undefined ? { expires: entry.expires } : {}),
    ...(verification ? { verification } : {}),
  };
}

function parseVerification(value: unknown, fail: (expected: string) => LeaksweepError): LastVerification {
  if (!isObject(value)) throw fail('"verification" must be an object: {"status", "checkedAt", "provider"}');
  for (const key of Object.keys(value)) {
    if (!VERIFICATION_KEYS.has(key)) throw fail(`"verification": unknown field ${JSON.stringify(key)} (expected ${[...VERIFICATION_KEYS].join(', ')})`);
  }
  if (!VERIFICATION_STATUSES.includes(value.status as never)) {
    throw fail(`"verification.status" must be one of ${VERIFICATION_STATUSES.join(', ')} (got ${shown(value.status)})`);
  }
  if (typeof value.checkedAt !== 'string' || Number.isNaN(instantTime(value.checkedAt))) {
    throw fail(`"verification.checkedAt" must be an ISO timestamp such as 2025-06-30T12:00:00Z (got ${shown(value.checkedAt)})`);
  }
  if (typeof value.provider !== 'string' || !PROVIDER.test(value.provider)) {
    throw fail(`"verification.provider" must be a verifier name such as github (got ${shown(value.provider)})`);
  }
  return { status: value.status as LastVerification['status'], checkedAt: value.checkedAt, provider: value.provider };
}

/** A value quoted in an error, cut short; JSON.stringify throws on one nested too deep, so that is named by its type. */
function shown(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  text ??= Array.isArray(value) ? 'a list' : typeof value;
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(file: string, expected: string): LeaksweepError {
  return new LeaksweepError('BASELINE_INVALID', `${file}: ${expected}`);
}
