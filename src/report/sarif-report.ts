// SARIF 2.1.0 log for code-scanning services (GitHub code scanning and others): one run, rules with help, one result per finding.
import type { Finding } from '../findings/finding.js';
import { imagePlaceText } from './image-place.js';
import { isUnread, unreadWhy } from './unread.js';
import type { Severity } from '../rules/rule-spec.js';
import type { ScanReport } from '../findings/report-types.js';
import { isWebLink, reportRules, revokeLink, type ReportRule } from './report-rules.js';

export interface SarifOptions {
  rules?: readonly ReportRule[];
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'leaksweep/v1';
const INFORMATION_URI = 'https://www.npmjs.com/package/leaksweep';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
// GitHub code scanning reads this string as a CVSS-like score to bucket alerts as critical/high/medium/low
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };
const REMEDY = 'Rotate the credential, then remove it from history.';

/** encodeURIComponent throws on a lone surrogate: a path decoded from odd bytes must not crash the report. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** A relative URI reference: every segment percent-encoded (spaces, `#`, `?`, `%`, `:` and non-ASCII), slashes kept. */
export function pathToUri(path: string): string {
  return wellFormed(path).split('/').map(encodeURIComponent).join('/');
}

function ruleDescriptor(rule: ReportRule) {
  const links = (rule.references ?? []).filter(isWebLink);
  const revoke = revokeLink(rule);
  const what = `${rule.name} (${rule.id}, severity ${rule.severity}): a credential of this kind was committed to the repository. Anyone who can read the history can use it, even after the file was changed or deleted.`;
  return {
    id: rule.id,
    name: rule.id.split(/[^A-Za-z0-9]+/).map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(''),
    shortDescription: { text: `${rule.name}.` },
    fullDescription: { text: what },
    ...(links.length > 0 ? { helpUri: links[0] } : {}),
    help: {
      text: `${what} ${REMEDY}${revoke ? ` Revoke or rotate it at: ${revoke}` : ''}${links.length > 0 ? ` References: ${links.join(' ')}` : ''}`,
      markdown: [
        `**${rule.name}** (\`${rule.id}\`, severity ${rule.severity}): a credential of this kind was committed to the repository. Anyone who can read the history can use it, even after the file was changed or deleted.`,
        '',
        `**${REMEDY}** Revoke or rotate it at the provider first${revoke ? ` (<${revoke}>)` : ''}: rewriting history does not un-leak a secret that was already cloned or pushed.`,
        ...(links.length > 0 ? ['', 'References:', ...links.map((link) => `- <${link}>`)] : []),
      ].join('\n'),
    },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: ['security', 'secret', 'external/cwe/cwe-798'], 'security-severity': SECURITY_SEVERITY[rule.severity], ...(revoke ? { revoke } : {}) },
  };
}

/** What the provider said, as the finding holds it (identity and error are the provider's words, never the secret). */
function verificationProperty(v: NonNullable<Finding['verification']>) {
  return {
    status: v.status,
    provider: v.provider,
    checkedAt: v.checkedAt,
    ...(v.identity ? { identity: v.identity } : {}),
    ...(v.error !== undefined ? { error: v.error } : {}),
  };
}

function result(f: Finding, ruleIndex: number) {
  const where = f.commit ? ` in commit ${f.commit.slice(0, 12)}` : f.image ? ` in ${imagePlaceText(f.image)}` : '';
  const liveBy = f.verification?.status === 'valid' ? f.verification.provider : undefined;
  const live = liveBy !== undefined;
  const properties = {
    ...(f.confidence ? { confidence: f.confidence, context: f.context } : {}),
    ...(f.lowered ? { confidenceLoweredBy: f.lowered } : {}),
    ...(f.commit ? { commit: f.commit } : {}),
    ...(f.image ? { image: f.image } : {}),
    ...(f.author !== undefined ? { author: f.author } : {}),
    ...(f.date !== undefined ? { date: f.date } : {}),
    ...(f.laterCommits.length > 0 ? { laterCommits: f.laterCommits } : {}),
    ...(f.verification ? { verification: verificationProperty(f.verification) } : {}),
    // code scanning filters alerts by tag: `verified` picks out the keys a provider confirmed live
    ...(live ? { tags: ['verified'] } : {}),
  };
  return {
    ruleId: f.ruleId,
    ruleIndex,
    // a confirmed live key is an error whatever the rule's severity: someone can use it now
    level: live ? 'error' : LEVEL[f.severity],
    // the plain secret never goes here, even with --show-secrets: SARIF files are uploaded to servers
    message: { text: `${f.ruleName}: ${f.redacted}${where}${live ? ` (verified live by ${liveBy})` : ''}.` },
    locations: [{ physicalLocation: { artifactLocation: { uri: pathToUri(f.path) }, region: { startLine: f.line, startColumn: f.column } } }],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
  };
}

export function sarifReport(report: ScanReport, options: SarifOptions = {}): string {
  const rules = reportRules(report.findings, options.rules);
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const s = report.summary;
  const unread = s.skipped.filter((skip) => isUnread(skip.reason));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'leaksweep', version: s.version, informationUri: INFORMATION_URI, rules: rules.map(ruleDescriptor) } },
        invocations: [
          {
            // an incomplete scan is not a clean bill of health: say so where consumers look for it
            executionSuccessful: !s.incomplete,
            ...(unread.length > 0
              ? {
                  toolExecutionNotifications: unread.map((skip) => ({
                    level: 'error',
                    message: { text: `Blob ${skip.oid} could not be ${unreadWhy(skip.reason)}.` },
                    locations: [{ physicalLocation: { artifactLocation: { uri: pathToUri(skip.path) } } }],
                  })),
                }
              : {}),
          },
        ],
        // locate() counts columns in code points, not SARIF's default UTF-16 code units
        columnKind: 'unicodeCodePoints',
        results: report.findings.map((f) => result(f, index.get(f.ruleId) ?? -1)),
        properties: {
          engine: s.engine,
          mode: s.mode,
          commits: s.commits,
          blobsScanned: s.blobsScanned,
          bytesScanned: s.bytesScanned,
          blobsSkipped: s.blobsSkipped,
          durationMs: s.durationMs,
          ...(s.verification ? { verification: s.verification } : {}),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
