// CSV report (RFC 4180, CRLF, header row) for spreadsheets, with formula injection defused.
import type { Finding } from '../findings/finding.js';
import type { ScanReport } from '../findings/report-types.js';
import { verificationDetail } from './verification.js';

const COLUMNS = ['ruleId', 'severity', 'confidence', 'context', 'path', 'line', 'column', 'commit', 'author', 'email', 'date', 'fingerprint', 'redacted'] as const;
const VERIFICATION_COLUMNS = ['verification', 'verificationProvider', 'verificationDetail'];

/** status, provider, then the identity of a live key or the reason it is invalid or unknown; empty for an unverified finding */
function verificationFields(f: Finding): string[] {
  const v = f.verification;
  if (!v) return ['', '', ''];
  return [v.status, v.provider, verificationDetail(v)];
}

const IMAGE_COLUMNS = ['image', 'layer', 'historyStep', 'deletedIn'];

// Spreadsheets run a cell starting with one of these as a formula; paths, authors and emails come from whoever wrote the commit.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: a leading `'` makes a spreadsheet show formula-like text as text; quoted when RFC 4180 requires it. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvReport(report: ScanReport): string {
  // the column only exists with --show-secrets, so a redacted report has no empty secret column to misread
  const withSecret = report.findings.some((f) => f.secret !== undefined);
  // likewise the verification columns only exist with --verify, and the image columns only in an image scan's report:
  // other reports keep the columns spreadsheets expect
  const verified = report.summary.verification !== undefined || report.findings.some((f) => f.verification !== undefined);
  const withImage = report.findings.some((f) => f.image !== undefined);
  const header: string[] = [...COLUMNS, ...(withImage ? IMAGE_COLUMNS : []), ...(verified ? VERIFICATION_COLUMNS : []), ...(withSecret ? ['secret'] : [])];
  const row = (f: Finding): string[] => [
    ...COLUMNS.map((column) => String(f[column] ?? '')),
    ...(withImage ? [f.image?.name ?? '', f.image?.layer ?? '', String(f.image?.step ?? ''), f.image?.deletedIn ?? ''] : []),
    ...(verified ? verificationFields(f) : []),
    ...(withSecret ? [f.secret ?? ''] : []),
  ];
  return [header, ...report.findings.map(row)].map((fields) => `${fields.map(csvField).join(',')}\r\n`).join('');
}
