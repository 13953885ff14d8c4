// Scans on this thread: for inputs so small (a pre-commit change, stdin) that starting workers would cost more than scanning.
import type { ArchiveLimits } from '../archive/archive-limits.js';
import type { BlobRead } from '../git/history-source.js';
import type { CompiledRules } from '../rules/compile-rules.js';
import { inspectBlobOrArchive } from './inspect-blob.js';
import type { BlobItem, BlobOutcome, BlobScanService } from './worker-protocol.js';

export class InlineScanner implements BlobScanService {
  constructor(
    private readonly rules: CompiledRules,
    private readonly readBlob: ((oid: string) => Promise<BlobRead>) | null,
    private readonly archives?: ArchiveLimits,
  ) {}

  async scan(item: BlobItem): Promise<BlobOutcome> {
    if (item.data) return inspectBlobOrArchive(this.rules, { kind: 'data', data: item.data }, item.path, this.archives);
    if (!this.readBlob) throw new Error(`no reader for blob ${item.oid}`);
    return inspectBlobOrArchive(this.rules, await this.readBlob(item.oid), item.path, this.archives);
  }

  async close(): Promise<void> {}
}
