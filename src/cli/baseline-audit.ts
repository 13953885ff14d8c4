// `baseline audit`: the triage summary, and interactive triage of unreviewed entries with redacted context.
import { createInterface } from 'node:readline';
import type { Baseline, BaselineAudit, BaselineEntry, BaselineStatus, NativeEntry } from '../findings/baseline.js';
import { isImported } from '../findings/baseline.js';

/** `  last valid 2025-05-01 (github)` after an entry the provider was asked about; empty otherwise. */
function lastChecked(entry: BaselineEntry): string {
  const last = isImported(entry) ? undefined : entry.verification;
  return last ? `  last ${last.status} ${last.checkedAt.slice(0, 10)} (${last.provider})` : '';
}

/** The non-interactive summary: counts by triage and by last verification, then what needs a decision. */
export function auditSummaryLines(audit: BaselineAudit): string[] {
  const v = audit.byVerification;
  const verified = v.valid + v.invalid + v.unknown;
  return [
    `${audit.total} entries: ${Object.entries(audit.byStatus).map(([status, count]) => `${count} ${status}`).join(', ')}`,
    ...(verified > 0 ? [`last verification: ${v.valid} valid, ${v.invalid} invalid, ${v.unknown} unknown, ${v.none} never verified`] : []),
    ...(audit.liveButDismissed.length ? [`${audit.liveButDismissed.length} triaged as false positive or revoked, but live when last verified:`] : []),
    ...audit.liveButDismissed.map((entry) => `  ${entry.ruleId}  ${entry.path}  ${entry.redacted}  ${entry.status}${lastChecked(entry)}`),
    ...(audit.expired.length ? [`${audit.expired.length} accepted risks have expired and fail scans again:`] : []),
    ...audit.expired.map((entry) => `  ${entry.ruleId}  ${entry.path}  ${entry.redacted}  expired ${entry.expires}${lastChecked(entry)}`),
    ...(audit.unreviewed.length ? [`${audit.unreviewed.length} unreviewed:`] : []),
    ...audit.unreviewed.map((entry) => `  ${entry.ruleId}  ${entry.path}  ${entry.redacted}${entry.commit ? `  ${entry.commit.slice(0, 10)}` : ''}${lastChecked(entry)}`),
  ];
}

export interface AuditIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** redacted lines around the finding, when its blob can be read; empty otherwise */
  contextFor: (entry: NativeEntry) => Promise<string[]>;
  reviewer?: string;
}

const ANSWERS: Record<string, BaselineStatus | 'skip' | 'quit'> = { f: 'false-positive', a: 'accepted-risk', r: 'revoked', s: 'skip', q: 'quit' };

/** Returns the baseline with the answers applied; entries skipped stay unreviewed. */
export async function auditInteractively(baseline: Baseline, io: AuditIo): Promise<{ baseline: Baseline; reviewed: number }> {
  const rl = createInterface({ input: io.input, terminal: false });
  // Lines are pulled one per question, so answers typed (or piped) ahead are not lost.
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (prompt: string): Promise<string | null> => {
    io.output.write(prompt);
    const next = await lines.next();
    return next.done ? null : String(next.value).trim();
  };
  const entries = baseline.entries.map((entry) => ({ ...entry }));
  const pending = entries.filter((entry): entry is NativeEntry => !isImported(entry) && entry.status === 'unreviewed');
  let reviewed = 0;
  try {
    for (const [index, entry] of pending.entries()) {
      io.output.write(`\n[${index + 1}/${pending.length}] ${entry.ruleId}  ${entry.path}  ${entry.redacted}${entry.commit ? `  (commit ${entry.commit.slice(0, 10)})` : ''}${lastChecked(entry)}\n`);
      for (const line of await io.contextFor(entry)) io.output.write(`    ${line}\n`);
      const reply = await ask('[f]alse positive, [a]ccepted risk, [r]evoked, [s]kip, [q]uit? ');
      const answer = reply === null ? 'quit' : (ANSWERS[reply.toLowerCase()[0] ?? 's'] ?? 'skip');
      if (answer === 'quit') break;
      if (answer === 'skip') continue;
      entry.status = answer;
      const reason = (await ask('reason (optional): ')) ?? '';
      if (reason) entry.reason = reason;
      if (answer === 'accepted-risk') {
        const expires = (await ask('accept until (YYYY-MM-DD, empty for no expiry): ')) ?? '';
        if (/^\d{4}-\d\d-\d\d$/.test(expires)) entry.expires = expires;
      }
      if (io.reviewer) entry.reviewer = io.reviewer;
      reviewed += 1;
    }
  } finally {
    rl.close();
  }
  return { baseline: { ...baseline, entries }, reviewed };
}
