// Manners toward providers: one global limit, one per host, and on 429 a pause of that host (Retry-After, else backoff).
import pLimit, { type LimitFunction } from 'p-limit';
import type { VerifyResponse } from './verifier.js';

export interface LimitOptions {
  /** requests in flight at once, all hosts */
  concurrency: number;
  /** requests in flight at once to one host */
  perHost: number;
  /** a 429 is retried this many times before the finding is left unknown */
  retries: number;
  /** longest wait a Retry-After may impose; a longer one gives up at once */
  maxWaitMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retry-After in seconds or as an HTTP date; absent or unreadable: undefined. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export class HostLimits {
  private readonly global: LimitFunction;
  private readonly hosts = new Map<string, LimitFunction>();
  /** a host that answered 429 is not asked again before this time */
  private readonly pausedUntil = new Map<string, number>();
  inFlight = 0;
  maxInFlight = 0;

  constructor(private readonly options: LimitOptions) {
    this.global = pLimit(Math.max(1, options.concurrency));
  }

  private host(host: string): LimitFunction {
    let limit = this.hosts.get(host);
    if (!limit) this.hosts.set(host, (limit = pLimit(Math.max(1, this.options.perHost))));
    return limit;
  }

  /** Runs `send` within both limits; a 429 pauses the host and is retried, the last 429 is returned as it came. */
  async run(host: string, send: () => Promise<VerifyResponse>): Promise<VerifyResponse> {
    for (let attempt = 0; ; attempt += 1) {
      let retry = false;
      const response = await this.host(host)(async () => {
        const wait = (this.pausedUntil.get(host) ?? 0) - Date.now();
        if (wait > 0) await sleep(wait);
        const answer = await this.global(async () => {
          this.inFlight += 1;
          this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
          try {
            return await send();
          } finally {
            this.inFlight -= 1;
          }
        });
        if (answer.status === 429 && attempt < this.options.retries) {
          const pause = retryAfterMs(answer.headers.get('retry-after')) ?? 500 * 2 ** attempt;
          // set before the slot is released, so the host's next queued request waits too
          if (pause <= this.options.maxWaitMs) {
            this.pausedUntil.set(host, Math.max(this.pausedUntil.get(host) ?? 0, Date.now() + pause));
            retry = true;
          }
        }
        return answer;
      });
      if (!retry) return response;
    }
  }
}
