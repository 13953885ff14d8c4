// JUnit XML for CI test dashboards: one testsuite, one failing testcase per finding, or one passing testcase when clean.
import { imagePlaceText } from './image-place.js';
import type { Finding } from '../findings/finding.js';
import { unreadCount } from './unread.js';
import type { ScanReport } from '../findings/report-types.js';
import { STATUS_LABEL, verificationText } from './verification.js';

// XML 1.0 allows only tab, LF, CR and these ranges; a git path may hold anything else, and one stray byte makes the file unparseable
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text content or an attribute value: forbidden characters become U+FFFD (visible, unlike dropping them), markup is escaped. */
export function xmlEscape(value: string, attribute = true): string {
  return (
    value
      .replace(NOT_XML, '\uFFFD')
      .replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
      // parsers turn CR into LF everywhere, and tab, CR and LF in attributes into spaces: character references keep them
      .replace(attribute ? /[\t\n\r]/g : /\r/g, (c) => `&#${c.charCodeAt(0)};`)
  );
}

const attrs = (values: Record<string, string | number>): string =>
  Object.entries(values)
    .map(([name, value]) => ` ${name}="${xmlEscape(String(value))}"`)
    .join('');

function testcase(f: Finding): string {
  const v = f.verification;
  const details = [
    `rule: ${f.ruleId} (${f.ruleName})`,
    `severity: ${f.severity}`,
    ...(f.confidence ? [`confidence: ${f.confidence} (${f.context}${f.lowered ? `; lowered by ${f.lowered.join(', ')}` : ''})`] : []),
    `location: ${f.path}:${f.line}:${f.column}`,
    ...(f.commit ? [`commit: ${f.commit}`] : []),
    ...(f.image ? [imagePlaceText(f.image, true)] : []),
    ...(f.author !== undefined ? [`author: ${f.author}${f.email ? ` <${f.email}>` : ''}`] : []),
    ...(f.date !== undefined ? [`date: ${f.date}`] : []),
    `fingerprint: ${f.fingerprint}`,
    // only the preview: JUnit files are uploaded to CI servers and kept as build artifacts
    `secret: ${f.redacted}`,
    ...(f.laterCommits.length > 0 ? [`later commits: ${f.laterCommits.join(' ')}`] : []),
    ...(v ? [`verification: ${verificationText(v)} (${v.provider}, checked ${v.checkedAt})`] : []),
    v?.status === 'valid' ? 'The provider confirmed the key is live: rotate it now, then remove it from history.' : 'Rotate the credential, then remove it from history.',
  ];
  // dashboards show only the message: the status belongs there
  const message = `${f.ruleName}: ${f.redacted}${v ? `, ${STATUS_LABEL[v.status]}` : ''}`;
  const failure = `<failure${attrs({ message, type: f.ruleId })}>${xmlEscape(details.join('\n'), false)}</failure>`;
  return `    <testcase${attrs({ name: `${f.ruleId} ${f.path}:${f.line}`, classname: f.path, time: 0 })}>\n      ${failure}\n    </testcase>\n`;
}

export function junitReport(report: ScanReport): string {
  const s = report.summary;
  const cases = report.findings.map(testcase);
  let errors = 0;
  if (s.incomplete) {
    // a scan that could not read everything is an error, not a pass, even without findings
    const unread = unreadCount(s);
    const message = `scan incomplete: ${unread} blob${unread === 1 ? '' : 's'} could not be read or scanned`;
    cases.push(`    <testcase${attrs({ name: 'scan completeness', classname: 'leaksweep', time: 0 })}>\n      <error${attrs({ message, type: 'incomplete' })}/>\n    </testcase>\n`);
    errors = 1;
  } else if (cases.length === 0) {
    cases.push(`    <testcase${attrs({ name: 'no secrets found', classname: 'leaksweep', time: 0 })}/>\n`);
  }
  const counts = { tests: cases.length, failures: report.findings.length, errors, skipped: 0, time: (s.durationMs / 1000).toFixed(3) };
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites${attrs({ name: 'leaksweep', ...counts })}>\n` +
    `  <testsuite${attrs({ name: 'leaksweep', ...counts })}>\n` +
    cases.join('') +
    '  </testsuite>\n' +
    '</testsuites>\n'
  );
}
