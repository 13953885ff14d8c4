import { describe, expect, it } from 'vitest';
import { parseDuration, parseSize } from '../../src/config/parse-size.js';

describe('parseSize / parseDuration', () => {
  it('reads sizes with and without units', () => {
    expect(parseSize('10MB', '--max-blob-size')).toBe(10 * 1024 * 1024);
    expect(parseSize('512k', '--max-blob-size')).toBe(512 * 1024);
    expect(parseSize(1048576, '--max-blob-size')).toBe(1048576);
  });

  it('reads durations, a bare number being seconds', () => {
    expect(parseDuration('60s', '--blob-timeout')).toBe(60_000);
    expect(parseDuration('2m', '--blob-timeout')).toBe(120_000);
    expect(parseDuration('250ms', '--blob-timeout')).toBe(250);
    expect(parseDuration('1.5', '--blob-timeout')).toBe(1500);
  });

  it('rejects what it cannot read with a usage error naming the option', () => {
    expect(() => parseDuration('soon', '--blob-timeout')).toThrow(/--blob-timeout: expected a duration/);
    expect(() => parseDuration('0s', '--blob-timeout')).toThrow(/at least 1ms/);
    expect(() => parseSize('10 parsecs', '--max-blob-size')).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});
