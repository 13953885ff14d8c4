// A worker that dies: its blob is tried once more on a fresh worker, then reported as failed; the other blobs go on.
import { describe, expect, it } from 'vitest';
import { BlobScanner } from '../../src/scan/blob-scanner.js';
import { prestartWorker, WorkerPool } from '../../src/scan/worker-pool.js';
import { runScan } from '../../src/scan/run-scan.js';
import { repoPerTest } from '../helpers/git-fixture.js';
import { TEST_RULES } from '../helpers/test-rules.js';

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

describe('per-blob time budget', () => {
  const repo = repoPerTest();

  it.each([false, true])('gives up a blob that takes too long, scans the others, and marks the scan incomplete (worker started ahead: %s)', async (ahead) => {
    // a worker started ahead gets the shared clock the budget is read from in a message, not at its start
    if (ahead) prestartWorker();
    // ~8 MB where every line is a keyword hit: well over a second of matching, against a 150 ms budget
    const dense = 'password = abcdefgh\n'.repeat(400_000);
    const fixture = repo([
      { files: { 'small-1.env': `password = first-secret-1\n`, 'dense.txt': dense, 'small-2.env': `password = second-secret-2\n` } },
      { files: { 'small-3.env': `password = third-secret-3\n` } },
    ]);
    const report = await runScan({ path: fixture.dir, engine: 'git', jobs: 1, maxBlobSize: 64 << 20, showSecrets: true, rules: TEST_RULES, blobTimeoutMs: 150 });
    expect(report.findings.map((f) => f.secret).sort()).toEqual(['first-secret-1', 'second-secret-2', 'third-secret-3']);
    expect(report.summary.skipped).toEqual([{ oid: expect.any(String), path: 'dense.txt', reason: 'timeout', size: dense.length, error: 'scanning took longer than 150 ms' }]);
    expect(report.summary.blobsSkipped.timeout).toBe(1);
    expect(report.summary.incomplete).toBe(true);
  });
});
