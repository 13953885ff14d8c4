// A finding's confidence: the rule's own (the format names the secret, or only a keyword suggests it), lowered by context.
import type { MatchSignal } from '../detect/match-signals.js';
import { CONFIDENCES, type Confidence, type RuleSpec } from '../rules/rule-spec.js';
import type { FileContext } from './file-context.js';

export type { Confidence };

/**
 * What the text says (match signals), what the tokenizer says (`word-tokens`: the value encodes as words) and what the
 * format's checksum says (`bad-checksum`: shape-valid, but never issued).
 */
export type Signal = MatchSignal | 'word-tokens' | 'bad-checksum';

/** Signals that say a keyword-found value is not a live credential, wherever it is. */
const NOT_A_CREDENTIAL: readonly Signal[] = ['word-tokens', 'identifier', 'default-password', 'user-equals-password', 'form-token', 'named-hash', 'named-stand-in', 'encrypted'];
/** Files where written-out credentials are expected to be stand-ins. */
const STAND_IN_CONTEXTS: readonly FileContext[] = ['test', 'docs', 'example', 'generated'];

export interface Assessed {
  confidence: Confidence;
  /** what lowered it from the rule's own: signals and `context:<kind>` */
  lowered: string[];
}

const RANK: Record<Confidence, number> = { high: 0, medium: 1, low: 2 };

/** True when `confidence` is at least `threshold` (high ≥ medium ≥ low). */
export function meetsConfidence(confidence: Confidence, threshold: Confidence): boolean {
  return RANK[confidence] <= RANK[threshold];
}

/** The file a finding is in, as confidence needs it. */
export interface FileKind {
  context: FileContext;
  /** the file's language always quotes string literals (an unquoted value there is a variable) */
  quotesLiterals: boolean;
}

/**
 * A format rule (high) found in a test or docs file drops to medium: still reported, since a real key in a test is
 * still a live key. A value that fails its format's checksum drops one level more (a fake that only looks issued). A keyword rule (medium) drops to low when its value is a name, a stock password, a form token,
 * a local example in code or docs, a variable in code, or sits where stand-ins are expected.
 */
export function assessConfidence(spec: Pick<RuleSpec, 'confidence'>, signals: readonly Signal[], { context, quotesLiterals }: FileKind): Assessed {
  const own = spec.confidence ?? 'high';
  if (own === 'low') return { confidence: 'low', lowered: [] };
  const inStandInFile = STAND_IN_CONTEXTS.includes(context);
  const badChecksum = signals.includes('bad-checksum');
  if (own === 'high') {
    const lowered = [...(badChecksum ? ['bad-checksum'] : []), ...(inStandInFile ? [`context:${context}`] : [])];
    return { confidence: CONFIDENCES[Math.min(lowered.length, 2)]!, lowered };
  }
  const lowered: string[] = signals.filter((signal) => NOT_A_CREDENTIAL.includes(signal) || signal === 'bad-checksum');
  if (signals.includes('local-host') && context !== 'config') lowered.push('local-host');
  if (signals.includes('comment') && context === 'source') lowered.push('comment');
  if (signals.includes('unquoted') && quotesLiterals) lowered.push('unquoted');
  if (inStandInFile) lowered.push(`context:${context}`);
  return lowered.length > 0 ? { confidence: 'low', lowered } : { confidence: 'medium', lowered: [] };
}
