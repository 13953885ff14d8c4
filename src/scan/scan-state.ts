// Incremental scans: per repository, what an earlier full-history scan learnt, so the next one reads only what is new.
// Holds ids, paths and commit ids only: never a secret, not even hashed. Matched blobs are rescanned each run instead.
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage } from '../errors.js';
import type { Appearance } from '../findings/finding.js';
import type { RuleSpec } from '../rules/rule-spec.js';
import { VERSION } from '../version.js';
import type { SkippedBlob } from './blob-scanner.js';
import { OidTable } from '../git/oid-table.js';
import type { MatchSpan } from '../detect/matches-at.js';
import { archiveLimits, type ArchiveOptions } from './archive-options.js';

/** 3: commit metadata is scanned, so a state of format 2 lacks what old commits' messages hold */
const FORMAT = 3;

export interface MatchedBlobPlaces {
  oid: string;
  appearances: Appearance[];
  /** where its matches lie (offsets, never secrets): read back without matching; absent, it is scanned again */
  spans?: MatchSpan[];
}

export interface ScanState {
  /** the ref tips the history was walked from, sorted; empty when only blobs can be reused */
  tips: string[];
  shallow: string;
  commits: number;
  /** blobs that had matches: read again every run, since their secrets are not kept */
  matched: MatchedBlobPlaces[];
  /** binary and too-large blobs: reported again without reading them */
  skipped: SkippedBlob[];
  /** blobs scanned and found clean */
  clean: OidTable;
  /** generation number of every commit walked, so new commits can be numbered without walking the old */
  generations: OidTable;
}

interface StateFile {
  format: number;
  repository: string;
  ruleKey: string;
  tips: string[];
  shallow: string;
  commits: number;
  cleanOidBytes: number;
  generationsOidBytes: number;
  cleanFile: string;
  generationsFile: string;
  matched: MatchedBlobPlaces[];
  skipped: SkippedBlob[];
  savedAt: string;
}

/** Everything that changes what a scan finds in a blob: the tool version, every rule (with its allowlists) and the options. */
export function ruleKey(specs: RuleSpec[], options: ArchiveOptions & { decode?: boolean; metadata?: boolean }): string {
  const archives = archiveLimits(options) ?? null;
  return createHash('sha256').update(JSON.stringify({ VERSION, specs, maxBlobSize: options.maxBlobSize, decode: options.decode === true, archives, metadata: options.metadata !== false })).digest('hex');
}

/** One directory per repository, named by a hash of its git directory. */
export function stateDirFor(stateRoot: string, gitDir: string): string {
  return join(stateRoot, createHash('sha256').update(gitDir).digest('hex').slice(0, 24));
}

export type LoadedState = { state: ScanState } | { state: null; reason: string };

/** The state saved for this repository, or why there is none to use (absent, made by other rules, damaged). */
export function loadState(dir: string, gitDir: string, key: string): LoadedState {
  let file: StateFile;
  try {
    file = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as StateFile;
  } catch (error) {
    return { state: null, reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'first scan' : `state unreadable (${errorMessage(error)})` };
  }
  if (file?.format !== FORMAT || file.repository !== gitDir) return { state: null, reason: 'state from another version' };
  if (file.ruleKey !== key) return { state: null, reason: 'rules, config or options changed' };
  try {
    const clean = OidTable.fromBuffer(readFileSync(join(dir, file.cleanFile)), file.cleanOidBytes, 0);
    const generations = OidTable.fromBuffer(readFileSync(join(dir, file.generationsFile)), file.generationsOidBytes, 4);
    if (!clean || !generations || !Array.isArray(file.tips) || !Array.isArray(file.matched) || !Array.isArray(file.skipped)) {
      return { state: null, reason: 'state damaged' };
    }
    return { state: { tips: file.tips, shallow: file.shallow, commits: file.commits, matched: file.matched, skipped: file.skipped, clean, generations } };
  } catch (error) {
    return { state: null, reason: `state unreadable (${errorMessage(error)})` };
  }
}

/** Tables first, then state.json by rename: a run cut off midway leaves the previous state whole. */
export function saveState(dir: string, gitDir: string, key: string, state: ScanState): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const previous = (() => {
    try {
      return JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as Partial<StateFile>;
    } catch {
      return {};
    }
  })();
  const suffix = randomBytes(6).toString('hex');
  const cleanFile = `clean-${suffix}.bin`;
  const generationsFile = `generations-${suffix}.bin`;
  writeFileSync(join(dir, cleanFile), state.clean.toBuffer(), { mode: 0o600 });
  writeFileSync(join(dir, generationsFile), state.generations.toBuffer(), { mode: 0o600 });
  const file: StateFile = {
    format: FORMAT,
    repository: gitDir,
    ruleKey: key,
    tips: state.tips,
    shallow: state.shallow,
    commits: state.commits,
    cleanOidBytes: state.clean.oidBytes,
    generationsOidBytes: state.generations.oidBytes,
    cleanFile,
    generationsFile,
    matched: state.matched,
    skipped: state.skipped,
    savedAt: new Date().toISOString(),
  };
  const temporary = join(dir, `state-${suffix}.json`);
  writeFileSync(temporary, JSON.stringify(file), { mode: 0o600 });
  renameSync(temporary, join(dir, 'state.json'));
  for (const old of [previous.cleanFile, previous.generationsFile]) {
    if (typeof old === 'string' && /^[a-z]+-[0-9a-f]{12}\.bin$/.test(old)) rmSync(join(dir, old), { force: true });
  }
}
