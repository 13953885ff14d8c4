// A worker that dies: its blob is tried once more on a fresh worker, then reported as failed; the other blobs go on.
import { describe, expect, it } from 'vitest';
import { BlobScanner } from '../../src/scan/blob-scanner.js';
import { WorkerPool } from '../../src/scan/worker-pool.js';

const CRASHING = new URL('../helpers/crashing-worker.mjs', import.meta.url);

describe('worker failure', () => {
  it('retries a blob once, then reports it failed, and scans the rest', async () => {
    const pool = new WorkerPool({ specs: [], maxBlobSize: 1 << 20 }, 1, CRASHING);
    let loads = 0;
    try {
      const scanner = new BlobScanner(pool, { inFlight: 1 });
      const blob = (text: string, count = false) => async () => {
        if (count) loads += 1;
        return { oid: text, data: new Uint8Array(Buffer.from(text)) };
      };
      await scanner.add('a', { path: 'a.txt', order: [1, 0, 'c1'] }, blob('fine a'));
      await scanner.add('boom', { path: 'boom.txt', order: [1, 0, 'c1'] }, blob('CRASH here', true));
      await scanner.add('b', { path: 'b.txt', order: [1, 0, 'c1'] }, blob('fine b'));
      const result = await scanner.finish();
      expect(loads).toBe(2);
      expect(result.blobsScanned).toBe(2);
      expect(result.skipped).toEqual([{ oid: 'boom', path: 'boom.txt', reason: 'failed', error: 'scan worker exited with code 7' }]);
    } finally {
      await pool.close();
    }
  });
});
