// The keyword prefilter: a keyword reaches the rules of every keyword inside it, and the search restarts where another
// keyword could begin inside a hit.
import RE2 from 're2';
import { describe, expect, it } from 'vitest';
import { keywordIndex, type KeywordInfo, type KeywordTrie } from '../../src/rules/keyword-index.js';

function infoOf(trie: KeywordTrie, keyword: string): KeywordInfo | undefined {
  let node: KeywordTrie | undefined = trie;
  for (let i = keyword.length - 1; node && i >= 0; i -= 1) node = node.before.get(keyword.charCodeAt(i));
  return node?.keyword;
}

describe('keywordIndex', () => {
  // rule 0: token; rule 1: left out; rule 2: api_token, ken; rule 3: en_
  const index = keywordIndex([['token'], null, ['api_token', 'ken'], ['en_']], (source) => new RE2(source, 'g'));

  it('reaches the rules of every keyword inside a keyword, in rule order, and leaves out rules given no keywords', () => {
    expect(infoOf(index.endings, 'api_token')!.rules).toEqual([0, 2]);
    expect(infoOf(index.endings, 'token')!.rules).toEqual([0, 2]);
    expect(infoOf(index.endings, 'ken')!.rules).toEqual([2]);
    expect(infoOf(index.endings, 'en_')!.rules).toEqual([3]);
  });

  it('restarts where another keyword could begin and run past the hit, else after it', () => {
    // "token" ends with "en", which begins "en_": a search must start again at offset 3
    expect(infoOf(index.endings, 'token')!.restart).toBe(3);
    expect(infoOf(index.endings, 'en_')!.restart).toBe(3);
  });

  it('searches every keyword case-insensitively, longest first, and has no regex without keywords', () => {
    expect(index.regex!.source).toBe('(?i)(?:api_token|token|en_|ken)');
    expect(keywordIndex([null, []], () => new RE2('x')).regex).toBeNull();
  });
});
