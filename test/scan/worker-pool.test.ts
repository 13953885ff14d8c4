// Workers start as the work needs them: one at once, more only while every running one is full.
import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/scan/worker-pool.js';

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
});
