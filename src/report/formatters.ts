// Report formats by name: each is a small function from report data to text.
import type { ScanReport } from '../scan/run-scan.js';
import { jsonReport } from './json-report.js';
import { textReport } from './text-report.js';

export interface FormatOptions {
  color: boolean;
}

export const FORMATTERS = {
  json: (report: ScanReport) => jsonReport(report),
  text: (report: ScanReport, options: FormatOptions) => textReport(report, options),
} satisfies Record<string, (report: ScanReport, options: FormatOptions) => string>;

export type FormatName = keyof typeof FORMATTERS;
export const FORMAT_NAMES = Object.keys(FORMATTERS) as FormatName[];
