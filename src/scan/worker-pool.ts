// A fixed set of scan workers: blobs are queued, batched per message, transferred (not copied), and answered by request id.
import { Worker } from 'node:worker_threads';
import type { RawMatch } from '../detect/detect-blob.js';
import { LeaksweepError } from '../errors.js';
import type { RuleSpec } from '../rules/rule-spec.js';
import type { ScanReply, ScanRequest } from './worker-protocol.js';

// Always the compiled worker: from src/ (tests) and from dist/ this resolves to dist/scan/scan-worker.js.
const WORKER_URL = new URL('../../dist/scan/scan-worker.js', import.meta.url);
const BATCH_BLOBS = 64;
const BATCH_BYTES = 1 << 20;
const BATCHES_PER_WORKER = 2;

interface QueuedBlob {
  data: Uint8Array;
  path: string;
  resolve: (matches: RawMatch[]) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  inFlight: Map<number, QueuedBlob[]>;
}

export class WorkerPool {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: QueuedBlob[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly specs: RuleSpec[],
    size: number,
  ) {
    for (let i = 0; i < Math.max(1, size); i += 1) this.workers.push(this.spawn());
  }

  scan(data: Uint8Array, path: string): Promise<RawMatch[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ data, path, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((entry) => entry.worker.terminate()));
  }

  private spawn(): PoolWorker {
    const entry: PoolWorker = { worker: new Worker(WORKER_URL, { workerData: { specs: this.specs } }), inFlight: new Map() };
    entry.worker.on('message', (reply: ScanReply) => this.onReply(entry, reply));
    entry.worker.on('error', (error) => this.onDeath(entry, `scan worker failed: ${error.message}`));
    entry.worker.on('exit', (code) => this.onDeath(entry, `scan worker exited with code ${code}`));
    return entry;
  }

  private onReply(entry: PoolWorker, reply: ScanReply): void {
    const blobs = entry.inFlight.get(reply.id);
    if (!blobs) return;
    entry.inFlight.delete(reply.id);
    if (reply.error) {
      const error = LeaksweepError.fromJSON(reply.error);
      for (const blob of blobs) blob.reject(error);
    } else {
      blobs.forEach((blob, index) => blob.resolve(reply.matches[index]));
    }
    this.dispatch();
  }

  /** A dead worker fails the blobs it held and is replaced, so the scan goes on. */
  private onDeath(entry: PoolWorker, message: string): void {
    const index = this.workers.indexOf(entry);
    if (index === -1 || this.closed) return;
    const error = new LeaksweepError('WORKER_FAILED', message);
    for (const blobs of entry.inFlight.values()) for (const blob of blobs) blob.reject(error);
    entry.inFlight.clear();
    entry.worker.removeAllListeners();
    void entry.worker.terminate();
    this.workers[index] = this.spawn();
    this.dispatch();
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const entry = this.workers.reduce((best, candidate) => (candidate.inFlight.size < best.inFlight.size ? candidate : best));
      if (entry.inFlight.size >= BATCHES_PER_WORKER) return;
      const batch: QueuedBlob[] = [];
      let bytes = 0;
      while (this.queue.length > 0 && batch.length < BATCH_BLOBS && (batch.length === 0 || bytes + this.queue[0].data.byteLength <= BATCH_BYTES)) {
        const blob = this.queue.shift()!;
        bytes += blob.data.byteLength;
        batch.push(blob);
      }
      const id = this.nextId++;
      entry.inFlight.set(id, batch);
      const request: ScanRequest = { id, blobs: batch.map(({ data, path }) => ({ data, path })) };
      entry.worker.postMessage(request, batch.map((blob) => blob.data.buffer as ArrayBuffer));
    }
  }
}
