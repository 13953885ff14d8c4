// Exit codes, the output streams the CLI writes to, and report files (created 0600: they describe secrets).
import { writeFileSync } from 'node:fs';
import { LeaksweepError, errorMessage } from '../errors.js';

export const EXIT = { clean: 0, findings: 1, input: 2, internal: 3 } as const;

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export function writeReportFile(file: string, text: string): void {
  try {
    writeFileSync(file, text, { mode: 0o600 });
  } catch (error) {
    throw new LeaksweepError('REPORT_WRITE_FAILED', `${file}: cannot write the report (${errorMessage(error)})`);
  }
}
