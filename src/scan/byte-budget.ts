// Bounds the bytes read ahead of the workers: a source that reads blobs itself (an image layer) waits for room first.
import type { BlobItem, BlobOutcome, BlobScanService } from './worker-protocol.js';

export class ByteBudget implements BlobScanService {
  private used = 0;
  private waiting: (() => void)[] = [];

  constructor(
    private readonly inner: BlobScanService,
    private readonly limit: number,
  ) {}

  /** Resolves once `bytes` more fit (one blob larger than the whole budget waits until nothing else is held); they count until scanned. */
  async reserve(bytes: number): Promise<void> {
    while (this.used > 0 && this.used + bytes > this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.used += bytes;
  }

  /** Gives back bytes reserved for a blob that will not be scanned after all. */
  release(bytes: number): void {
    this.used -= bytes;
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake();
  }

  /** Data handed over is transferred to a worker: its bytes are given back when the outcome arrives. */
  scan(item: BlobItem): Promise<BlobOutcome> {
    const bytes = item.data?.byteLength ?? 0;
    return this.inner.scan(item).finally(() => this.release(bytes));
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
