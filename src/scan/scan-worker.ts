// Worker entry: compiles the rules once from plain data, reads blobs itself when it can, and answers requests by id.
import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage } from '../errors.js';
import { CatFile } from '../git/cat-file.js';
import type { BlobRead } from '../git/history-source.js';
import { compileRules } from '../rules/compile-rules.js';
import { inspectBlobOrArchive } from './inspect-blob.js';
import type { BlobOutcome, ScanReply, ScanRequest, WorkerOptions } from './worker-protocol.js';

const port = parentPort!;
const options = workerData as WorkerOptions & { clock?: SharedArrayBuffer };
// Tells the pool which blob is being scanned since when, without a message per blob.
const clock = options.clock ? new Float64Array(options.clock) : null;
// The main thread compiled and validated the same specs: here each rule compiles when a keyword first reaches it.
const rules = compileRules(options.specs, { decodeSegments: options.decodeSegments, lazy: true });
// Each worker has its own cat-file: inflating is spread over processes and bytes skip the main thread.
const catFile = options.reader?.kind === 'git' ? new CatFile(options.reader.gitDir) : null;

async function outcomes(request: ScanRequest): Promise<BlobOutcome[]> {
  // Ask for every blob of the batch at once so git streams while earlier ones are scanned.
  const toRead = request.items.filter((item) => !item.data).map((item) => item.oid);
  if (toRead.length > 0 && !catFile) throw new Error(`no reader for blob ${toRead[0]}`);
  const pending = catFile && toRead.length > 0 ? catFile.readMany(toRead, options.maxBlobSize) : [];
  let next = 0;
  const reads: Promise<BlobRead>[] = request.items.map((item) => (item.data ? Promise.resolve({ kind: 'data', data: item.data }) : pending[next++]));
  const results: BlobOutcome[] = [];
  for (const [index, read] of reads.entries()) {
    try {
      const blob = await read;
      if (clock) clock.set([request.id, index, Date.now(), blob.kind === 'data' ? blob.data.byteLength : 0]);
      results.push(await inspectBlobOrArchive(rules, blob, request.items[index].path, options.archives));
    } catch (error) {
      results.push({ kind: 'failed', error: errorMessage(error) });
    } finally {
      if (clock) clock[2] = 0;
    }
  }
  return results;
}

port.on('message', (request: ScanRequest) => {
  outcomes(request).then(
    (list) => port.postMessage({ id: request.id, outcomes: list } satisfies ScanReply),
    (error: unknown) => port.postMessage({ id: request.id, error: { code: 'WORKER_FAILED', message: errorMessage(error) } } satisfies ScanReply),
  );
});
