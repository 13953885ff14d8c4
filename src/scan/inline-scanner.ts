// Scans on this thread: for inputs so small (a pre-commit change, stdin) that starting workers would cost more than scanning.
import type { BlobRead } from '../git/history-source.js';
import type { CompiledRules } from '../rules/compile-rules.js';
import { inspectBlob } from './inspect-blob.js';
import type { BlobItem, BlobOutcome, BlobScanService } from './worker-protocol.js';

export class InlineScanner implements BlobScanService {
  constructor(
    private readonly rules: CompiledRules,
    private readonly readBlob: ((oid: string) => Promise<BlobRead>) | null,
  ) {}

  async scan(item: BlobItem): Promise<BlobOutcome> {
    if (item.data) return inspectBlob(this.rules, { kind: 'data', data: item.data }, item.path);
    if (!this.readBlob) throw new Error(`no reader for blob ${item.oid}`);
    return inspectBlob(this.rules, await this.readBlob(item.oid), item.path);
  }

  async close(): Promise<void> {}
}
