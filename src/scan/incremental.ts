// Decides how much of an earlier scan a full-history scan can reuse, and records what this one learnt.
import { refTips, shallowMarker, stillReachable } from '../git/ref-tips.js';
import type { Revisions } from '../git/history-source.js';
import type { RawMatch } from '../detect/detect-blob.js';
import { spansOf, type MatchSpan } from '../detect/matches-at.js';
import type { KnownBlob } from './blob-scanner.js';
import type { HistoryScan, Resume } from './scan-history.js';
import { OidTable } from '../git/oid-table.js';
import { OidMap } from '../git/oid-map.js';
import { isTagMessagePath } from '../findings/metadata-path.js';
import { loadState, saveState, stateDirFor, type ScanState } from './scan-state.js';
import type { IncrementalSummary, Reuse } from '../findings/report-types.js';
export type { IncrementalSummary, Reuse } from '../findings/report-types.js';

/**
 * unchanged: no ref moved, only blobs with matches are read again (their secrets read back at the recorded offsets); new-commits: history only grew, the walk covers the new
 * commits; blobs: history was rewritten (or the engine cannot tell), the whole history is walked but known blobs are not read;
 * none: nothing usable was saved.
 */

export interface IncrementalPlan {
  summary: IncrementalSummary;
  resume: Resume;
  /** the walk to do: only commits not reachable from the earlier tips */
  revisions?: Revisions;
  /** records what this scan learnt, for the next one; `complete` false when some blob could not be read or scanned */
  save(scan: HistoryScan, complete: boolean): void;
}

/** `gitDir` with the git binary at hand; null (isomorphic engine) limits reuse to blobs. */
export function planIncremental(stateRoot: string, repository: string, gitDir: string | null, key: string): IncrementalPlan {
  const dir = stateDirFor(stateRoot, repository);
  const loaded = loadState(dir, repository, key);
  const tips = gitDir ? refTips(gitDir) : [];
  const shallow = gitDir ? shallowMarker(gitDir) : '';
  // as bytes until the state is written: ids cut from git log lines would keep those lines alive through the scan
  const clean = new OidMap();
  const onClean = (oid: string): void => void clean.set(oid);
  const previous = loaded.state;
  // same tips need no reachability check: that is a process and a walk the nightly case can skip
  const reuse: Reuse = !previous
    ? 'none'
    : !gitDir || previous.tips.length === 0 || previous.shallow !== shallow
      ? 'blobs'
      : sameList(previous.tips, tips)
        ? 'unchanged'
        : stillReachable(gitDir, previous.tips)
          ? 'new-commits'
          : 'blobs';
  const save = (scan: HistoryScan, complete: boolean): void => {
    if (reuse === 'unchanged' && complete) return;
    const state: ScanState = {
      // without tips the next run walks everything again, so blobs that failed this time are tried again
      tips: complete ? tips : [],
      shallow,
      commits: scan.commits,
      // tag messages are read again every run (a tag can move or go without a ref walk seeing it): never kept
      matched: scan.matched
        .map(({ oid, appearances, matches }) => ({ oid, appearances: appearances.filter((place) => !isTagMessagePath(place.path)), ...withSpans(matches) }))
        .filter((blob) => blob.appearances.length > 0),
      skipped: scan.skipped.filter((blob) => blob.reason === 'binary' || blob.reason === 'too-large'),
      clean: OidTable.withOids(Array.from(clean.entries(), ([oid]) => oid), previous?.clean),
      generations: OidTable.withValues(scan.generations, reuse === 'new-commits' ? previous?.generations : undefined),
    };
    saveState(dir, repository, key, state);
  };
  const summary: IncrementalSummary = { reuse, dir, ...(previous ? {} : { reason: loaded.reason }) };
  const skippedById = new Map(previous?.skipped.map((blob) => [blob.oid, blob]));
  const known = (oid: string): KnownBlob | undefined => {
    if (previous?.clean.has(oid)) return { kind: 'clean' };
    const skipped = skippedById.get(oid);
    return skipped ? { kind: skipped.reason as 'binary' | 'too-large', size: skipped.size } : undefined;
  };
  // Walking on from the old tips: the old commits, their blobs and places are taken from the state as they are.
  const walked = previous && (reuse === 'unchanged' || reuse === 'new-commits') ? previous : null;
  const resume: Resume = {
    walk: reuse !== 'unchanged',
    commits: walked?.commits ?? 0,
    known,
    generation: (commit) => walked?.generations.get(commit),
    matched: walked?.matched ?? [],
    skipped: walked?.skipped ?? [],
    ...(walked ? { knownBefore: walked.clean.size + walked.skipped.length } : {}),
    onClean,
  };
  return { summary, resume, save, ...(walked && reuse === 'new-commits' ? { revisions: { include: [], exclude: walked.tips } } : {}) };
}

function withSpans(matches: RawMatch[]): { spans?: MatchSpan[] } {
  const spans = spansOf(matches);
  return spans ? { spans } : {};
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
