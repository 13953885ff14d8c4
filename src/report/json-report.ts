// JSON report: the findings and the summary as one object, stable key order, two-space indent.
import type { ScanReport } from '../findings/report-types.js';

export function jsonReport(report: ScanReport): string {
  return `${JSON.stringify({ findings: report.findings, summary: report.summary }, null, 2)}\n`;
}
