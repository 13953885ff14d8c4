// History source over isomorphic-git, for machines without a git binary: same commits and changes as `git log --all -c --raw`.
import { promises as fsp } from 'node:fs';
import { ObjectSizes } from './object-size.js';
import { join, resolve } from 'node:path';
import git from 'isomorphic-git';
import { LeaksweepError, errorMessage } from '../errors.js';
import type { CommitChanges, HistorySource, Revisions } from './history-source.js';
import { isomorphicFs } from './isomorphic-fs.js';
import { notARepository } from './repository-errors.js';
import { isomorphicRefs } from './isomorphic-refs.js';
import { isomorphicAnnotatedTags, isomorphicNotes } from './isomorphic-metadata.js';
import { isomorphicTreeDiff, parseTree, type ReadTree, type Tree } from './isomorphic-tree-diff.js';

interface GitObject {
  type: string;
  data: Uint8Array;
}

interface WalkCommit {
  oid: string;
  parents: string[];
  tree: string;
  time: number;
}

/**
 * Parsed trees kept for reuse: a commit's changed trees are read again as the parent side of its
 * children's diffs, which the depth-first walk mostly yields right after it.
 */
const TREE_CACHE_SIZE = 256;

async function isDirectory(path: string): Promise<boolean> {
  return fsp.stat(path).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
}

/** The directory holding objects and refs: `.git` of a work tree (or where a `.git` file points), or a bare repository itself. */
async function findCommonDir(dir: string): Promise<string> {
  const root = resolve(dir);
  const dotGit = join(root, '.git');
  let gitDir = root;
  if (await isDirectory(dotGit)) gitDir = dotGit;
  else {
    const pointer = /^gitdir: (.+)$/m.exec((await fsp.readFile(dotGit, 'utf8').catch(() => '')).trim());
    if (pointer) gitDir = resolve(root, pointer[1]);
  }
  // linked worktrees keep their objects and refs in the main repository's git dir
  const commonDir = await fsp.readFile(join(gitDir, 'commondir'), 'utf8').then(
    (text) => resolve(gitDir, text.trim()),
    () => gitDir,
  );
  const hasHead = await fsp.stat(join(gitDir, 'HEAD')).then(
    (stats) => stats.isFile(),
    () => false,
  );
  if (!hasHead || !(await isDirectory(join(commonDir, 'objects')))) {
    throw notARepository(root);
  }
  return commonDir;
}

/** isomorphic-git wraps what went wrong (a corrupt pack, say) in paragraphs asking for a bug report: keep what went wrong. */
function isomorphicMessage(error: unknown): string {
  const inner = (error as { data?: { message?: unknown } }).data?.message;
  return (typeof inner === 'string' ? inner : errorMessage(error)).split('\n')[0];
}

function text(object: GitObject): string {
  return Buffer.from(object.data.buffer, object.data.byteOffset, object.data.byteLength).toString('latin1');
}

function parseCommit(oid: string, object: GitObject, shallow: Set<string>): WalkCommit {
  const header = text(object).split('\n\n', 1)[0];
  const tree = /^tree ([0-9a-f]{40})$/m.exec(header);
  if (!tree) throw new LeaksweepError('GIT_OBJECT_CORRUPT', `commit ${oid} has no tree`);
  // a shallow clone lacks the parents of its boundary commits; git shows those commits as roots
  const parents = shallow.has(oid) ? [] : [...header.matchAll(/^parent ([0-9a-f]{40})$/gm)].map((match) => match[1]);
  const time = Number(/^committer .* (\d+) [-+]\d{4}$/m.exec(header)?.[1] ?? 0);
  return { oid, parents, tree: tree[1], time };
}

/** isomorphic-git reads SHA-1 repositories only; without this check a SHA-256 one would scan as empty. */
async function assertSha1(gitdir: string): Promise<void> {
  const config = await fsp.readFile(join(gitdir, 'config'), 'utf8').catch(() => '');
  if (/^\s*objectformat\s*=\s*sha256\s*$/im.test(config)) {
    throw new LeaksweepError('GIT_ENGINE_UNAVAILABLE', `${gitdir}: SHA-256 repositories need the git engine (--engine git)`);
  }
}

export async function openIsomorphicSource(dir: string, revisions?: Revisions): Promise<HistorySource> {
  const gitdir = await findCommonDir(dir);
  await assertSha1(gitdir);
  const fs = await isomorphicFs(gitdir);
  const sizes = new ObjectSizes(join(gitdir, 'objects'));
  /** isomorphic-git keeps pack indexes and packfiles here: shared by every call so each is loaded once */
  let cache = {};
  const trees = new Map<string, Promise<Tree>>();

  async function read(oid: string): Promise<GitObject | undefined> {
    try {
      const result = await git.readObject({ fs, gitdir, oid, format: 'content', cache });
      return { type: result.type, data: result.object as Uint8Array };
    } catch (error) {
      if ((error as { code?: unknown }).code === 'NotFoundError') return undefined;
      throw new LeaksweepError('GIT_OBJECT_CORRUPT', `object ${oid}: ${isomorphicMessage(error)}`, { cause: error });
    }
  }

  async function readExisting(oid: string, type: string): Promise<GitObject> {
    const object = await read(oid);
    if (!object) throw new LeaksweepError('GIT_OBJECT_MISSING', `${type} ${oid} is missing`);
    if (object.type !== type) throw new LeaksweepError('GIT_OBJECT_CORRUPT', `${oid} is a ${object.type}, expected a ${type}`);
    return object;
  }

  const readTree: ReadTree = (oid) => {
    let tree = trees.get(oid);
    if (tree) trees.delete(oid);
    else tree = readExisting(oid, 'tree').then((object) => parseTree(oid, object.data));
    trees.set(oid, tree);
    if (trees.size > TREE_CACHE_SIZE) trees.delete(trees.keys().next().value!);
    return tree;
  };

  /** Follows annotated tags (possibly tags of tags) to a commit; undefined when they end at a tree or blob. */
  async function peelToCommit(oid: string): Promise<string | undefined> {
    for (;;) {
      const object = await read(oid);
      if (!object) throw new LeaksweepError('GIT_OBJECT_MISSING', `object ${oid} named by a ref is missing`);
      if (object.type === 'commit') return oid;
      if (object.type !== 'tag') return undefined;
      const target = /^object ([0-9a-f]{40})$/m.exec(text(object));
      if (!target) throw new LeaksweepError('GIT_OBJECT_CORRUPT', `tag ${oid} names no object`);
      oid = target[1];
    }
  }

  /** Branch, tag or full or abbreviated commit id: the names plain refs and ids allow without a git binary. */
  async function resolveRevision(name: string): Promise<string> {
    const resolved = await git.resolveRef({ fs, gitdir, ref: name }).catch(async () =>
      /^[0-9a-f]{4,40}$/i.test(name) ? git.expandOid({ fs, gitdir, oid: name.toLowerCase(), cache }) : undefined,
    ).catch(() => undefined);
    const commit = resolved ? await peelToCommit(resolved).catch(() => undefined) : undefined;
    if (!commit) throw new LeaksweepError('USAGE', `"${name}" does not name a commit in this repository (the isomorphic engine takes branch, tag and commit ids only)`);
    return commit;
  }

  async function* commits(): AsyncGenerator<CommitChanges> {
    const shallowText = await fsp.readFile(join(gitdir, 'shallow'), 'utf8').catch(() => '');
    const shallow = new Set(shallowText.split('\n').filter(Boolean));
    const tips = new Set<string>();
    for (const oid of revisions?.include.length ? await Promise.all(revisions.include.map(resolveRevision)) : await isomorphicRefs(gitdir)) {
      const commit = await peelToCommit(oid);
      if (commit) tips.add(commit);
    }
    /** the tree of every commit met so far, which also marks it as met */
    const commitTrees = new Map<string, string>();
    // Excluded history counts as met: never yielded, but its trees are the parents' side of the first diffs.
    const excluded = revisions ? await Promise.all(revisions.exclude.map(resolveRevision)) : [];
    for (const queue = [...excluded]; queue.length > 0; ) {
      const oid = (await peelToCommit(queue.pop()!))!;
      if (commitTrees.has(oid)) continue;
      const commit = parseCommit(oid, await readExisting(oid, 'commit'), shallow);
      commitTrees.set(oid, commit.tree);
      queue.push(...commit.parents);
    }
    /** depth-first, a commit leaves the stack only after all its parents did: parents come out first */
    const stack: { commit: WalkCommit; next: number }[] = [];
    const visit = async (oid: string): Promise<void> => {
      const commit = parseCommit(oid, await readExisting(oid, 'commit'), shallow);
      commitTrees.set(oid, commit.tree);
      stack.push({ commit, next: 0 });
    };
    for (const tip of tips) {
      if (!commitTrees.has(tip)) await visit(tip);
      while (stack.length > 0) {
        const top = stack[stack.length - 1];
        if (top.next < top.commit.parents.length) {
          const parent = top.commit.parents[top.next++];
          if (!commitTrees.has(parent)) await visit(parent);
          continue;
        }
        stack.pop();
        const { oid, parents, tree, time } = top.commit;
        const changes = await isomorphicTreeDiff(readTree, tree, parents.map((parent) => commitTrees.get(parent)));
        yield { oid, parents, time, changes };
      }
    }
  }

  return {
    engine: 'isomorphic',
    shallow: await fsp.stat(join(gitdir, 'shallow')).then(
      (stats) => stats.isFile(),
      () => false,
    ),
    commits,
    async readBlob(oid, maxSize) {
      // isomorphic-git inflates a whole object to read it: a 1 GB blob would take 1 GB and more
      const size = await sizes.sizeOf(oid);
      if (size !== undefined && size > maxSize) return { kind: 'too-large', size };
      const object = await read(oid);
      if (!object) return { kind: 'missing' };
      const { data } = object;
      if (data.byteLength > maxSize) return { kind: 'too-large', size: data.byteLength };
      // the caller transfers the buffer to a worker, which detaches it: always hand out a copy, never
      // a buffer isomorphic-git might still hold
      return { kind: 'data', data: new Uint8Array(data) };
    },
    async readCommitObject(oid) {
      return (await readExisting(oid, 'commit')).data;
    },
    async readTagObject(oid) {
      return (await readExisting(oid, 'tag')).data;
    },
    annotatedTags: () => isomorphicAnnotatedTags(gitdir, async (oid) => (await read(oid))?.type),
    notes: () => isomorphicNotes(gitdir, async (commit) => parseCommit(commit, await readExisting(commit, 'commit'), new Set()).tree, readTree),
    async close() {
      trees.clear();
      cache = {};
      await sizes.close();
    },
  };
}
