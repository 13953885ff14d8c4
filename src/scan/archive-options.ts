// The scan options that decide how archives among the blobs are opened, turned into the limits the workers apply.
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from '../archive/archive-limits.js';

export interface ArchiveOptions {
  maxBlobSize: number;
  /** false: archives are binary blobs (--no-archives); default on */
  archives?: boolean;
  /** bytes one archive may expand to, nested archives included (--max-archive-size) */
  maxArchiveSize?: number;
}

/** undefined when archives are off. An entry inside is bound by --max-blob-size, as a blob is. */
export function archiveLimits(options: ArchiveOptions): ArchiveLimits | undefined {
  if (options.archives === false) return undefined;
  return { ...DEFAULT_ARCHIVE_LIMITS, maxBytes: options.maxArchiveSize ?? DEFAULT_ARCHIVE_LIMITS.maxBytes, maxEntrySize: options.maxBlobSize };
}
