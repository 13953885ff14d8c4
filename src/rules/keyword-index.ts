// The keyword prefilter of a rule set: one RE2 alternation finds keyword hits, a reversed trie names the keyword a hit
// ended with, and each keyword knows the rules it reaches and where the search goes on.
import type RE2 from 're2';

export interface KeywordInfo {
  /** lowercase UTF-8 bytes */
  readonly bytes: Buffer;
  /** indexes into `rules`: rules of this keyword and of every keyword inside it, in rule order */
  readonly rules: number[];
  /** where to search again after a hit, from its start: the first offset at which another keyword could begin and run past this one */
  readonly restart: number;
}

/** The keyword prefilter of a set of rules. */
export interface KeywordIndex {
  /** one case-insensitive alternation of every keyword, longest first; null when there are no keywords */
  regex: RE2 | null;
  /**
   * every keyword's bytes from its last to its first, as a trie: a hit is identified by reading back from its end,
   * in steps bounded by the longest keyword, however many keywords end in the same byte
   */
  endings: KeywordTrie;
}

/** A node of the reversed-keyword trie: the keyword that ends here (read backwards), and the bytes before it. */
export interface KeywordTrie {
  keyword?: KeywordInfo;
  before: Map<number, KeywordTrie>;
}

function addEnding(root: KeywordTrie, info: KeywordInfo): void {
  let node = root;
  for (let i = info.bytes.length - 1; i >= 0; i -= 1) {
    const byte = info.bytes[i]!;
    let next = node.before.get(byte);
    if (!next) node.before.set(byte, (next = { before: new Map() }));
    node = next;
  }
  node.keyword = info;
}

function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/** Every keyword spelled forwards, by UTF-16 code unit: finds the keywords inside another without cutting substrings. */
interface ForwardTrie {
  next: Map<number, ForwardTrie>;
  /** rules of the keyword that ends here */
  rules?: number[];
}

function forwardTrie(rulesOf: Map<string, number[]>): ForwardTrie {
  const root: ForwardTrie = { next: new Map() };
  for (const [keyword, rules] of rulesOf) {
    let node = root;
    for (let i = 0; i < keyword.length; i += 1) {
      const code = keyword.charCodeAt(i);
      let child = node.next.get(code);
      if (!child) node.next.set(code, (child = { next: new Map() }));
      node = child;
    }
    node.rules = rules;
  }
  return root;
}

/** Rules of every keyword that occurs inside `keyword` (itself included), in rule order. */
function rulesInside(keyword: string, trie: ForwardTrie): number[] {
  const inside = new Set<number>();
  for (let start = 0; start < keyword.length; start += 1) {
    let node: ForwardTrie | undefined = trie;
    for (let i = start; node && i < keyword.length; i += 1) {
      node = node.next.get(keyword.charCodeAt(i));
      for (const index of node?.rules ?? []) inside.add(index);
    }
  }
  return [...inside].sort((a, b) => a - b);
}

/**
 * First offset inside `keyword` where another keyword could start and extend past its end (its tail is a proper prefix
 * of some keyword: a node of the trie with a child); its length when none can.
 */
function restartOffset(keyword: string, trie: ForwardTrie): number {
  for (let offset = 1; offset < keyword.length; offset += 1) {
    let node: ForwardTrie | undefined = trie;
    for (let i = offset; node && i < keyword.length; i += 1) node = node.next.get(keyword.charCodeAt(i));
    if (node && node.next.size > 0) return offset;
  }
  return keyword.length;
}

/**
 * A keyword of the index: which rules it reaches and where to search again are worked out on its first hit, as a
 * pre-commit scan meets a handful of the ~1,000 keywords (working them all out cost ~25 ms a thread).
 */
class Keyword implements KeywordInfo {
  readonly bytes: Buffer;
  private reached: number[] | undefined;
  private restartAt: number | undefined;

  constructor(
    private readonly text: string,
    private readonly trie: ForwardTrie,
  ) {
    this.bytes = Buffer.from(text);
  }

  get rules(): number[] {
    return (this.reached ??= rulesInside(this.text, this.trie));
  }

  get restart(): number {
    return (this.restartAt ??= restartOffset(this.text, this.trie));
  }
}

/**
 * The prefilter of a set of rules: `keywordsOf[i]` are rule i's keywords, null for a rule left out. Each keyword
 * reaches the rules of every keyword inside it. `compile` makes the alternation's RE2 (the caller names it in errors).
 */
export function keywordIndex(keywordsOf: readonly (readonly string[] | null)[], compile: (source: string) => RE2): KeywordIndex {
  const rulesOf = new Map<string, number[]>();
  for (const [index, keywords] of keywordsOf.entries()) {
    for (const keyword of new Set(keywords ?? [])) {
      const list = rulesOf.get(keyword);
      if (list) list.push(index);
      else rulesOf.set(keyword, [index]);
    }
  }
  const keywords = [...rulesOf.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
  // every rule with a keyword inside another is found by a trie walk per start offset (a hit on `token"` is also a
  // hit on `token`): cutting every substring of 1,000 keywords cost ~100 ms a thread, mostly in GC
  const regex = keywords.length === 0 ? null : compile(`(?i)(?:${keywords.map(escapeLiteral).join('|')})`);
  // the tries are built on first use: a thread that only asks whether any keyword occurs (the commit-message
  // prefilter) never needs them
  let endings: KeywordTrie | undefined;
  return {
    regex,
    get endings(): KeywordTrie {
      if (endings) return endings;
      const trie = forwardTrie(rulesOf);
      endings = { before: new Map() };
      for (const keyword of keywords) addEnding(endings, new Keyword(keyword, trie));
      return endings;
    },
  };
}
