// What a provider's verifier is: which rules it checks, the one read-only identity request it sends, and how it reads the answer.
import type { VerificationStatus } from '../findings/finding.js';

export interface VerifyRequest {
  method: 'GET' | 'POST' | 'HEAD';
  /** always https on the provider's documented host (a test server's base replaces the origin, in tests only) */
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface VerifyResponse {
  status: number;
  headers: Headers;
  /** at most 1 MB of the body, as text */
  body: string;
}

export type Outcome =
  | { status: 'valid'; identity?: Record<string, string> }
  | { status: 'invalid'; error?: string }
  | { status: 'unknown'; error: string };

/** What a verifier may need besides the secret: values found near it (an AWS key id's secret, a Twilio SID …). */
export interface VerifyContext {
  /** the rule that found the secret (a verifier of a pair tells an AWS key id from its secret by it) */
  ruleId: string;
  /** values of the named companion, nearest first (the same blob's findings, then the blob's text) */
  companions(name: string): string[];
  /** user-configured self-hosted endpoints (verify.endpoints), by provider id */
  endpoints(provider: string): string[];
}

/** A value the request needs that is not the secret: looked for in the same blob, nearest first. */
export interface Companion {
  name: string;
  /** findings of these rules in the same blob give the value (their secret) */
  rules?: string[];
  /** else an RE2 pattern over the blob's text; its first group (or whole match) is the value */
  pattern?: string;
}

export interface Verifier {
  /** provider id, e.g. `github`: names the verification and the per-host limit */
  id: string;
  /** shown in the README table */
  name: string;
  /** rule ids whose findings this verifier checks */
  rules: readonly string[];
  /** documented hosts the secret may go to; a `*.` entry allows any subdomain (a shop's own myshopify.com host) */
  hosts: readonly string[];
  /** README: the request, e.g. `GET https://api.github.com/user` */
  endpoint: string;
  /** README: what a valid answer reveals */
  reveals: string;
  companions?: readonly Companion[];
  /**
   * The requests to try in order: the first that gives valid or invalid decides (a token of GitHub.com or of a
   * configured GitHub Enterprise host). An Outcome instead means nothing can be asked (no companion found).
   */
  requests(secret: string, context: VerifyContext): VerifyRequest[] | Outcome;
  /** Reads a 2xx–4xx answer other than 429 (rate limits and server errors are handled before this is called). */
  interpret(response: VerifyResponse, request: VerifyRequest): Outcome;
}

export type { VerificationStatus };

/** The usual reading: 2xx valid with identity, 401/403 invalid, anything else unknown. */
export function byStatus(response: VerifyResponse, identity: () => Record<string, string> | undefined, invalidOn: readonly number[] = [401, 403]): Outcome {
  if (response.status >= 200 && response.status < 300) return { status: 'valid', identity: identity() };
  if (invalidOn.includes(response.status)) return { status: 'invalid', error: `http ${response.status}` };
  return { status: 'unknown', error: `http ${response.status}` };
}

/** The body as JSON, or undefined: providers answer errors in HTML now and then. */
export function jsonOf(response: VerifyResponse): any {
  try {
    return JSON.parse(response.body);
  } catch {
    return undefined;
  }
}

/** Identity fields that are present, as strings; nested values are left out (they could echo anything). */
export function pick(source: unknown, fields: Record<string, string>): Record<string, string> | undefined {
  if (!source || typeof source !== 'object') return undefined;
  const out: Record<string, string> = {};
  for (const [label, path] of Object.entries(fields)) {
    let value: unknown = source;
    for (const part of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[label] = String(value);
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) out[label] = value.join(', ');
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * The provider's own base URL, then the self-hosted ones configured for it (verify.endpoints), each without a trailing
 * slash or `apiPath` (a configured https://gitlab.example.com/api/v4 and https://gitlab.example.com give the same base).
 */
export function baseUrls(own: string, context: VerifyContext, provider: string, apiPath = ''): string[] {
  return [own, ...context.endpoints(provider)].map((base) => {
    const trimmed = base.replace(/\/+$/, '');
    return apiPath && trimmed.endsWith(apiPath) ? trimmed.slice(0, -apiPath.length) : trimmed;
  });
}
