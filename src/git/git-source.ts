// History source over the git binary: `git log` streams each commit's introduced blobs, `git cat-file --batch` reads them.
import { spawn, spawnSync } from 'node:child_process';
import { LeaksweepError } from '../errors.js';
import { CatFile } from './cat-file.js';
import { gitEnv, gitFailure, repositoryEnv } from './git-env.js';
import type { BlobRead, CommitChanges, HistorySource, Revisions } from './history-source.js';
import { parseLogStream } from './parse-log.js';
import { notARepository, requireDirectory } from './repository-errors.js';
import { gitAnnotatedTags, gitNotes } from './metadata-refs.js';

/** Oldest first, parents before children; merges show only paths that differ from every parent (-c). */
/** User config must not change the output we parse (signatures, colors, renames). */
const LOG_ARGS = [
  'log', '--reverse', '--topo-order', '--raw', '-c', '-z', '--no-renames', '--no-abbrev', '--no-textconv', '--no-ext-diff',
  // names, e-mails and the raw message ride along, NUL-separated: commit metadata needs no object read of its own
  '--no-color', '--no-show-signature', '--no-mailmap', '--format=%x01%H %P %ct%x00%an%x00%ae%x00%cn%x00%ce%x00%B',
];

let available: boolean | undefined;

/** Asked once per process: an audit opens hundreds of repositories, and PATH does not change meanwhile. */
export function gitAvailable(): boolean {
  available ??= spawnSync('git', ['--version'], { stdio: 'ignore', env: gitEnv() }).status === 0;
  return available;
}

export interface GitRepository {
  gitDir: string;
  shallow: boolean;
}

/**
 * The repository's git directory and whether it is a shallow clone, asked of one git process; null when there is no
 * usable git binary (the same answer tells whether git is on PATH, so no `git --version` first).
 */
export function findRepository(dir: string): GitRepository | null {
  requireDirectory(dir);
  const result = spawnSync('git', ['rev-parse', '--absolute-git-dir', '--is-shallow-repository'], { cwd: dir, encoding: 'utf8', env: repositoryEnv() });
  available = !result.error;
  if (result.error) return null;
  if (result.status !== 0) throw notARepository(dir);
  const [gitDir, shallow] = result.stdout.split('\n');
  return { gitDir: gitDir.trim(), shallow: shallow?.trim() === 'true' };
}

export function resolveRepository(dir: string): GitRepository {
  const found = findRepository(dir);
  if (!found) throw new LeaksweepError('GIT_ENGINE_UNAVAILABLE', 'git binary not usable: it is not on PATH or cannot start');
  return found;
}

export function resolveGitDir(dir: string): string {
  return resolveRepository(dir).gitDir;
}

/** Names that git cannot resolve to a commit are a usage error, not an empty scan; all are checked by one process. */
function resolveCommits(gitDir: string, names: string[]): string[] {
  if (names.length === 0) return [];
  const bad = names.find((name) => name.startsWith('-') || /\s/.test(name));
  const result = bad ? null : spawnSync('git', ['--git-dir', gitDir, 'cat-file', '--batch-check'], { input: names.map((name) => `${name}^{commit}\n`).join(''), encoding: 'utf8', env: repositoryEnv(), maxBuffer: 1 << 30 });
  const lines = result?.status === 0 ? result.stdout.split('\n') : [];
  return names.map((name, index) => {
    const oid = /^([0-9a-f]{40,64}) commit /.exec(lines[index] ?? '')?.[1];
    if (!oid) throw new LeaksweepError('USAGE', `"${name}" does not name a commit in this repository`);
    return oid;
  });
}

/** What to give `git log`: no include means every ref; excluded commits go on stdin, as there can be thousands. */
function revisionArgs(gitDir: string, revisions: Revisions | undefined): { args: string[]; stdin: string[] } {
  if (!revisions) return { args: ['--all'], stdin: [] };
  const include = resolveCommits(gitDir, revisions.include);
  return { args: include.length > 0 ? include : ['--all'], stdin: resolveCommits(gitDir, revisions.exclude).map((oid) => `^${oid}`) };
}

/** `repository`: when the caller already resolved it (a scan starts its workers in between). */
export function openGitSource(dir: string, revisions?: Revisions, repository: GitRepository = resolveRepository(dir)): HistorySource {
  // a shallow clone's history stops at its boundary commits: what came before cannot be scanned
  const { gitDir, shallow } = repository;
  const revisionList = revisionArgs(gitDir, revisions);
  const catFile = new CatFile(gitDir);
  return {
    engine: 'git',
    shallow,
    workerReader: { kind: 'git', gitDir },
    commits: () => logCommits(gitDir, revisionList),
    readBlob: (oid, maxSize) => catFile.read(oid, maxSize),
    readCommitObject: (oid) => readObject(catFile, oid, 'commit'),
    readCommitObjects: (oids) => catFile.readMany(oids, Number.MAX_SAFE_INTEGER).map((read, index) => read.then((got) => objectData(got, oids[index], 'commit'))),
    readTagObject: (oid) => readObject(catFile, oid, 'tag'),
    annotatedTags: () => gitAnnotatedTags(gitDir),
    notes: () => gitNotes(gitDir),
    close: () => catFile.close(),
  };
}

async function readObject(catFile: CatFile, oid: string, type: string): Promise<Uint8Array> {
  return objectData(await catFile.read(oid, Number.MAX_SAFE_INTEGER), oid, type);
}

function objectData(read: BlobRead, oid: string, type: string): Uint8Array {
  if (read.kind !== 'data') throw new LeaksweepError('GIT_OBJECT_MISSING', `${type} ${oid} is missing`);
  return read.data;
}

async function* logCommits(gitDir: string, revisions: { args: string[]; stdin: string[] }): AsyncGenerator<CommitChanges> {
  const child = spawn('git', ['--git-dir', gitDir, ...LOG_ARGS, ...revisions.args, '--stdin'], { stdio: ['pipe', 'pipe', 'pipe'], env: repositoryEnv() });
  child.stdin.on('error', () => {}); // git may exit before reading; its exit code tells
  child.stdin.end(revisions.stdin.map((line) => `${line}\n`).join(''));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-2000);
  });
  const exited = new Promise<number | null>((done, fail) => {
    child.on('error', fail);
    child.on('close', done);
  });
  try {
    yield* parseLogStream(child.stdout);
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await exited;
  if (code !== 0) throw new LeaksweepError('GIT_COMMAND_FAILED', `git log failed: ${gitFailure(stderr, code)}`);
}
