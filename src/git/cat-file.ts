// A long-lived `git cat-file --batch` process: requests go in as lines, objects come back in order and are parsed from the stream.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { LeaksweepError } from '../errors.js';
import type { BlobRead } from './history-source.js';

interface Pending {
  oid: string;
  maxSize: number;
  resolve: (read: BlobRead) => void;
  reject: (error: Error) => void;
}

const NEWLINE = 0x0a;

export class CatFile {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly queue: Pending[] = [];
  private header = Buffer.alloc(0);
  /** body being read for queue[0]: null while reading a header */
  private body: { data: Uint8Array | null; size: number; filled: number } | null = null;
  private stderr = '';
  private failure: Error | null = null;

  constructor(gitDir: string) {
    this.child = spawn('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-2000);
    });
    this.child.stdin.on('error', () => undefined);
    this.child.on('error', (error) => this.fail(new LeaksweepError('GIT_COMMAND_FAILED', `git cat-file: ${error.message}`)));
    this.child.on('close', (code) => {
      const detail = this.stderr.trim().split('\n')[0] || `exited with code ${code}`;
      this.fail(new LeaksweepError('GIT_COMMAND_FAILED', `git cat-file stopped: ${detail}`));
    });
  }

  read(oid: string, maxSize: number): Promise<BlobRead> {
    return this.readMany([oid], maxSize)[0];
  }

  /** One write for many requests: a write per object costs more than reading a small one. */
  readMany(oids: string[], maxSize: number): Promise<BlobRead>[] {
    if (this.failure) return oids.map(() => Promise.reject(this.failure));
    const reads = oids.map((oid) => new Promise<BlobRead>((resolve, reject) => this.queue.push({ oid, maxSize, resolve, reject })));
    // callers await these one by one: a failure must not count as unhandled before its turn comes
    for (const read of reads) read.catch(() => undefined);
    this.child.stdin.write(`${oids.join('\n')}\n`);
    return reads;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.failure) return;
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
