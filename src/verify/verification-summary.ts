// The summary's verification counts: kept apart from the run so a scan without --verify never loads the HTTP client.
import type { Finding } from '../findings/finding.js';
import type { VerificationSummary } from '../findings/report-types.js';

/** Counts per status of the findings reported, and what this scan asked and took from the cache. */
export function verificationSummary(findings: Finding[], requests: number, cached: number): VerificationSummary {
  const summary: VerificationSummary = { valid: 0, invalid: 0, unknown: 0, unsupported: 0, requests, cached };
  for (const finding of findings) {
    const v = finding.verification;
    if (!v) continue;
    summary[v.status] += 1;
    if (v.provider === 'none') summary.unsupported += 1;
  }
  return summary;
}
