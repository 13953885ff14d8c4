// Shared Key signing, checked against the string-to-sign written out here by hand from the documented layout.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sharedKeyAuthorization, stringToSign } from '../../src/verify/azure-sharedkey.js';

const KEY = 'j9pD+P1NHhSDJoCHWcJIgpzV6ykM3sQgrt3aRL+xhBy7IQSDzpbz8cXpVQUKL/O1Uv6cX0gt7klqhgnYegzPpg==';
const INPUT = {
  method: 'GET',
  url: 'https://invoicestore01.blob.core.windows.net/?restype=service&comp=properties',
  headers: { 'x-ms-version': '2021-08-06', 'x-ms-date': 'Fri, 26 Jun 2015 23:39:12 GMT' },
  account: 'invoicestore01',
  key: KEY,
};

// VERB, the eleven standard headers (all empty for this GET), the x-ms-* headers sorted, then /account/path and the query sorted by name
const DOCUMENTED =
  'GET\n' +
  '\n\n\n\n\n\n\n\n\n\n\n' +
  'x-ms-date:Fri, 26 Jun 2015 23:39:12 GMT\nx-ms-version:2021-08-06\n' +
  '/invoicestore01/\ncomp:properties\nrestype:service';

describe('azure-sharedkey', () => {
  it('lays out the string-to-sign as documented', () => {
    expect(stringToSign(INPUT)).toBe(DOCUMENTED);
  });

  it('signs it with HMAC-SHA256 under the decoded key', () => {
    const expected = createHmac('sha256', Buffer.from(KEY, 'base64')).update(DOCUMENTED).digest('base64');
    expect(sharedKeyAuthorization(INPUT)).toBe(`SharedKey invoicestore01:${expected}`);
  });

  it('signs a zero Content-Length as empty, and Content-Type in its place', () => {
    const lines = stringToSign({ ...INPUT, method: 'PUT', headers: { ...INPUT.headers, 'Content-Length': '0', 'Content-Type': 'text/plain' } }).split('\n');
    expect(lines[0]).toBe('PUT');
    expect(lines[3]).toBe('');
    expect(lines[5]).toBe('text/plain');
  });
});
