// How far an archive may expand, and the two errors that stop it: over a limit (a bomb), or not readable as its format.
import { LeaksweepError } from '../errors.js';

export interface ArchiveLimits {
  /** bytes expanded from one top-level archive, nested levels included */
  maxBytes: number;
  /** entries read from one top-level archive, nested levels included */
  maxEntries: number;
  /** archives inside archives: the top level is 1 */
  maxDepth: number;
  /** a compressed stream or entry may expand to this many times its size (past RATIO_FLOOR bytes) */
  maxRatio: number;
  /** an entry larger than this is listed as too large, as a blob would be */
  maxEntrySize: number;
}

/** Below this many expanded bytes the ratio is not checked: tiny files of zeros compress 1000:1 and are harmless. */
export const RATIO_FLOOR = 1 << 20;

export const DEFAULT_ARCHIVE_LIMITS: Omit<ArchiveLimits, 'maxEntrySize'> = {
  maxBytes: 256 << 20,
  maxEntries: 100_000,
  maxDepth: 3,
  // text rarely compresses past 100:1; deflate's own ceiling is about 1000:1, where zip bombs sit
  maxRatio: 200,
};

export class ArchiveLimitError extends LeaksweepError {
  /** set once the archive it happened in is listed, so the levels around it do not list it again */
  listed = false;

  /** `exhausted`: the whole top-level archive is out of budget, not only this stream or entry */
  constructor(
    message: string,
    readonly exhausted: boolean,
  ) {
    super('ARCHIVE_LIMIT', message);
  }
}

export class ArchiveCorruptError extends LeaksweepError {
  constructor(message: string) {
    super('ARCHIVE_CORRUPT', message);
  }
}

/** What may still be expanded from one top-level archive: every level draws from the same budget. */
export class ExpansionBudget {
  bytes = 0;
  entries = 0;

  constructor(readonly limits: ArchiveLimits) {}

  /** Bytes left before the archive is over its limit. */
  get bytesLeft(): number {
    return this.limits.maxBytes - this.bytes;
  }

  addBytes(count: number): void {
    this.bytes += count;
    if (this.bytes > this.limits.maxBytes) throw this.exhausted();
  }

  addEntry(): void {
    this.entries += 1;
    if (this.entries > this.limits.maxEntries) throw new ArchiveLimitError(`holds more than ${this.limits.maxEntries} entries`, true);
  }

  /** Most bytes a stream of `compressed` bytes may expand to: the ratio limit, and what is left. */
  outputCap(compressed: number): number {
    return Math.min(this.bytesLeft, Math.max(RATIO_FLOOR, compressed * this.limits.maxRatio));
  }

  /** The error for a stream that went past outputCap: a ratio past the limit, or the archive's byte limit. */
  overCap(compressed: number): ArchiveLimitError {
    if (this.bytesLeft <= Math.max(RATIO_FLOOR, compressed * this.limits.maxRatio)) return this.exhausted();
    return new ArchiveLimitError(`expands more than ${this.limits.maxRatio} times its ${compressed} compressed bytes (a compression bomb)`, false);
  }

  private exhausted(): ArchiveLimitError {
    return new ArchiveLimitError(`expands past ${this.limits.maxBytes} bytes (--max-archive-size)`, true);
  }
}
