// Worker entry: compiles the rules once from plain data, then answers scan requests tagged with their id.
import { parentPort, workerData } from 'node:worker_threads';
import { detectBlob } from '../detect/detect-blob.js';
import { LeaksweepError, errorMessage } from '../errors.js';
import { compileRules } from '../rules/compile-rules.js';
import type { RuleSpec } from '../rules/rule-spec.js';
import type { ScanReply, ScanRequest } from './worker-protocol.js';

const port = parentPort!;
const rules = compileRules((workerData as { specs: RuleSpec[] }).specs);

port.on('message', (request: ScanRequest) => {
  let reply: ScanReply;
  try {
    reply = { id: request.id, matches: request.blobs.map((blob) => detectBlob(rules, blob.data)) };
  } catch (error) {
    const failure = error instanceof LeaksweepError ? error : new LeaksweepError('WORKER_FAILED', errorMessage(error));
    reply = { id: request.id, error: failure.toJSON() };
  }
  port.postMessage(reply);
});
