// The contract between a repository reader (git binary or isomorphic-git) and the scan pipeline.
import type { CommitTexts } from './parse-commit.js';

/** A blob that a commit introduces: its content at `path` differs from the content at `path` in every parent. */
export interface BlobChange {
  oid: string;
  path: string;
}

/**
 * One commit of the history with the blobs it introduces. Merges list only paths whose blob differs
 * from every parent (git's combined diff); root commits list every blob of their tree.
 * Gitlinks (mode 160000) and symlinks (mode 120000) are never listed.
 */
export interface CommitChanges {
  oid: string;
  parents: string[];
  /** committer time, seconds since the epoch */
  time: number;
  changes: BlobChange[];
  /** message, names and e-mails, when the walk gave them (the git binary's log does; others are read from the object) */
  texts?: CommitTexts;
}

export type BlobRead =
  | { kind: 'data'; data: Uint8Array }
  | { kind: 'too-large'; size: number }
  | { kind: 'missing' };

export interface CommitMeta {
  authorName: string;
  authorEmail: string;
  /** author date, ISO 8601 with the author's offset */
  date: string;
  message: string;
}

/** An annotated tag: `refs/tags/<name>` names the tag object `oid`. */
export interface AnnotatedTag {
  name: string;
  oid: string;
}

/** A git note: under `refs/notes/<ref>`, the blob `blob` annotates the object `target`. */
export interface Note {
  ref: string;
  target: string;
  blob: string;
}

/** How a worker thread can read blobs by itself, so blob bytes never pass through the main thread. */
export interface WorkerBlobReader {
  kind: 'git';
  gitDir: string;
}

export interface HistorySource {
  readonly engine: 'git' | 'isomorphic';
  /** set when workers can read blobs themselves; otherwise the pipeline reads with readBlob */
  readonly workerReader?: WorkerBlobReader;
  /** set for a shallow clone: history before its boundary commits is absent, so a scan cannot cover it */
  readonly shallow?: boolean;
  /**
   * Every commit reachable from every ref (branches, tags peeled, remotes, HEAD), each once,
   * parents always before children.
   */
  commits(): AsyncIterable<CommitChanges>;
  /** Reads one blob; blobs over maxSize are not read into memory. */
  readBlob(oid: string, maxSize: number): Promise<BlobRead>;
  /** Raw commit object bytes, parsed by parseCommitMeta so both engines agree. */
  readCommitObject(oid: string): Promise<Uint8Array>;
  /** many commit objects asked at once (one write to git for the lot); absent: asked one by one */
  readCommitObjects?(oids: string[]): Promise<Uint8Array>[];
  /** Raw tag object bytes, parsed by parseTag. */
  readTagObject(oid: string): Promise<Uint8Array>;
  /** Every annotated tag under refs/tags/, sorted by name; lightweight tags name no message and are left out. */
  annotatedTags(): Promise<AnnotatedTag[]>;
  /** The current note of every object under every refs/notes/* ref. */
  notes(): Promise<Note[]>;
  close(): Promise<void>;
}

/** Which commits to walk: reachable from `include` (empty: every ref), minus those reachable from `exclude`. Absent: every ref. */
export interface Revisions {
  include: string[];
  exclude: string[];
}
