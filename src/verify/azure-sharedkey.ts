// Azure Storage Shared Key authorization (Blob, Queue, File services, version 2015-02-21 and later):
// https://learn.microsoft.com/en-us/rest/api/storageservices/authorize-with-shared-key
import { createHmac } from 'node:crypto';

export interface SharedKeyInput {
  method: string;
  url: string;
  /** the standard headers the string-to-sign names, and every x-ms-* header to send */
  headers: Record<string, string>;
  account: string;
  /** the account key, base64 as Azure shows it */
  key: string;
}

const STANDARD_HEADERS = ['content-encoding', 'content-language', 'content-length', 'content-md5', 'content-type', 'date', 'if-modified-since', 'if-match', 'if-none-match', 'if-unmodified-since', 'range'];

export function stringToSign(input: SharedKeyInput): string {
  const headers = Object.fromEntries(Object.entries(input.headers).map(([name, value]) => [name.toLowerCase(), value]));
  // a zero Content-Length is signed as empty since version 2015-02-21
  const standard = STANDARD_HEADERS.map((name) => (name === 'content-length' && headers[name] === '0' ? '' : (headers[name] ?? '')));
  const msHeaders = Object.keys(headers)
    .filter((name) => name.startsWith('x-ms-'))
    .sort()
    .map((name) => `${name}:${headers[name].trim()}\n`)
    .join('');
  const url = new URL(input.url);
  const params = new Map<string, string[]>();
  for (const [name, value] of url.searchParams) params.set(name.toLowerCase(), [...(params.get(name.toLowerCase()) ?? []), value]);
  const query = [...params.keys()]
    .sort()
    .map((name) => `\n${name}:${params.get(name)!.sort().join(',')}`)
    .join('');
  return [input.method, ...standard, `${msHeaders}/${input.account}${url.pathname}${query}`].join('\n');
}

/** The Authorization header: SharedKey <account>:<base64 HMAC-SHA256 of the string-to-sign under the decoded key>. */
export function sharedKeyAuthorization(input: SharedKeyInput): string {
  const signature = createHmac('sha256', Buffer.from(input.key, 'base64')).update(stringToSign(input), 'utf8').digest('base64');
  return `SharedKey ${input.account}:${signature}`;
}
