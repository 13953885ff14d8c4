// What most SaaS verifiers share: one request with the key in a header, 2xx valid with a few fields of the JSON body, 401 dead.
import { jsonOf, pick, type Outcome, type Verifier, type VerifyRequest, type VerifyResponse } from '../verifier.js';

export interface AnswerReading {
  /** identity fields of the JSON body: label → dotted path */
  fields?: Record<string, string>;
  /** more identity from the answer (response headers, counts) */
  more?: (response: VerifyResponse, body: any) => Record<string, string | undefined> | undefined;
  /** statuses that say the credential is dead (default 401) */
  invalidOn?: readonly number[];
  /** statuses that come only after the key was accepted (a restricted key lacking this endpoint's permission): valid */
  restrictedOn?: readonly number[];
  /** answers the status alone does not decide (a 401 that only means a missing scope …); undefined: read by status */
  classify?: (response: VerifyResponse, body: any) => Outcome | undefined;
}

/** The identity of a key that was accepted but may not read this endpoint. */
export function restricted(why: string): Outcome {
  return { status: 'valid', identity: { access: `restricted (${why})` } };
}

export function readAnswer(reading: AnswerReading): (response: VerifyResponse) => Outcome {
  return (response) => {
    const body = jsonOf(response);
    const decided = reading.classify?.(response, body);
    if (decided) return decided;
    const { status } = response;
    if (status >= 200 && status < 300) {
      const identity: Record<string, string> = { ...pick(body, reading.fields ?? {}) };
      for (const [label, value] of Object.entries(reading.more?.(response, body) ?? {})) if (value) identity[label] = value;
      return Object.keys(identity).length ? { status: 'valid', identity } : { status: 'valid' };
    }
    if ((reading.invalidOn ?? [401]).includes(status)) return { status: 'invalid', error: `http ${status}` };
    if (reading.restrictedOn?.includes(status)) return restricted(`http ${status}: no permission for this endpoint`);
    return { status: 'unknown', error: `http ${status}` };
  };
}

/** Reads answers of the same request sent to several hosts (a key lives in one region or environment): a valid one says which. */
export function readAnswerByHost(label: string, names: Record<string, string>, reading: AnswerReading): (response: VerifyResponse, request: VerifyRequest) => Outcome {
  const read = readAnswer(reading);
  return (response, request) => {
    const outcome = read(response);
    if (outcome.status !== 'valid') return outcome;
    return { status: 'valid', identity: { [label]: names[new URL(request.url).host] ?? new URL(request.url).host, ...outcome.identity } };
  };
}

export const bearer = (secret: string): Record<string, string> => ({ authorization: `Bearer ${secret}` });

export const basic = (user: string, password: string): Record<string, string> => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

/** How many items a JSON list answer holds (`data` or the body itself), for an identity that is only "it can list N models". */
export function countOf(body: any, key = 'data'): string | undefined {
  const list = Array.isArray(body) ? body : body?.[key];
  return Array.isArray(list) ? String(list.length) : undefined;
}

export interface SingleRequestCheck extends AnswerReading, Pick<Verifier, 'id' | 'name' | 'rules' | 'reveals'> {
  /** the one fixed URL: its host is the only one the secret goes to */
  url: string;
  method?: 'GET' | 'POST';
  /** the headers that carry the secret (default Authorization: Bearer) */
  auth?: (secret: string) => Record<string, string>;
  /** headers besides the secret (an API version …) */
  headers?: Record<string, string>;
  body?: string;
}

/** A verifier that sends one fixed request; hosts and the README endpoint come from its URL. */
export function singleRequest(check: SingleRequestCheck): Verifier {
  const method = check.method ?? 'GET';
  const request = (secret: string): VerifyRequest => ({ method, url: check.url, headers: { ...check.headers, ...(check.auth ?? bearer)(secret) }, body: check.body });
  return {
    id: check.id,
    name: check.name,
    rules: check.rules,
    hosts: [new URL(check.url).host],
    endpoint: `${method} ${check.url}`,
    reveals: check.reveals,
    requests: (secret) => [request(secret)],
    interpret: readAnswer(check),
  };
}
