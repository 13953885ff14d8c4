// AWS Signature Version 4 with Node's crypto: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html
import { createHash, createHmac } from 'node:crypto';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** temporary (ASIA) credentials also need their session token */
  sessionToken?: string;
}

export interface SignInput {
  method: string;
  url: string;
  /** headers to sign besides host and x-amz-date (host is taken from the URL) */
  headers: Record<string, string>;
  body: string;
  region: string;
  service: string;
  date: Date;
}

const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 encoding: encodeURIComponent leaves !'()* alone, SigV4 wants them escaped. */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** 20150830T123600Z */
export function amzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function canonicalQuery(search: URLSearchParams): string {
  return [...search]
    .map(([key, value]) => [uriEncode(key), uriEncode(value)])
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

/** The canonical request and the signed header names; `headers` must already hold host and x-amz-date. */
export function canonicalRequest(method: string, url: URL, headers: Record<string, string>, body: string): { request: string; signedHeaders: string } {
  const entries = Object.entries(headers)
    .map(([name, value]) => [name.toLowerCase(), value.trim().replace(/\s+/g, ' ')] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = entries.map(([name]) => name).join(';');
  const path = url.pathname.split('/').map((segment) => uriEncode(decodeURIComponent(segment))).join('/') || '/';
  const request = [method, path, canonicalQuery(url.searchParams), entries.map(([name, value]) => `${name}:${value}\n`).join(''), signedHeaders, sha256Hex(body)].join('\n');
  return { request, signedHeaders };
}

export function signingKey(secretAccessKey: string, day: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), service), 'aws4_request');
}

/** The headers to send: the input's, x-amz-date, the session token if any, and Authorization. */
export function signV4(input: SignInput, credentials: AwsCredentials): Record<string, string> {
  const url = new URL(input.url);
  const stamp = amzDate(input.date);
  const day = stamp.slice(0, 8);
  const headers: Record<string, string> = { ...input.headers, 'x-amz-date': stamp };
  if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
  // host is signed but not sent by us: fetch derives it from the URL
  const { request, signedHeaders } = canonicalRequest(input.method, url, { ...headers, host: url.host }, input.body);
  const scope = `${day}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', stamp, scope, sha256Hex(request)].join('\n');
  const signature = hmac(signingKey(credentials.secretAccessKey, day, input.region, input.service), stringToSign).toString('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}
