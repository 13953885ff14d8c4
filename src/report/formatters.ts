// Report formats by name: each is a small function from report data to text.
import type { ScanReport } from '../findings/report-types.js';
import { csvReport } from './csv-report.js';
import { htmlReport } from './html-report.js';
import { jsonReport } from './json-report.js';
import { junitReport } from './junit-report.js';
import type { ReportRule } from './report-rules.js';
import { sarifReport } from './sarif-report.js';
import { textReport } from './text-report.js';

export interface FormatOptions {
  color: boolean;
  /** rules the scan ran (name, severity, references): SARIF and HTML describe them; without it they fall back to what findings carry */
  rules?: readonly ReportRule[];
}

export const FORMATTERS = {
  json: (report: ScanReport) => jsonReport(report),
  text: (report: ScanReport, options: FormatOptions) => textReport(report, options),
  sarif: (report: ScanReport, options: FormatOptions) => sarifReport(report, options),
  csv: (report: ScanReport) => csvReport(report),
  junit: (report: ScanReport) => junitReport(report),
  html: (report: ScanReport, options: FormatOptions) => htmlReport(report, options),
} satisfies Record<string, (report: ScanReport, options: FormatOptions) => string>;

export type FormatName = keyof typeof FORMATTERS;
export const FORMAT_NAMES = Object.keys(FORMATTERS) as FormatName[];
