// Confidence from a rule's own level, the text's signals and the file's context.
import { describe, expect, it } from 'vitest';
import { assessConfidence, meetsConfidence } from '../../src/findings/confidence.js';
import type { FileContext } from '../../src/findings/file-context.js';

const file = (context: FileContext, quotesLiterals = false) => ({ context, quotesLiterals });

describe('assessConfidence', () => {
  it('keeps a format rule high in config and source, and only lowers it to medium in tests, docs and examples', () => {
    expect(assessConfidence({}, [], file('config'))).toEqual({ confidence: 'high', lowered: [] });
    expect(assessConfidence({}, ['identifier', 'local-host'], file('source'))).toEqual({ confidence: 'high', lowered: [] });
    expect(assessConfidence({ confidence: 'high' }, [], file('test'))).toEqual({ confidence: 'medium', lowered: ['context:test'] });
    expect(assessConfidence({}, [], file('docs')).confidence).toBe('medium');
  });

  it('keeps a keyword rule medium unless a signal or the context says stand-in', () => {
    const rule = { confidence: 'medium' as const };
    expect(assessConfidence(rule, [], file('config'))).toEqual({ confidence: 'medium', lowered: [] });
    expect(assessConfidence(rule, ['default-password'], file('config'))).toEqual({ confidence: 'low', lowered: ['default-password'] });
    expect(assessConfidence(rule, ['identifier', 'form-token'], file('source')).lowered).toEqual(['identifier', 'form-token']);
    expect(assessConfidence(rule, [], file('example'))).toEqual({ confidence: 'low', lowered: ['context:example'] });
  });

  it('lowers a local host outside config and a comment only in source', () => {
    const rule = { confidence: 'medium' as const };
    expect(assessConfidence(rule, ['local-host'], file('config')).confidence).toBe('medium');
    expect(assessConfidence(rule, ['local-host'], file('source')).confidence).toBe('low');
    expect(assessConfidence(rule, ['comment'], file('config')).confidence).toBe('medium');
    expect(assessConfidence(rule, ['comment'], file('source')).confidence).toBe('low');
  });

  it('lowers an unquoted value only in a language whose literals are quoted', () => {
    const rule = { confidence: 'medium' as const };
    expect(assessConfidence(rule, ['unquoted'], file('source', true))).toEqual({ confidence: 'low', lowered: ['unquoted'] });
    expect(assessConfidence(rule, ['unquoted'], file('config'))).toEqual({ confidence: 'medium', lowered: [] });
    expect(assessConfidence({}, ['unquoted'], file('source', true)).confidence).toBe('high');
  });

  it('drops a value that fails its format checksum one level, and one more in a test file', () => {
    expect(assessConfidence({}, ['bad-checksum'], file('config'))).toEqual({ confidence: 'medium', lowered: ['bad-checksum'] });
    expect(assessConfidence({}, ['bad-checksum'], file('test'))).toEqual({ confidence: 'low', lowered: ['bad-checksum', 'context:test'] });
    expect(assessConfidence({ confidence: 'medium' }, ['bad-checksum'], file('config'))).toEqual({ confidence: 'low', lowered: ['bad-checksum'] });
  });

  it('orders levels for the threshold', () => {
    expect(meetsConfidence('high', 'medium')).toBe(true);
    expect(meetsConfidence('medium', 'medium')).toBe(true);
    expect(meetsConfidence('low', 'medium')).toBe(false);
    expect(meetsConfidence('low', 'low')).toBe(true);
  });
});
