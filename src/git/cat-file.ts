// A long-lived `git cat-file --batch` process: requests go in as lines, objects come back in order and are parsed from the stream.
import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams, type StdioOptions } from 'node:child_process';
import { createInterface } from 'node:readline';
import { LeaksweepError } from '../errors.js';
import { gitEnv, gitFailure, refusedFetch, repositoryEnv } from './git-env.js';
import type { BlobRead } from './history-source.js';

interface Pending {
  oid: string;
  maxSize: number;
  resolve: (read: BlobRead) => void;
  reject: (error: Error) => void;
}

const NEWLINE = 0x0a;
/**
 * There is one cat-file per worker: git's default 96 MiB delta-base cache each doubled the memory of a scan
 * (1 GB history: 145 → 73 MB per cat-file) and bought no speed (realistic corpus: 2.9 → 2.2–3.0 s of cpu).
 */
const DELTA_BASE_CACHE = '32m';
/** A repository that kills cat-file on object after object fails as a whole rather than restart per object. */
const RESTART_LIMIT = 100;

/**
 * A git directory, or a directory git finds the repository from with the caller's environment, as a hook's own git
 * does (`scan --staged` reads objects of the repository `git diff --cached` compared, without a rev-parse first).
 */
export type Repository = string | { cwd: string };

function spawnGit(repository: Repository, args: string[], stdio: StdioOptions): ChildProcess {
  return typeof repository === 'string'
    ? spawn('git', ['--git-dir', repository, ...args], { stdio, env: repositoryEnv() })
    : spawn('git', args, { stdio, cwd: repository.cwd, env: gitEnv() });
}

/**
 * Objects absent from a partial clone, listed by a walk that never fetches. Asking cat-file for one
 * costs a refused fetch, a walk of every promisor pack and a restart: a large clone lacks thousands.
 * An empty set when the walk fails: each absent object then costs its restart, but still reads as missing.
 */
async function absentObjects(repository: Repository): Promise<Set<string>> {
  const absent = new Set<string>();
  const child = spawnGit(repository, ['rev-list', '--objects', '--missing=print', '--no-object-names', '--all'], ['ignore', 'pipe', 'ignore']);
  const exited = new Promise<number | null>((done) => {
    child.on('error', () => done(null));
    child.on('close', done);
  });
  for await (const line of createInterface({ input: child.stdout! })) if (line.startsWith('?')) absent.add(line.slice(1));
  return (await exited) === 0 ? absent : new Set();
}

export class CatFile {
  private child: ChildProcessWithoutNullStreams;
  private readonly queue: Pending[] = [];
  private header = Buffer.alloc(0);
  /** body being read for queue[0]: null while reading a header */
  private body: { data: Uint8Array | null; size: number; filled: number } | null = null;
  private stderr = '';
  private failure: Error | null = null;
  /** set once a refused lazy fetch showed this is a partial clone: what it lacks */
  private absent: Promise<Set<string>> | null = null;
  private knownAbsent = new Set<string>();
  /** requests wait in the queue, unwritten, while cat-file restarts */
  private restarting = false;
  private restarts = 0;
  private closing = false;

  constructor(private readonly repository: Repository) {
    this.child = this.start();
  }

  private start(): ChildProcessWithoutNullStreams {
    const child = spawnGit(this.repository, ['-c', `core.deltaBaseCacheLimit=${DELTA_BASE_CACHE}`, 'cat-file', '--batch'], ['pipe', 'pipe', 'pipe']) as ChildProcessWithoutNullStreams;
    this.stderr = '';
    child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-2000);
    });
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => this.fail(new LeaksweepError('GIT_COMMAND_FAILED', `git cat-file: ${error.message}`)));
    child.on('close', (code) => this.onClose(code));
    return child;
  }

  /**
   * cat-file dies on an object it cannot inflate from a pack, and on one absent from a partial clone
   * (git 2.39 refuses the lazy fetch, then dies rather than say "missing"). All its output was read
   * (a blob may stop after its header), so queue[0] is that object: it fails or is missing, and the
   * rest is asked again of a new cat-file, without what the partial clone is known to lack.
   */
  private onClose(code: number | null): void {
    const detail = gitFailure(this.stderr, code);
    const culprit = this.queue[0];
    if (!culprit || this.closing || this.failure || this.restarts >= RESTART_LIMIT) {
      this.fail(new LeaksweepError('GIT_COMMAND_FAILED', `git cat-file stopped: ${detail}`));
      return;
    }
    this.restarts += 1;
    this.queue.shift();
    this.header = Buffer.alloc(0);
    this.body = null;
    if (refusedFetch(this.stderr)) {
      culprit.resolve({ kind: 'missing' });
      this.absent ??= absentObjects(this.repository);
    } else {
      culprit.reject(new LeaksweepError('GIT_OBJECT_CORRUPT', `object ${culprit.oid} cannot be read: ${detail}`));
    }
    this.restarting = true;
    void (this.absent ?? Promise.resolve(this.knownAbsent)).then((absent) => {
      this.restarting = false;
      this.knownAbsent = absent;
      if (this.closing) {
        this.fail(new LeaksweepError('GIT_COMMAND_FAILED', 'git cat-file: closed while restarting'));
        return;
      }
      this.child = this.start();
      for (const pending of this.queue.splice(0)) {
        if (absent.has(pending.oid)) pending.resolve({ kind: 'missing' });
        else this.queue.push(pending);
      }
      if (this.queue.length > 0) this.child.stdin.write(`${this.queue.map((pending) => pending.oid).join('\n')}\n`);
    });
  }

  read(oid: string, maxSize: number): Promise<BlobRead> {
    return this.readMany([oid], maxSize)[0];
  }

  /** One write for many requests: a write per object costs more than reading a small one. */
  readMany(oids: string[], maxSize: number): Promise<BlobRead>[] {
    if (this.failure) return oids.map(() => Promise.reject(this.failure));
    const toWrite: string[] = [];
    const reads = oids.map((oid) => {
      if (this.knownAbsent.has(oid)) return Promise.resolve<BlobRead>({ kind: 'missing' });
      toWrite.push(oid);
      return new Promise<BlobRead>((resolve, reject) => this.queue.push({ oid, maxSize, resolve, reject }));
    });
    // callers await these one by one: a failure must not count as unhandled before its turn comes
    for (const read of reads) read.catch(() => undefined);
    if (toWrite.length > 0 && !this.restarting) this.child.stdin.write(`${toWrite.join('\n')}\n`);
    return reads;
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.restarting || this.child.exitCode !== null || this.failure) return;
    const closed = new Promise((resolve) => this.child.once('close', resolve));
    this.child.stdin.end();
    await closed;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.queue.splice(0)) pending.reject(error);
  }

  private onData(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.body) {
        at = this.readBody(chunk, at);
        continue;
      }
      const end = chunk.indexOf(NEWLINE, at);
      if (end === -1) {
        this.header = Buffer.concat([this.header, chunk.subarray(at)]);
        return;
      }
      const line = Buffer.concat([this.header, chunk.subarray(at, end)]).toString('latin1');
      this.header = Buffer.alloc(0);
      at = end + 1;
      this.startObject(line);
    }
  }

  private startObject(line: string): void {
    const pending = this.queue[0];
    const parts = line.split(' ');
    if (parts[1] === 'missing' || parts[1] === 'ambiguous') {
      this.queue.shift();
      pending?.resolve({ kind: 'missing' });
      return;
    }
    const size = Number(parts[2]);
    if (!pending || !Number.isSafeInteger(size)) {
      this.fail(new LeaksweepError('GIT_COMMAND_FAILED', `git cat-file: unexpected output "${line.slice(0, 80)}"`));
      return;
    }
    const data = size <= pending.maxSize ? new Uint8Array(size) : null;
    this.body = { data, size, filled: 0 };
  }

  /** Copies (or skips) body bytes plus the trailing newline; returns the new position in chunk. */
  private readBody(chunk: Buffer, at: number): number {
    const body = this.body!;
    const wanted = body.size + 1 - body.filled;
    const take = Math.min(wanted, chunk.length - at);
    if (body.data) {
      const copyable = Math.min(take, body.size - body.filled);
      if (copyable > 0) body.data.set(chunk.subarray(at, at + copyable), body.filled);
    }
    body.filled += take;
    if (body.filled === body.size + 1) {
      this.body = null;
      const pending = this.queue.shift()!;
      pending.resolve(body.data ? { kind: 'data', data: body.data } : { kind: 'too-large', size: body.size });
    }
    return at + take;
  }
}
