// Answers kept between runs in the state directory, keyed by the finding's HMAC fingerprint: never the secret.
import { mkdirSync, readFileSync, renameSync, writeFileSync, chmodSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Verification } from '../findings/finding.js';

const FORMAT = 1;
const FILE = 'verify-cache.json';

interface CacheFile {
  format: number;
  entries: Record<string, Verification>;
}

export class VerifyCache {
  private readonly entries = new Map<string, Verification>();
  private changed = false;

  /** `dir` undefined: answers last for this run only. */
  constructor(
    private readonly dir: string | undefined,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!dir) return;
    try {
      const file = JSON.parse(readFileSync(join(dir, FILE), 'utf8')) as CacheFile;
      if (file?.format !== FORMAT || typeof file.entries !== 'object') return;
      for (const [key, value] of Object.entries(file.entries)) if (this.fresh(value)) this.entries.set(key, value);
    } catch {
      // absent or damaged: every finding is asked again
    }
  }

  private fresh(value: Verification): boolean {
    const at = Date.parse(value?.checkedAt);
    return !Number.isNaN(at) && this.now() - at < this.ttlMs && (value.status === 'valid' || value.status === 'invalid');
  }

  get(fingerprint: string): Verification | undefined {
    const value = this.entries.get(fingerprint);
    return value && this.fresh(value) ? value : undefined;
  }

  /** Only definite answers are kept: an unknown (timeout, 429) is asked again next run. */
  set(fingerprint: string, value: Verification): void {
    if (value.status === 'unknown') return;
    this.entries.set(fingerprint, value);
    this.changed = true;
  }

  save(): void {
    if (!this.dir || !this.changed) return;
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    chmodSync(this.dir, 0o700);
    const entries: Record<string, Verification> = {};
    for (const [key, value] of this.entries) if (this.fresh(value)) entries[key] = value;
    const temporary = join(this.dir, `${FILE}.${randomBytes(6).toString('hex')}`);
    writeFileSync(temporary, JSON.stringify({ format: FORMAT, entries } satisfies CacheFile), { mode: 0o600 });
    renameSync(temporary, join(this.dir, FILE));
    this.changed = false;
  }
}
