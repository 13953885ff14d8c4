// Plain rule data as read from patterns/*.yaml: no compiled state, so it can be posted to workers.

export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** How sure a finding is that it is a live secret: a rule's own, lowered by where and how the value was found. */
export type Confidence = 'high' | 'medium' | 'low';
export const CONFIDENCES: readonly Confidence[] = ['high', 'medium', 'low'];

/** Checksums that token formats publish (src/detect/checksum.ts implements each). */
export type ChecksumKind = 'crc32-base62-tail' | 'crc32-hex-tail';
export const CHECKSUM_KINDS: readonly ChecksumKind[] = ['crc32-base62-tail', 'crc32-hex-tail'];

export interface RuleExample {
  text: string;
  /** the exact secret the rule must capture from `text` */
  secret?: string;
  /** path the text is scanned as (for path-scoped allowlists); default `example.txt` */
  path?: string;
}

export interface RuleAllow {
  /** RE2 patterns on the file path */
  paths?: string[];
  /** RE2 patterns on the secret */
  regexes?: string[];
  /** RE2 patterns on the whole line holding the secret */
  lines?: string[];
  /** case-insensitive substrings of the secret */
  stopwords?: string[];
}

/** Adds a global allowlist to each rule's own (what a rule allows stays allowed). */
export function withAllow(specs: RuleSpec[], extra: RuleAllow, extraChecked = false): RuleSpec[] {
  const merge = (a: string[] | undefined, b: string[] | undefined) => [...(a ?? []), ...(b ?? [])];
  const addsRegexes = !extraChecked && [extra.paths, extra.regexes, extra.lines].some((list) => (list ?? []).length > 0);
  return specs.map((spec) => ({
    ...spec,
    // user regexes have not been checked: compile them up front where errors are clear
    checked: spec.checked && !addsRegexes,
    allow: {
      paths: merge(spec.allow?.paths, extra.paths),
      regexes: merge(spec.allow?.regexes, extra.regexes),
      lines: merge(spec.allow?.lines, extra.lines),
      stopwords: merge(spec.allow?.stopwords, extra.stopwords),
    },
  }));
}

export interface RuleSpec {
  id: string;
  name: string;
  severity: Severity;
  /** literal, case-insensitive; the rule's regex only runs near a keyword hit (empty only with `files`: the whole file) */
  keywords: string[];
  /** RE2 syntax; fragments of a list are joined */
  regex: string;
  /** capture group holding the secret; 0 = whole match */
  secretGroup: number;
  /**
   * RE2 patterns on the file path: the rule runs only on files whose path matches one (a credential file's format says
   * what is a secret). Such a rule may have no keywords: it then reads the whole file.
   */
  files?: string[];
  /** how sure a match of this rule is, before context lowers it: high (the format names the secret), medium (a name or keyword suggests it) */
  confidence?: Confidence;
  /**
   * a value that a BPE tokenizer (cl100k) encodes at more characters per token than this is made of words or names:
   * its finding drops to low confidence (signal `word-tokens`)
   */
  maxCharsPerToken?: number;
  /** minimum Shannon entropy (bits per character) of the secret */
  entropy?: number;
  /** applied to the secret group: every capture group 1 it finds is a secret of its own (the values of a block) */
  itemRegex?: string;
  /** the secret group is encoded: report its decoded text (dropped when it does not decode to text) */
  decode?: 'base64';
  /** applied to the decoded text: capture group 1 is the secret (e.g. the password of `user:password`) */
  decodedRegex?: string;
  /** bytes searched around a keyword hit; the window is widened to whole lines */
  window?: { before: number; after: number };
  allow?: RuleAllow;
  references?: string[];
  /** where the owner of such a secret revokes or rotates it (the provider's page or documented procedure) */
  revoke?: string;
  /** the format carries a checksum: a secret that fails it is shape-valid but not issued (a fake), so confidence drops to low */
  checksum?: ChecksumKind;
  examples: RuleExample[];
  negativeExamples: RuleExample[];
  /** file the rule came from, for error messages */
  source?: string;
  /** compiled and checked when the package was built: its regexes may compile lazily */
  checked?: boolean;
}
