// An audit of repositories and images: a secret found by one rule in both is one finding, with the other places beside it.
import type { Finding, Place } from '../findings/finding.js';
import type { ScanReport } from '../findings/report-types.js';

/**
 * Moves each image finding whose rule and secret (by `keys`, a keyed hash: no secret is compared in the clear) a
 * repository also holds into that repository finding's `alsoAt`; the other findings stay as they are.
 */
export function joinSources(reports: (ScanReport | null)[], keys: WeakMap<Finding, string>): void {
  const inRepository = new Map<string, Finding>();
  for (const report of reports) {
    if (!report || report.summary.mode === 'image') continue;
    for (const finding of report.findings) {
      const key = keys.get(finding);
      if (key && !inRepository.has(key)) inRepository.set(key, finding);
    }
  }
  for (const report of reports) {
    if (!report || report.summary.mode !== 'image') continue;
    report.findings = report.findings.filter((finding) => {
      const key = keys.get(finding);
      const home = key === undefined ? undefined : inRepository.get(key);
      if (!home) return true;
      const place: Place = { repository: report.summary.path, path: finding.path, line: finding.line, ...(finding.image ? { image: finding.image } : {}) };
      (home.alsoAt ??= []).push(place);
      return false;
    });
  }
}
