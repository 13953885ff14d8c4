// Reads what `git log --all` starts from: every ref under refs/ (loose and packed) and the HEAD of every worktree.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';

const OID = /^[0-9a-f]{40}$/;
/** git gives up on symbolic refs nested deeper than this (SYMREF_MAXDEPTH) */
const MAX_SYMREF_DEPTH = 5;

async function readText(path: string): Promise<string | undefined> {
  return fsp.readFile(path, 'utf8').then(
    (text) => text.trim(),
    () => undefined,
  );
}

async function readPackedRefs(commonDir: string, refs: Map<string, string>): Promise<void> {
  for (const line of ((await readText(join(commonDir, 'packed-refs'))) ?? '').split('\n')) {
    // '#' is the header, '^' the peeled value of the tag above: we peel tags ourselves
    if (line.startsWith('#') || line.startsWith('^')) continue;
    const space = line.indexOf(' ');
    if (space > 0) refs.set(line.slice(space + 1).trim(), line.slice(0, space));
  }
}

/** Loose refs override packed ones of the same name; a `.lock` file is a ref update in progress. */
async function readLooseRefs(dir: string, name: string, refs: Map<string, string>): Promise<void> {
  const entries = await fsp.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const refName = `${name}/${entry.name}`;
    if (entry.isDirectory()) await readLooseRefs(path, refName, refs);
    else if (!entry.name.endsWith('.lock')) {
      const value = await readText(path);
      if (value !== undefined) refs.set(refName, value);
    }
  }
}

/** Follows `ref: <name>` values; undefined for unborn branches, dangling or malformed refs. */
function resolveValue(value: string | undefined, refs: Map<string, string>): string | undefined {
  for (let depth = 0; value !== undefined && depth <= MAX_SYMREF_DEPTH; depth++) {
    if (OID.test(value)) return value;
    if (!value.startsWith('ref: ')) return undefined;
    value = refs.get(value.slice('ref: '.length).trim());
  }
  return undefined;
}

async function readRefs(commonDir: string): Promise<Map<string, string>> {
  const refs = new Map<string, string>();
  await readPackedRefs(commonDir, refs);
  await readLooseRefs(join(commonDir, 'refs'), 'refs', refs);
  return refs;
}

/** Refs whose full name starts with `prefix` (e.g. `refs/tags/`) and the object ids they name, sorted by name. */
export async function isomorphicRefsUnder(commonDir: string, prefix: string): Promise<[name: string, oid: string][]> {
  const refs = await readRefs(commonDir);
  const found: [string, string][] = [];
  for (const [name, value] of refs) {
    const oid = name.startsWith(prefix) ? resolveValue(value, refs) : undefined;
    if (oid) found.push([name, oid]);
  }
  return found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The object ids the refs name (tags not yet peeled), each once. */
export async function isomorphicRefs(commonDir: string): Promise<string[]> {
  const refs = await readRefs(commonDir);
  const worktrees = await fsp.readdir(join(commonDir, 'worktrees')).catch(() => []);
  const heads = [join(commonDir, 'HEAD'), ...worktrees.map((name) => join(commonDir, 'worktrees', name, 'HEAD'))];
  const values = [...refs.values(), ...(await Promise.all(heads.map(readText)))];
  const oids = new Set<string>();
  for (const value of values) {
    const oid = resolveValue(value, refs);
    if (oid) oids.add(oid);
  }
  return [...oids];
}
