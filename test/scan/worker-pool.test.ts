// Workers start as the work needs them: one at once, more only while every running one is full.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasSpareWorker, prestartWorker, WorkerPool } from '../../src/scan/worker-pool.js';
import { AWS_KEY, TEST_RULES } from '../helpers/test-rules.js';

const THREAD_ID = new URL('../helpers/thread-id-worker.mjs', import.meta.url);

/** Ids of the worker threads that answered `count` blobs handed to a pool of at most `size` workers all at once. */
async function threadsAnswering(count: number, size: number): Promise<Set<number>> {
  const pool = new WorkerPool({ specs: [], maxBlobSize: 1 << 20 }, size, THREAD_ID);
  try {
    const outcomes = await Promise.all(Array.from({ length: count }, (_, index) => pool.scan({ oid: `blob-${index}`, data: new Uint8Array([index & 0xff]) })));
    return new Set(outcomes.map((outcome) => (outcome.kind === 'scanned' ? outcome.size : -1)));
  } finally {
    await pool.close();
  }
}

describe('worker pool', () => {
  it('scans a few blobs with one worker, however many it may start', async () => {
    expect((await threadsAnswering(3, 4)).size).toBe(1);
  });

  it('starts more workers, up to its size, while the running ones are full', async () => {
    // 64 blobs fill one worker (two batches of 32): a thousand need more
    expect((await threadsAnswering(1000, 2)).size).toBe(2);
    expect((await threadsAnswering(1000, 3)).size).toBe(3);
    expect((await threadsAnswering(1000, 1)).size).toBe(1);
  });

  it('takes a worker started ahead, tells it the rules, and scans with it', async () => {
    prestartWorker();
    expect(hasSpareWorker()).toBe(true);
    const pool = new WorkerPool({ specs: TEST_RULES, maxBlobSize: 1 << 20 }, 1);
    expect(hasSpareWorker()).toBe(false);
    try {
      const outcome = await pool.scan({ oid: 'blob', data: new Uint8Array(Buffer.from(`key = ${AWS_KEY}\n`)), path: 'a.txt' });
      expect(outcome.kind === 'scanned' && outcome.matches.map((match) => match.secret)).toEqual([AWS_KEY]);
    } finally {
      await pool.close();
    }
  });

  it('lets the process end when no pool takes the worker started ahead', () => {
    // a script file, not --eval: a worker inherits the process's flags, and --input-type would stop it
    const dir = mkdtempSync(join(tmpdir(), 'leaksweep-spare-'));
    try {
      const script = join(dir, 'spare.mjs');
      const module = new URL('../../dist/scan/worker-pool.js', import.meta.url).href;
      // the worker is still there, idle, when the script's own work is done
      writeFileSync(script, `const m = await import(${JSON.stringify(module)}); m.prestartWorker(); setTimeout(() => console.log(m.hasSpareWorker()), 500);\n`);
      expect(execFileSync(process.execPath, [script], { encoding: 'utf8', timeout: 20_000 }).trim()).toBe('true');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
