// A scan worker for tests: speaks the pool's protocol and answers every blob with its thread id as the size.
import { parentPort, threadId } from 'node:worker_threads';

parentPort.on('message', (request) => {
  parentPort.postMessage({ id: request.id, outcomes: request.items.map(() => ({ kind: 'scanned', size: threadId, matches: [] })) });
});
