// --verify: asks each finding's issuing provider whether the secret is live, within the limits, once per secret per run.
import { createHash } from 'node:crypto';
import RE2 from 're2';
import type { Finding, Verification } from '../findings/finding.js';
import { HttpClient, NoAnswer, testBase } from './http-client.js';
import { HostLimits, type LimitOptions } from './host-limits.js';
import { VERIFIERS } from './registry.js';
import type { Outcome, Verifier, VerifyContext, VerifyRequest } from './verifier.js';
import { VerifyCache } from './verify-cache.js';

export interface VerifyOptions extends Partial<LimitOptions> {
  /** per request (default 5 s) */
  timeoutMs?: number;
  /** answers older than this are asked again (default 24 h) */
  ttlMs?: number;
  /** where answers are kept between runs (the --state directory); absent: this run only */
  cacheDir?: string;
  /** self-hosted endpoints by provider id (GitHub Enterprise, GitLab): their hosts may receive that provider's tokens */
  endpoints?: Record<string, string[]>;
  /** tests: another set of verifiers */
  verifiers?: readonly Verifier[];
}

export const DEFAULT_TTL_MS = 24 * 3600 * 1000;

/** Reads a blob's text for companions (a key id's secret on the next line); null when it cannot be read again. */
export type ReadText = (blob: string) => Promise<string | null>;

function hostAllowed(host: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => (entry.startsWith('*.') ? host.endsWith(entry.slice(1)) && host.length > entry.length - 1 : host === entry));
}

function decide(outcomes: Outcome[]): Outcome {
  return outcomes.find((o) => o.status === 'valid') ?? outcomes.find((o) => o.status === 'unknown') ?? outcomes[outcomes.length - 1] ?? { status: 'unknown', error: 'nothing to ask' };
}

export class VerificationRun {
  requests = 0;
  cached = 0;
  private readonly byRule = new Map<string, Verifier>();
  private readonly inRun = new Map<string, Promise<Outcome>>();
  private readonly cache: VerifyCache;
  private readonly client: HttpClient;
  readonly limits: HostLimits;
  private readonly patterns = new Map<string, RE2>();

  constructor(private readonly options: VerifyOptions = {}) {
    for (const verifier of options.verifiers ?? VERIFIERS) for (const rule of verifier.rules) this.byRule.set(rule, verifier);
    this.cache = new VerifyCache(options.cacheDir, options.ttlMs ?? DEFAULT_TTL_MS);
    this.client = new HttpClient({ timeoutMs: options.timeoutMs ?? 5000, base: testBase() });
    this.limits = new HostLimits({ concurrency: options.concurrency ?? 8, perHost: options.perHost ?? 2, retries: options.retries ?? 2, maxWaitMs: options.maxWaitMs ?? 30_000 });
  }

  supports(ruleId: string): boolean {
    return this.byRule.has(ruleId);
  }

  /** Sets `verification` on each target; `all` (the same scan's findings, with secrets) and `readText` give companions. */
  async verify(targets: Finding[], all: Finding[], readText: ReadText): Promise<void> {
    const texts = new Map<string, Promise<string | null>>();
    const textOf = (blob: string) => {
      if (!texts.has(blob)) texts.set(blob, readText(blob).catch(() => null));
      return texts.get(blob)!;
    };
    await Promise.all(
      targets.map(async (finding) => {
        const verifier = this.byRule.get(finding.ruleId);
        const checkedAt = new Date().toISOString();
        if (!verifier || finding.secret === undefined) {
          finding.verification = { status: 'unknown', checkedAt, provider: 'none', error: 'no verifier for this rule' };
          return;
        }
        const known = this.cache.get(finding.fingerprint);
        if (known) {
          this.cached += 1;
          finding.verification = known;
          return;
        }
        const { context, companions } = await this.contextFor(verifier, finding, all, textOf);
        const outcome = await this.ask(verifier, finding.secret, context, companions);
        const verification: Verification = { status: outcome.status, checkedAt, provider: verifier.id };
        // a provider that echoes the key (in a name, an error) must not put it in the report
        const scrub = (text: string) => text.split(finding.secret!).join('[secret]');
        if (outcome.status === 'valid' && outcome.identity) verification.identity = Object.fromEntries(Object.entries(outcome.identity).map(([key, value]) => [key, scrub(value)]));
        if (outcome.status !== 'valid' && outcome.error) verification.error = scrub(outcome.error);
        finding.verification = verification;
        this.cache.set(finding.fingerprint, verification);
      }),
    );
  }

  private regex(pattern: string): RE2 {
    let regex = this.patterns.get(pattern);
    if (!regex) this.patterns.set(pattern, (regex = new RE2(pattern, 'g')));
    return regex;
  }

  private async contextFor(verifier: Verifier, finding: Finding, all: Finding[], textOf: (blob: string) => Promise<string | null>): Promise<{ context: VerifyContext; companions: string }> {
    const values = new Map<string, string[]>();
    for (const companion of verifier.companions ?? []) {
      const found: { value: string; distance: number }[] = [];
      const rules = new Set(companion.rules ?? []);
      for (const other of all) {
        if (other !== finding && other.blob === finding.blob && rules.has(other.ruleId) && other.secret !== undefined) found.push({ value: other.secret, distance: Math.abs(other.line - finding.line) });
      }
      if (companion.pattern && finding.blob) {
        const text = await textOf(finding.blob);
        if (text !== null) {
          const regex = this.regex(companion.pattern);
          regex.lastIndex = 0;
          const lineStarts = [0];
          for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lineStarts.push(at + 1);
          for (const match of text.matchAll(regex as unknown as RegExp)) {
            let line = 1;
            while (line < lineStarts.length && lineStarts[line] <= (match.index ?? 0)) line += 1;
            found.push({ value: match[1] ?? match[0], distance: Math.abs(line - finding.line) });
          }
        }
      }
      const seen = new Set<string>([finding.secret ?? '']);
      values.set(
        companion.name,
        found.sort((a, b) => a.distance - b.distance).map((f) => f.value).filter((value) => !seen.has(value) && (seen.add(value), true)),
      );
    }
    const context: VerifyContext = {
      ruleId: finding.ruleId,
      companions: (name) => values.get(name) ?? [],
      endpoints: (provider) => this.options.endpoints?.[provider] ?? [],
    };
    return { context, companions: JSON.stringify([...values]) };
  }

  /** One secret (with its companions) is asked once per run, whatever number of findings hold it. */
  private ask(verifier: Verifier, secret: string, context: VerifyContext, companions: string): Promise<Outcome> {
    // keyed by what the request is made of, not the request: a signed one differs by its date
    const key = createHash('sha256').update(JSON.stringify([verifier.id, context.ruleId, secret, companions])).digest('hex');
    const known = this.inRun.get(key);
    if (known) return known;
    const planned = verifier.requests(secret, context);
    if (!Array.isArray(planned)) return Promise.resolve(planned);
    const pending = this.send(verifier, planned);
    this.inRun.set(key, pending);
    return pending;
  }

  private async send(verifier: Verifier, requests: VerifyRequest[]): Promise<Outcome> {
    const allowed = [...verifier.hosts, ...(this.options.endpoints?.[verifier.id] ?? []).flatMap((url) => (URL.canParse(url) ? [new URL(url).host] : []))];
    const outcomes: Outcome[] = [];
    for (const request of requests) {
      const host = URL.canParse(request.url) ? new URL(request.url).host : '';
      if (!hostAllowed(host, allowed)) {
        outcomes.push({ status: 'unknown', error: `refused: ${host || 'no host'} is not a documented ${verifier.name} host` });
        continue;
      }
      let outcome: Outcome;
      try {
        const response = await this.limits.run(host, () => {
          this.requests += 1;
          return this.client.send(request);
        });
        if (response.status === 429) outcome = { status: 'unknown', error: 'rate-limited (429)' };
        else if (response.status >= 500) outcome = { status: 'unknown', error: `http ${response.status}` };
        else outcome = verifier.interpret(response, request);
      } catch (error) {
        outcome = { status: 'unknown', error: error instanceof NoAnswer ? error.message : `error (${error instanceof Error ? error.message : String(error)})` };
      }
      outcomes.push(outcome);
      if (outcome.status === 'valid') break;
    }
    return decide(outcomes);
  }

  async close(): Promise<void> {
    this.cache.save();
    await this.client.close();
  }
}
