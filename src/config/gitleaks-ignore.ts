// The .gitleaksignore at the scanned path: its fingerprints as baseline entries, added to the baseline a scan reads.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LeaksweepError, errorMessage } from '../errors.js';
import type { Baseline } from '../findings/baseline.js';
import { importGitleaksIgnore } from '../findings/baseline-import.js';

export const GITLEAKSIGNORE = '.gitleaksignore';

/**
 * Entries are matched as `--baseline .gitleaksignore` matches them (path, commit, and the rule where it maps to ours),
 * with the rules of a gitleaks config mapped too (`foreignIds`: its rule id → the leaksweep id it was read as).
 * Null when there is no such file, or when it is `already` (the --baseline given).
 */
export function readGitleaksIgnore(dir: string, foreignIds: Record<string, string> = {}, already?: string): Baseline | null {
  const file = join(dir, GITLEAKSIGNORE);
  if (!existsSync(file) || (already !== undefined && resolve(already) === resolve(file))) return null;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new LeaksweepError('BASELINE_UNREADABLE', `${file}: cannot read (${errorMessage(error)})`);
  }
  const ignored = importGitleaksIgnore(text, file);
  for (const entry of ignored.entries) {
    const id = Object.hasOwn(foreignIds, entry.ruleId) ? foreignIds[entry.ruleId] : undefined;
    if (id !== undefined && 'source' in entry) entry.ruleIds = [id];
  }
  return ignored;
}

/** The scan's baseline with the ignore file's entries added: their suppressions and stale entries are counted with the baseline's. */
export function withIgnored(baseline: Baseline | undefined, ignored: Baseline | null): Baseline | undefined {
  if (!ignored) return baseline;
  return baseline ? { ...baseline, entries: [...baseline.entries, ...ignored.entries] } : ignored;
}
