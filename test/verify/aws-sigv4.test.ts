// SigV4 against AWS's published examples: the aws-sig-v4-test-suite's get-vanilla and the IAM ListUsers example of the SigV4 docs.
import { describe, expect, it } from 'vitest';
import { amzDate, signingKey, signV4 } from '../../src/verify/aws-sigv4.js';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const DATE = new Date('2015-08-30T12:36:00Z');

const signatureOf = (authorization: string) => /Signature=([0-9a-f]{64})$/.exec(authorization)?.[1];

describe('aws-sigv4', () => {
  it('writes the date as AWS does', () => {
    expect(amzDate(DATE)).toBe('20150830T123600Z');
  });

  it('get-vanilla (aws-sig-v4-test-suite)', () => {
    const headers = signV4({ method: 'GET', url: 'https://example.amazonaws.com/', headers: {}, body: '', region: 'us-east-1', service: 'service', date: DATE }, CREDENTIALS);
    expect(headers['x-amz-date']).toBe('20150830T123600Z');
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
  });

  it('IAM ListUsers (SigV4 documentation example)', () => {
    expect(signingKey(CREDENTIALS.secretAccessKey, '20150830', 'us-east-1', 'iam').toString('hex')).toBe('c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9');
    const headers = signV4(
      {
        method: 'GET',
        url: 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: '',
        region: 'us-east-1',
        service: 'iam',
        date: DATE,
      },
      CREDENTIALS,
    );
    expect(headers.authorization).toContain('SignedHeaders=content-type;host;x-amz-date,');
    expect(signatureOf(headers.authorization)).toBe('5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7');
  });

  it('signs the session token of temporary credentials', () => {
    const headers = signV4({ method: 'GET', url: 'https://example.amazonaws.com/', headers: {}, body: '', region: 'us-east-1', service: 'service', date: DATE }, { ...CREDENTIALS, sessionToken: 'token' });
    expect(headers['x-amz-security-token']).toBe('token');
    expect(headers.authorization).toContain('SignedHeaders=host;x-amz-date;x-amz-security-token,');
  });

  it('sorts and escapes the query as SigV4 wants', () => {
    const sign = (url: string) => signatureOf(signV4({ method: 'GET', url, headers: {}, body: '', region: 'us-east-1', service: 'service', date: DATE }, CREDENTIALS).authorization);
    // order in the URL does not matter; the suite's get-vanilla-query-order-key-case answer
    expect(sign('https://example.amazonaws.com/?Param2=value2&Param1=value1')).toBe('b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500');
    expect(sign('https://example.amazonaws.com/?Param1=value1&Param2=value2')).toBe('b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500');
  });
});
