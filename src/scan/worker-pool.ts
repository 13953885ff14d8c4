// A fixed set of scan workers: blobs are queued, batched per message, transferred (not copied), and answered by request id.
import { Worker } from 'node:worker_threads';
import { LeaksweepError } from '../errors.js';
import { CLOCK_SLOTS, type BlobItem, type BlobOutcome, type BlobScanService, type ScanReply, type ScanRequest, type WorkerOptions, type WorkerSetup } from './worker-protocol.js';

// Always the bundled worker (npm run build): from src/ (tests), dist/ and the CLI bundle this resolves to
// dist/bundle/scan-worker.js, one file where the compiled worker is ~40 modules for every worker to load.
const WORKER_URL = new URL('../../dist/bundle/scan-worker.js', import.meta.url);
const BATCH_ITEMS = 32;
const BATCH_BYTES = 1 << 20;
const BATCHES_PER_WORKER = 2;

/** A worker started before any pool wanted it: the next pool of scan workers takes it. */
let spare: Worker | null = null;

/**
 * Starts a scan worker now, before the rules are read: Node takes 0.2-0.4 s to start a worker, about what the CLI
 * takes to load its rules and open the repository. Unreferenced: one no pool takes never holds the process open.
 */
export function prestartWorker(): void {
  if (spare) return;
  const worker = new Worker(WORKER_URL);
  const forget = (): void => {
    if (spare === worker) spare = null;
  };
  worker.on('error', forget);
  worker.on('exit', forget);
  worker.unref();
  spare = worker;
}

/** Whether a started worker waits for a pool (for tests). */
export function hasSpareWorker(): boolean {
  return spare !== null;
}

/** The spare worker, told what to scan with, or a new one given it at start. */
function startWorker(workerUrl: URL, setup: WorkerSetup): Worker {
  const worker = workerUrl.href === WORKER_URL.href ? spare : null;
  if (!worker) return new Worker(workerUrl, { workerData: setup });
  spare = null;
  worker.removeAllListeners();
  worker.ref();
  worker.postMessage({ setup });
  return worker;
}

interface Queued {
  item: BlobItem;
  resolve: (outcome: BlobOutcome) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  inFlight: Map<number, Queued[]>;
  /** shared with the worker: see CLOCK_SLOTS */
  clock: Float64Array;
}

export class WorkerPool implements BlobScanService {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: Queued[] = [];
  private nextId = 1;
  private closed = false;
  private readonly watch: NodeJS.Timeout | undefined;

  /** `workerUrl` replaces the scan worker (tests use one that dies on purpose). */
  /** `size` is the most workers: one starts at once, another each time a full batch waits for running ones that hold all they may. */
  constructor(
    private options: WorkerOptions,
    private readonly size: number,
    private readonly workerUrl: URL = WORKER_URL,
  ) {
    // a worker matches; examples, references and links are for checks and reports (they were over half the cloned data)
    this.options = { ...options, specs: options.specs.map(({ examples, negativeExamples, references, revoke, ...spec }) => ({ ...spec, examples: [], negativeExamples: [] })) };
    // A worker takes 0.2-0.4 s of CPU to start: a small repository is scanned before a second would be ready.
    this.workers.push(this.spawn());
    const budget = options.blobTimeoutMs;
    if (budget !== undefined) this.watch = setInterval(() => this.enforceBudget(budget), Math.max(1, Math.min(1000, budget / 4))).unref();
  }

  /** Data, when given, is transferred: the caller must not use it afterwards. */
  scan(item: BlobItem): Promise<BlobOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watch);
    await Promise.all(this.workers.map((entry) => entry.worker.terminate()));
  }

  private spawn(): PoolWorker {
    const shared = new SharedArrayBuffer(CLOCK_SLOTS * Float64Array.BYTES_PER_ELEMENT);
    const entry: PoolWorker = { worker: startWorker(this.workerUrl, { ...this.options, clock: shared }), inFlight: new Map(), clock: new Float64Array(shared) };
    entry.worker.on('message', (reply: ScanReply) => this.onReply(entry, reply));
    entry.worker.on('error', (error) => this.onDeath(entry, `scan worker failed: ${error.message}`));
    entry.worker.on('exit', (code) => this.onDeath(entry, `scan worker exited with code ${code}`));
    return entry;
  }

  private onReply(entry: PoolWorker, reply: ScanReply): void {
    const batch = entry.inFlight.get(reply.id);
    if (!batch) return;
    entry.inFlight.delete(reply.id);
    if (reply.error) {
      const error = LeaksweepError.fromJSON(reply.error);
      for (const queued of batch) queued.reject(error);
    } else {
      batch.forEach((queued, index) => queued.resolve(reply.outcomes[index]));
    }
    this.dispatch();
  }

  /**
   * A scan cannot be interrupted inside its thread: a blob over budget is reported as timed out and its worker
   * replaced. The other blobs that worker held fail, and are retried once like any blob of a dead worker.
   */
  private enforceBudget(budget: number): void {
    for (const entry of [...this.workers]) {
      const [id, index, startedAt, size] = entry.clock;
      if (startedAt === 0 || Date.now() - startedAt <= budget) continue;
      const queued = entry.inFlight.get(id)?.[index];
      queued?.resolve({ kind: 'timeout', size, error: `scanning took longer than ${budget} ms` });
      this.onDeath(entry, 'scan worker stopped: another blob it held took longer than the time budget');
    }
  }

  /** A dead worker fails the blobs it held and is replaced, so the scan goes on. */
  private onDeath(entry: PoolWorker, message: string): void {
    const index = this.workers.indexOf(entry);
    if (index === -1 || this.closed) return;
    const error = new LeaksweepError('WORKER_FAILED', message);
    for (const batch of entry.inFlight.values()) for (const queued of batch) queued.reject(error);
    entry.inFlight.clear();
    entry.worker.removeAllListeners();
    void entry.worker.terminate();
    this.workers[index] = this.spawn();
    this.dispatch();
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let entry = this.workers.reduce((best, candidate) => (candidate.inFlight.size < best.inFlight.size ? candidate : best));
      if (entry.inFlight.size >= BATCHES_PER_WORKER) {
        // another worker only for a full batch that none can take: a few blobs wait rather than pay for one
        if (this.workers.length >= this.size || this.closed || this.queue.length < BATCH_ITEMS) return;
        entry = this.spawn();
        this.workers.push(entry);
      }
      const batch: Queued[] = [];
      let bytes = 0;
      while (this.queue.length > 0 && batch.length < BATCH_ITEMS && (batch.length === 0 || bytes + (this.queue[0].item.data?.byteLength ?? 0) <= BATCH_BYTES)) {
        const queued = this.queue.shift()!;
        bytes += queued.item.data?.byteLength ?? 0;
        batch.push(queued);
      }
      const id = this.nextId++;
      entry.inFlight.set(id, batch);
      const request: ScanRequest = { id, items: batch.map((queued) => queued.item) };
      const transfer = batch.flatMap((queued) => (queued.item.data ? [queued.item.data.buffer as ArrayBuffer] : []));
      entry.worker.postMessage(request, transfer);
    }
  }
}
