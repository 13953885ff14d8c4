// Where a finding in commit metadata is said to be: a path under `.git/`, which no committed file can have.
//
// git refuses `.git` as a path component (verify_path: add, checkout and fsck reject it) and a --no-git
// scan skips .git directories, so these paths never collide with a file; they read as what they are:
//   .git/commit-message  .git/author-name  .git/author-email  .git/committer-name  .git/committer-email
//   .git/tag-message/<tag name>           .git/notes/<notes ref under refs/notes/, e.g. commits>
// The finding's commit names the commit (for a tag: the commit it tags; for a note: the commit it annotates).
// The path names no commit, so a secret in the author e-mail of many commits is one finding with laterCommits.

export const COMMIT_FIELDS = ['commit-message', 'author-name', 'author-email', 'committer-name', 'committer-email'] as const;
export type CommitField = (typeof COMMIT_FIELDS)[number];

const PREFIX = '.git/';
const TAG = `${PREFIX}tag-message/`;
const NOTES = `${PREFIX}notes/`;

export const commitFieldPath = (field: CommitField): string => `${PREFIX}${field}`;
export const tagMessagePath = (tag: string): string => `${TAG}${tag}`;
export const notePath = (ref: string): string => `${NOTES}${ref}`;

/** The commit field a path names, if it names one. */
export function commitFieldOf(path: string): CommitField | undefined {
  return COMMIT_FIELDS.find((field) => path === commitFieldPath(field));
}

export const isTagMessagePath = (path: string): boolean => path.startsWith(TAG);

/** Any metadata path: commit fields, tag messages and notes. */
export const isMetadataPath = (path: string): boolean => path.startsWith(PREFIX);

/** Commit fields and tag messages are texts inside other objects: no blob holds them. */
export const isObjectText = (path: string): boolean => commitFieldOf(path) !== undefined || isTagMessagePath(path);
