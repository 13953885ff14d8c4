// The finding a report shows: one per (rule, secret, path), with where it was first introduced.
import type { Lifecycle } from '../git/lifecycle.js';
import type { Confidence, Severity } from '../rules/rule-spec.js';
import type { FileContext } from './file-context.js';

export type { Confidence, FileContext };

export interface Finding {
  /** in an audit of several repositories: the one it was found in */
  repository?: string;
  ruleId: string;
  ruleName: string;
  severity: Severity;
  /** how sure leaksweep is that this is a live secret: the rule's own, lowered by the file and the text around it */
  confidence: Confidence;
  /** what lowered the confidence: signals of the text (identifier, local-host …) and `context:<kind>` */
  lowered?: string[];
  /** what kind of file the path is */
  context: FileContext;
  path: string;
  /** in an image scan: which image, layer or history step the first occurrence is in (the path is the file's path in the image) */
  image?: ImagePlace;
  /** commit that first introduced the secret at this path; absent for scans without history */
  commit?: string;
  author?: string;
  email?: string;
  date?: string;
  message?: string;
  line: number;
  column: number;
  /** keyed hash of rule, secret and path: stable across line moves and rebases */
  fingerprint: string;
  redacted: string;
  /** the secret was found encoded (e.g. a Kubernetes Secret's base64 value) and is reported decoded */
  encoding?: 'base64' | 'hex';
  /** in reports only with --show-secrets; always present until the report is prepared */
  secret?: string;
  /** blob the first occurrence was found in */
  blob?: string;
  /** later commits that introduced the same secret at this path again (another version of the file, a cherry-pick …) */
  laterCommits: string[];
  /** with --lifecycle: where the leak lives now and what to do about it */
  lifecycle?: Lifecycle;
  /** with --verify: what the issuing provider said of the secret */
  verification?: Verification;
  /** an audit of repositories and images: the same rule's same secret in a source of the other kind */
  alsoAt?: Place[];
}

/** Another place a finding's secret was found: a repository's path (and commit), or an image's file or config field. */
export interface Place {
  repository?: string;
  path: string;
  line: number;
  commit?: string;
  image?: ImagePlace;
}

export const VERIFICATION_STATUSES = ['valid', 'invalid', 'unknown'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/** The answer of the provider's identity endpoint: never the secret, only what the provider says the key is. */
export interface Verification {
  status: VerificationStatus;
  /** ISO time of the request (a cached answer keeps the time it was asked) */
  checkedAt: string;
  /** the verifier that asked, e.g. `github` */
  provider: string;
  /** account, user, organisation, scopes, expiry: as the provider names them */
  identity?: Record<string, string>;
  /** unknown: why (timeout, rate-limited, http 503, tls, not supported); invalid: the provider's reason */
  error?: string;
}

/**
 * Where in a container image: the path beside it is the file's path in the image, `config:<Field>` or
 * `history:created_by`. None of this is in the identity (rule, secret, path), so a rebuilt image keeps its baseline.
 */
export interface ImagePlace {
  /** its first repo tag or ref name, else its config digest */
  name: string;
  /** the layer holding the file, by diff id (as `docker inspect` lists RootFS.Layers); history: the layer the step made */
  layer?: string;
  /** history: the step's index in the image config's history */
  step?: number;
  /** a later layer deleted the file (a whiteout): it is still shipped in `layer` */
  deletedIn?: string;
}

/** Where a blob appeared in history; `order` sorts parents before children identically for every engine. */
export interface Appearance {
  /** absent outside history (staged files, files on disk, stdin) */
  commit?: string;
  path: string;
  /** an image scan's place: image, layer or history step */
  image?: ImagePlace;
  order: [generation: number, time: number, commit: string];
}

export function compareOrder(a: Appearance['order'], b: Appearance['order']): number {
  return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);
}

/** What a report may show: the plain secret goes unless the user asked for it. */
export function withoutSecrets(findings: Finding[], showSecrets: boolean): Finding[] {
  return showSecrets ? findings : findings.map(({ secret: _secret, ...rest }) => rest);
}
