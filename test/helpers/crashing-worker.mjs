// A scan worker for tests: speaks the pool's protocol, and exits (as a crash would) on a blob holding CRASH.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (request) => {
  const crash = request.items.some((item) => item.data && Buffer.from(item.data).includes('CRASH'));
  if (crash) process.exit(7);
  parentPort.postMessage({ id: request.id, outcomes: request.items.map((item) => ({ kind: 'scanned', size: item.data.byteLength, matches: [] })) });
});
