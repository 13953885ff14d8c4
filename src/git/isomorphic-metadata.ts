// Annotated tags and git notes read without a git binary, as `git for-each-ref` and `git notes list` give them.
import { isomorphicRefsUnder } from './isomorphic-refs.js';
import type { AnnotatedTag, Note } from './history-source.js';
import type { ReadTree } from './isomorphic-tree-diff.js';

const FANOUT = /^[0-9a-f]{2}$/;
const OID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

export async function isomorphicAnnotatedTags(commonDir: string, typeOf: (oid: string) => Promise<string | undefined>): Promise<AnnotatedTag[]> {
  const tags: AnnotatedTag[] = [];
  for (const [ref, oid] of await isomorphicRefsUnder(commonDir, 'refs/tags/')) {
    if ((await typeOf(oid)) === 'tag') tags.push({ name: ref.slice('refs/tags/'.length), oid });
  }
  return tags;
}

/** A notes tree names each note by its target's id, split into two-digit directories once a tree grows large. */
async function notesIn(readTree: ReadTree, tree: string, prefix: string, ref: string, notes: Note[]): Promise<void> {
  for (const [name, entry] of await readTree(tree)) {
    const path = prefix + name;
    if (entry.kind === 'tree' && FANOUT.test(name)) await notesIn(readTree, entry.oid, path, ref, notes);
    else if ((entry.kind === 'file' || entry.kind === 'executable') && OID.test(path)) notes.push({ ref, target: path, blob: entry.oid });
  }
}

export async function isomorphicNotes(commonDir: string, treeOf: (commit: string) => Promise<string>, readTree: ReadTree): Promise<Note[]> {
  const notes: Note[] = [];
  for (const [ref, commit] of await isomorphicRefsUnder(commonDir, 'refs/notes/')) {
    await notesIn(readTree, await treeOf(commit), '', ref.slice('refs/notes/'.length), notes);
  }
  return notes.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
}
