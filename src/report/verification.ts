// What a provider said of a finding's secret, worded once for every report format (--verify).
import { VERIFICATION_STATUSES, type Finding, type Verification, type VerificationStatus } from '../findings/finding.js';

/** A finding the scan did not verify (no --verify, or found before it was asked) filters as `none`. */
export type VerificationKey = VerificationStatus | 'none';
export const VERIFICATION_KEYS: readonly VerificationKey[] = [...VERIFICATION_STATUSES, 'none'];

export const STATUS_LABEL: Record<VerificationKey, string> = { valid: 'live (valid)', invalid: 'invalid', unknown: 'not verified', none: 'not checked' };

/** The identity as `key value` pairs, e.g. `login octocat, scopes repo`; empty when the provider named none. */
export function identityText(verification: Pick<Verification, 'identity'>): string {
  return Object.entries(verification.identity ?? {})
    .map(([key, value]) => `${key} ${value}`)
    .join(', ');
}

/** Whose a live key is, or why a key is invalid or unknown; empty when the provider said nothing more. */
export function verificationDetail(verification: Verification): string {
  return (verification.status === 'valid' ? identityText(verification) : '') || (verification.error ?? '');
}

/** One short line: `live (valid): login octocat, scopes repo`, `invalid: http 401`, `not verified: timeout after 5 s`. */
export function verificationText(verification: Verification): string {
  const detail = verificationDetail(verification);
  return detail ? `${STATUS_LABEL[verification.status]}: ${detail}` : STATUS_LABEL[verification.status];
}

export function verificationKey(finding: Pick<Finding, 'verification'>): VerificationKey {
  return finding.verification?.status ?? 'none';
}

export function countByVerification(findings: readonly Pick<Finding, 'verification'>[]): Record<VerificationKey, number> {
  const counts = Object.fromEntries(VERIFICATION_KEYS.map((key) => [key, 0])) as Record<VerificationKey, number>;
  for (const f of findings) counts[verificationKey(f)] += 1;
  return counts;
}
