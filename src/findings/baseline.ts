// Baselines: what is already known and triaged, so only new leaks fail. Pure operations and stable serialization.
import { randomBytes } from 'node:crypto';
import { LeaksweepError } from '../errors.js';
import { VERIFICATION_STATUSES, type Finding, type Verification, type VerificationStatus } from './finding.js';
import { envFingerprintKey, type Env } from './fingerprint.js';
import { matchesImported, type ImportedEntry } from './baseline-import.js';

export const BASELINE_STATUSES = ['unreviewed', 'false-positive', 'accepted-risk', 'revoked'] as const;
export type BaselineStatus = (typeof BASELINE_STATUSES)[number];

/** How the fingerprints of a baseline are keyed: a random salt stored in the file, or LEAKSWEEP_BASELINE_KEY (stored nowhere). */
export type BaselineKeying = { keyed: 'salt'; salt: string } | { keyed: 'env' };

export type BaselineFormat = 'leaksweep' | 'detect-secrets' | 'gitleaks-report' | 'gitleaksignore';

/** Triage shared by our entries and imported ones. */
export interface EntryTriage {
  ruleId: string;
  path: string;
  /** commit that first introduced the secret at this path */
  commit?: string;
  redacted: string;
  status: BaselineStatus;
  reason?: string;
  reviewer?: string;
  /** ISO date (through the end of that day, UTC) or timestamp; only an `accepted-risk` expires */
  expires?: string;
}

export interface NativeEntry extends EntryTriage {
  fingerprint: string;
  /** the provider's last answer for this finding (--verify): what it said and when, not whose key it is */
  verification?: LastVerification;
}

export type LastVerification = Pick<Verification, 'status' | 'checkedAt' | 'provider'>;

export type BaselineEntry = NativeEntry | ImportedEntry;

export interface Baseline {
  version: 1;
  format: BaselineFormat;
  /** null for baselines imported from other tools: they cannot be written back until converted by updateBaseline */
  keying: BaselineKeying | null;
  entries: BaselineEntry[];
}

export interface BaselineResult {
  /** not in the baseline, or known under an accepted risk that has expired */
  fresh: Finding[];
  suppressed: Finding[];
  /** in the baseline, no longer found */
  stale: BaselineEntry[];
  /** accepted risks past their expiry whose findings are in `fresh` again */
  expired: BaselineEntry[];
}

export interface BaselineAudit {
  total: number;
  byStatus: Record<BaselineStatus, number>;
  /** entries by the provider's last answer; `none`: never verified (or imported) */
  byVerification: Record<VerificationStatus | 'none', number>;
  /** triaged as harmless (false positive, revoked) yet live when last verified: the triage is wrong or the key came back */
  liveButDismissed: NativeEntry[];
  /** accepted risks past their expiry: they fail scans again */
  expired: BaselineEntry[];
  unreviewed: BaselineEntry[];
}

export function isImported(entry: BaselineEntry): entry is ImportedEntry {
  return 'source' in entry;
}

/** The keying of a new baseline: the environment key when set, else 32 fresh random bytes stored as its salt. */
export function newBaselineKeying(env: Env): BaselineKeying {
  return envFingerprintKey(env) ? { keyed: 'env' } : { keyed: 'salt', salt: randomBytes(32).toString('hex') };
}

/** Findings must carry fingerprints made with fingerprintKey(env, keying), or nothing will match later. */
export function createBaseline(findings: Finding[], keying: BaselineKeying): Baseline {
  return updateBaseline({ version: 1, format: 'leaksweep', keying, entries: [] }, findings);
}

/**
 * Adds findings not yet known as `unreviewed` and leaves existing triage untouched; `prune` drops entries
 * no longer found. An imported baseline is converted: entries that match a finding become ours with
 * their triage, the rest are dropped, because their identity (a plain secret, an unsalted SHA-1) must not
 * be written. Converting needs `keying`, the same the findings were fingerprinted with.
 */
export function updateBaseline(baseline: Baseline, findings: Finding[], options: { prune?: boolean; keying?: BaselineKeying } = {}): Baseline {
  const keying = baseline.keying ?? options.keying;
  if (!keying) {
    throw new LeaksweepError('USAGE', `a ${baseline.format} baseline is converted when updated: give the keying of the new baseline`);
  }
  const index = indexEntries(baseline.entries);
  const found = new Set<BaselineEntry>();
  const added = new Map<string, NativeEntry>();
  const verified = new Map<string, LastVerification>();
  for (const finding of findings) {
    const entry = findEntry(index, finding);
    if (entry) found.add(entry);
    if (finding.verification) verified.set(finding.fingerprint, lastVerification(finding.verification));
    if ((entry && !isImported(entry)) || added.has(finding.fingerprint)) continue;
    const triage = entry ? pickTriage(entry) : { status: 'unreviewed' as const };
    added.set(finding.fingerprint, { ...entryOf(finding), ...triage });
  }
  // a scan without --verify leaves the last answer as it was: not asking is not news about the key
  const withLast = (entry: NativeEntry): NativeEntry => {
    const last = verified.get(entry.fingerprint);
    return last ? { ...entry, verification: last } : entry;
  };
  const kept = baseline.entries
    .filter((entry): entry is NativeEntry => !isImported(entry) && (!options.prune || found.has(entry)))
    .map(withLast);
  return { version: 1, format: 'leaksweep', keying, entries: sortEntries([...kept, ...[...added.values()].map(withLast)]) };
}

/** Only what the audit needs: the identity (account, scopes, email) stays out of a file that is committed. */
function lastVerification(verification: Verification): LastVerification {
  const { status, checkedAt, provider } = verification;
  return { status, checkedAt, provider };
}


/** Splits a scan's findings by the baseline. Findings keep `secret` until here when imported entries need it. */
export function applyBaseline(findings: Finding[], baseline: Baseline, now: Date = new Date()): BaselineResult {
  const index = indexEntries(baseline.entries);
  const fresh: Finding[] = [];
  const suppressed: Finding[] = [];
  const found = new Set<BaselineEntry>();
  const expired = new Set<BaselineEntry>();
  for (const finding of findings) {
    const entry = findEntry(index, finding);
    if (entry) found.add(entry);
    if (entry && isExpired(entry, now)) expired.add(entry);
    (entry && !expired.has(entry) ? suppressed : fresh).push(finding);
  }
  return { fresh, suppressed, stale: baseline.entries.filter((entry) => !found.has(entry)), expired: [...expired] };
}

/**
 * Whether an entry stands for a finding. Ours compare fingerprints; imported ones compare what their tool
 * kept (see baseline-import.ts), some of which needs the plain secret: pass it when the finding has none.
 */
export function matches(entry: BaselineEntry, finding: Finding, secret: string | undefined = finding.secret): boolean {
  return isImported(entry) ? matchesImported(entry, finding, secret) : entry.fingerprint === finding.fingerprint;
}

export function isExpired(entry: EntryTriage, now: Date): boolean {
  if (entry.status !== 'accepted-risk' || entry.expires === undefined) return false;
  return now.getTime() >= expiryTime(entry.expires);
}

/** A date alone holds through that whole day (UTC); a timestamp is the instant. NaN when not a valid ISO date. */
export function expiryTime(expires: string): number {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(expires);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]) - 1, Number(day[3])];
    const start = new Date(Date.UTC(year, month, date));
    // Date.UTC rolls 2024-02-30 over into March; a date that does not round-trip is not a date
    if (start.getUTCFullYear() !== year || start.getUTCMonth() !== month || start.getUTCDate() !== date) return NaN;
    return Date.UTC(year, month, date + 1);
  }
  return instantTime(expires);
}

/** An ISO timestamp with its offset; NaN for anything else (a date alone, a local time, a typo). */
export function instantTime(text: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return NaN;
  return Date.parse(text);
}

/** For a non-interactive `baseline audit`: what has been decided, and what still waits for a decision. */
export function auditBaseline(baseline: Baseline, now: Date = new Date()): BaselineAudit {
  const byStatus = Object.fromEntries(BASELINE_STATUSES.map((status) => [status, 0])) as Record<BaselineStatus, number>;
  for (const entry of baseline.entries) byStatus[entry.status] += 1;
  const byVerification = Object.fromEntries([...VERIFICATION_STATUSES, 'none'].map((status) => [status, 0])) as BaselineAudit['byVerification'];
  for (const entry of baseline.entries) byVerification[lastStatus(entry)] += 1;
  return {
    total: baseline.entries.length,
    byStatus,
    byVerification,
    liveButDismissed: baseline.entries.filter(
      (entry): entry is NativeEntry => lastStatus(entry) === 'valid' && (entry.status === 'false-positive' || entry.status === 'revoked'),
    ),
    expired: baseline.entries.filter((entry) => isExpired(entry, now)),
    unreviewed: baseline.entries.filter((entry) => entry.status === 'unreviewed'),
  };
}

function lastStatus(entry: BaselineEntry): VerificationStatus | 'none' {
  return (!isImported(entry) && entry.verification?.status) || 'none';
}

/** Stable bytes for git: sorted entries, fixed key order, two-space JSON, trailing newline, nothing that changes per run. */
export function serializeBaseline(baseline: Baseline): string {
  if (!baseline.keying) {
    throw new LeaksweepError('USAGE', `a ${baseline.format} baseline cannot be written as ours: convert it with updateBaseline first`);
  }
  const entries = sortEntries(baseline.entries.filter((entry): entry is NativeEntry => !isImported(entry))).map((entry) => ({
    fingerprint: entry.fingerprint,
    ruleId: entry.ruleId,
    path: entry.path,
    commit: entry.commit,
    redacted: entry.redacted,
    status: entry.status,
    reason: entry.reason,
    reviewer: entry.reviewer,
    expires: entry.expires,
    verification: entry.verification && { status: entry.verification.status, checkedAt: entry.verification.checkedAt, provider: entry.verification.provider },
  }));
  const head = baseline.keying.keyed === 'salt' ? { keyed: 'salt', salt: baseline.keying.salt } : { keyed: 'env' };
  // JSON.stringify drops undefined members, so optional fields simply do not appear
  return `${JSON.stringify({ version: 1, ...head, entries }, null, 2)}\n`;
}

export function sortEntries<T extends BaselineEntry>(entries: T[]): T[] {
  return [...entries].sort(
    (a, b) => cmp(a.path, b.path) || cmp(a.ruleId, b.ruleId) || cmp('fingerprint' in a ? a.fingerprint : '', 'fingerprint' in b ? b.fingerprint : ''),
  );
}

interface EntryIndex {
  byFingerprint: Map<string, NativeEntry>;
  importedByPath: Map<string, ImportedEntry[]>;
}

function indexEntries(entries: BaselineEntry[]): EntryIndex {
  const index: EntryIndex = { byFingerprint: new Map(), importedByPath: new Map() };
  for (const entry of entries) {
    if (!isImported(entry)) {
      index.byFingerprint.set(entry.fingerprint, entry);
      continue;
    }
    const list = index.importedByPath.get(entry.path) ?? [];
    list.push(entry);
    index.importedByPath.set(entry.path, list);
  }
  return index;
}

function findEntry(index: EntryIndex, finding: Finding): BaselineEntry | undefined {
  return (
    index.byFingerprint.get(finding.fingerprint) ??
    index.importedByPath.get(finding.path)?.find((entry) => matches(entry, finding))
  );
}

function entryOf(finding: Finding): Omit<NativeEntry, 'status'> {
  const { fingerprint, ruleId, path, commit, redacted } = finding;
  return { fingerprint, ruleId, path, ...(commit ? { commit } : {}), redacted };
}

// Absent stays absent: an entry read back from the file then equals the one that was written.
function pickTriage(entry: EntryTriage): Pick<EntryTriage, 'status' | 'reason' | 'reviewer' | 'expires'> {
  const { status, reason, reviewer, expires } = entry;
  return { status, ...(reason !== undefined ? { reason } : {}), ...(reviewer !== undefined ? { reviewer } : {}), ...(expires !== undefined ? { expires } : {}) };
}

// Code-point order, not localeCompare: the file must sort the same on every machine.
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
