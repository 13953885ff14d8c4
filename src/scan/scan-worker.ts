// Worker entry: compiles the rules once from plain data, reads blobs itself when it can, and answers requests by id.
import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage } from '../errors.js';
import { CatFile } from '../git/cat-file.js';
import type { BlobRead } from '../git/history-source.js';
import { compileRules, type CompiledRules } from '../rules/compile-rules.js';
import { inspectBlobOrArchive } from './inspect-blob.js';
import type { BlobOutcome, ScanReply, ScanRequest, WorkerSetup } from './worker-protocol.js';

const port = parentPort!;

interface Scanning {
  options: WorkerSetup;
  /** tells the pool which blob is being scanned since when, without a message per blob */
  clock: Float64Array | null;
  rules: CompiledRules;
  /** each worker has its own cat-file: inflating is spread over processes and bytes skip the main thread */
  catFile: CatFile | null;
}

function setUp(options: WorkerSetup): Scanning {
  return {
    options,
    clock: options.clock ? new Float64Array(options.clock) : null,
    // the main thread compiled and validated the same specs: here each rule compiles when a keyword first reaches it
    rules: compileRules(options.specs, { decodeSegments: options.decodeSegments, lazy: true }),
    catFile: options.reader?.kind === 'git' ? new CatFile(options.reader.gitDir) : null,
  };
}

// a worker started ahead of its pool gets its setup as the first message
let scanning: Scanning | null = workerData ? setUp(workerData as WorkerSetup) : null;

async function outcomes({ options, clock, rules, catFile }: Scanning, request: ScanRequest): Promise<BlobOutcome[]> {
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

port.on('message', (message: ScanRequest | { setup: WorkerSetup }) => {
  if ('setup' in message) {
    scanning = setUp(message.setup);
    return;
  }
  const request = message;
  // a request before any setup is the pool's mistake: it fails like a worker that cannot scan
  const answer = scanning ? outcomes(scanning, request) : Promise.reject(new Error('scan worker was never set up'));
  answer.then(
    (list) => port.postMessage({ id: request.id, outcomes: list } satisfies ScanReply),
    (error: unknown) => port.postMessage({ id: request.id, error: { code: 'WORKER_FAILED', message: errorMessage(error) } } satisfies ScanReply),
  );
});
