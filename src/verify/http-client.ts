// Sends one verification request: HTTPS to the verifier's host only, no redirects followed, a hard timeout, proxies from the environment.
import { EnvHttpProxyAgent, fetch, type Dispatcher } from 'undici';
import { LeaksweepError } from '../errors.js';
import type { VerifyRequest, VerifyResponse } from './verifier.js';

const MAX_BODY = 1 << 20;

/** Why a request got no answer to read: said as the finding's `unknown` reason. */
export class NoAnswer extends Error {}

/** The variable that points verifiers at a test server: honoured only inside the test runner and only for loopback. */
export const TEST_BASE_ENV = 'LEAKSWEEP_VERIFY_TEST_BASE';

export function testBase(env: NodeJS.ProcessEnv = process.env): URL | undefined {
  const value = env[TEST_BASE_ENV];
  if (!value) return undefined;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  const loopback = url && url.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
  if (!env.VITEST || !loopback) throw new LeaksweepError('USAGE', `${TEST_BASE_ENV} exists for leaksweep's own tests (a loopback server under vitest): refused`);
  return url;
}

export interface ClientOptions {
  timeoutMs: number;
  /** tests: the origin that replaces every request's; the original host goes in x-leaksweep-original-host */
  base?: URL;
}

function reason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (error as { code?: string })?.code;
  if (code && /CERT|TLS|SSL|SELF_SIGNED|ALTNAME/.test(code)) return `tls error (${code})`;
  if (code) return `network error (${code})`;
  return `network error (${cause?.message ?? (error instanceof Error ? error.message : String(error))})`;
}

async function readCapped(body: ReadableStream<Uint8Array> | null): Promise<string> {
  if (!body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  while (size < MAX_BODY) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).subarray(0, MAX_BODY).toString('utf8');
}

export class HttpClient {
  private readonly dispatcher: Dispatcher;

  constructor(private readonly options: ClientOptions) {
    // HTTPS_PROXY, HTTP_PROXY and NO_PROXY as curl reads them
    this.dispatcher = new EnvHttpProxyAgent();
  }

  async send(request: VerifyRequest): Promise<VerifyResponse> {
    const target = new URL(request.url);
    if (target.protocol !== 'https:') throw new NoAnswer(`refused: ${target.protocol} is not https`);
    const headers: Record<string, string> = { 'user-agent': 'leaksweep-verify', ...request.headers };
    let url = target;
    if (this.options.base) {
      url = new URL(target.pathname + target.search, this.options.base);
      headers['x-leaksweep-original-host'] = target.host;
    }
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    try {
      const response = await fetch(url, { method: request.method, headers, body: request.body, redirect: 'manual', signal, dispatcher: this.dispatcher });
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel().catch(() => undefined);
        const location = response.headers.get('location');
        const host = location && URL.canParse(location, url) ? new URL(location, url).host : 'elsewhere';
        throw new NoAnswer(`redirect to ${host} not followed`);
      }
      const body = await readCapped(response.body as ReadableStream<Uint8Array> | null);
      return { status: response.status, headers: response.headers as unknown as Headers, body };
    } catch (error) {
      if (error instanceof NoAnswer) throw error;
      if (signal.aborted) throw new NoAnswer(`timeout after ${this.options.timeoutMs / 1000} s`);
      throw new NoAnswer(reason(error));
    }
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}
