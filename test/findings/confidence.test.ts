// Confidence from a rule's own level, the text's signals and the file's context.
import { describe, expect, it } from 'vitest';
import { assessConfidence, meetsConfidence } from '../../src/findings/confidence.js';

describe('assessConfidence', () => {
  it('keeps a format rule high in config and source, and only lowers it to medium in tests, docs and examples', () => {
    expect(assessConfidence({}, [], 'config')).toEqual({ confidence: 'high', lowered: [] });
    expect(assessConfidence({}, ['identifier', 'local-host'], 'source')).toEqual({ confidence: 'high', lowered: [] });
    expect(assessConfidence({ confidence: 'high' }, [], 'test')).toEqual({ confidence: 'medium', lowered: ['context:test'] });
    expect(assessConfidence({}, [], 'docs').confidence).toBe('medium');
  });

  it('keeps a keyword rule medium unless a signal or the context says stand-in', () => {
    const rule = { confidence: 'medium' as const };
    expect(assessConfidence(rule, [], 'config')).toEqual({ confidence: 'medium', lowered: [] });
    expect(assessConfidence(rule, ['default-password'], 'config')).toEqual({ confidence: 'low', lowered: ['default-password'] });
    expect(assessConfidence(rule, ['identifier', 'form-token'], 'source').lowered).toEqual(['identifier', 'form-token']);
    expect(assessConfidence(rule, [], 'example')).toEqual({ confidence: 'low', lowered: ['context:example'] });
  });

  it('lowers a local host outside config and a comment only in source', () => {
    const rule = { confidence: 'medium' as const };
    expect(assessConfidence(rule, ['local-host'], 'config').confidence).toBe('medium');
    expect(assessConfidence(rule, ['local-host'], 'source').confidence).toBe('low');
    expect(assessConfidence(rule, ['comment'], 'config').confidence).toBe('medium');
    expect(assessConfidence(rule, ['comment'], 'source').confidence).toBe('low');
  });

  it('orders levels for the threshold', () => {
    expect(meetsConfidence('high', 'medium')).toBe(true);
    expect(meetsConfidence('medium', 'medium')).toBe(true);
    expect(meetsConfidence('low', 'medium')).toBe(false);
    expect(meetsConfidence('low', 'low')).toBe(true);
  });
});
