// Finds the blobs a commit introduces by walking its tree against its parents' trees, skipping subtrees a parent already has.
import { LeaksweepError } from '../errors.js';
import type { BlobChange } from './history-source.js';

/** What git's diff compares: a file's executable bit counts, the rest of its mode does not (canon_mode). */
type EntryKind = 'tree' | 'file' | 'executable' | 'skipped';

interface TreeEntry {
  kind: EntryKind;
  oid: string;
}

/** Entries by name; names are kept as latin1 so distinct byte strings stay distinct keys. */
export type Tree = Map<string, TreeEntry>;

export type ReadTree = (oid: string) => Promise<Tree>;

const EMPTY_TREE: Tree = new Map();
const SPACE = 0x20;

/** By the type bits, so odd spellings that old tools wrote (`040000`, `100664`) read as git reads them. */
function entryKind(mode: string): EntryKind {
  const bits = Number.parseInt(mode, 8);
  const type = bits & 0o170000;
  if (type === 0o040000) return 'tree';
  // gitlinks name commits of other repositories; symlinks hold a path, not content
  if (type === 0o160000 || type === 0o120000) return 'skipped';
  return bits & 0o100 ? 'executable' : 'file';
}

/** Parses raw tree content: `<octal mode> <name>\0<20-byte oid>` repeated. */
export function parseTree(oid: string, content: Uint8Array): Tree {
  const data = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const tree: Tree = new Map();
  for (let at = 0; at < data.length; ) {
    const space = data.indexOf(SPACE, at);
    const nul = data.indexOf(0, space + 1);
    if (space === -1 || nul === -1 || nul + 21 > data.length) {
      throw new LeaksweepError('GIT_OBJECT_CORRUPT', `tree ${oid}: malformed entry at byte ${at}`);
    }
    const kind = entryKind(data.toString('latin1', at, space));
    tree.set(data.toString('latin1', space + 1, nul), { kind, oid: data.toString('hex', nul + 1, nul + 21) });
    at = nul + 21;
  }
  return tree;
}

function sameAs(entry: TreeEntry, other: TreeEntry | undefined): boolean {
  return other !== undefined && other.kind === entry.kind && other.oid === entry.oid;
}

/**
 * Every blob under `tree` that differs from the entry at the same path in every parent tree (git's
 * combined diff; with no parents, every blob). A parent with no tree at a path is an empty tree there.
 */
export async function isomorphicTreeDiff(readTree: ReadTree, tree: string, parents: (string | undefined)[]): Promise<BlobChange[]> {
  const changes: BlobChange[] = [];
  if (!parents.includes(tree)) await diffInto(readTree, tree, parents, '', changes);
  return changes;
}

async function diffInto(readTree: ReadTree, oid: string, parentOids: (string | undefined)[], prefix: string, changes: BlobChange[]): Promise<void> {
  const tree = await readTree(oid);
  const parents = await Promise.all(parentOids.map((parent) => (parent ? readTree(parent) : EMPTY_TREE)));
  for (const [name, entry] of tree) {
    if (entry.kind === 'skipped') continue;
    const before = parents.map((parent) => parent.get(name));
    // unchanged against one parent means nothing under it is new to this commit
    if (before.some((other) => sameAs(entry, other))) continue;
    const path = prefix + name;
    if (entry.kind === 'tree') {
      const parentSubtrees = before.map((other) => (other?.kind === 'tree' ? other.oid : undefined));
      await diffInto(readTree, entry.oid, parentSubtrees, `${path}/`, changes);
    } else {
      changes.push({ oid: entry.oid, path: Buffer.from(path, 'latin1').toString('utf8') });
    }
  }
}
