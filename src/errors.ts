// One error hierarchy: every error carries a code, crosses worker boundaries as JSON, and maps to an exit code in the CLI.

export type ErrorCode =
  | 'USAGE'
  | 'CONFIG_INVALID'
  | 'RULE_INVALID'
  | 'RULE_INVALID_REGEX'
  | 'RULE_FILE_UNREADABLE'
  | 'GIT_NOT_A_REPOSITORY'
  | 'GIT_COMMAND_FAILED'
  | 'GIT_OBJECT_MISSING'
  | 'GIT_OBJECT_CORRUPT'
  | 'GIT_ENGINE_UNAVAILABLE'
  | 'REPORT_WRITE_FAILED'
  | 'BASELINE_INVALID'
  | 'BASELINE_UNREADABLE'
  | 'BASELINE_KEY_MISMATCH'
  | 'BASELINE_WRITE_FAILED'
  | 'IMAGE_INVALID'
  | 'WORKER_FAILED'
  | 'ARCHIVE_LIMIT'
  | 'ARCHIVE_CORRUPT'
  | 'INTERNAL';

export class LeaksweepError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LeaksweepError';
    this.code = code;
  }

  toJSON(): { code: ErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }

  static fromJSON(value: { code: ErrorCode; message: string }): LeaksweepError {
    return new LeaksweepError(value.code, value.message);
  }
}

/** Errors caused by what the user gave us (exit 2), as opposed to our own bugs (exit 3). */
const INPUT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'USAGE',
  'CONFIG_INVALID',
  'RULE_INVALID',
  'RULE_INVALID_REGEX',
  'RULE_FILE_UNREADABLE',
  'GIT_NOT_A_REPOSITORY',
  'GIT_COMMAND_FAILED',
  'GIT_OBJECT_MISSING',
  'GIT_OBJECT_CORRUPT',
  'GIT_ENGINE_UNAVAILABLE',
  'REPORT_WRITE_FAILED',
  'BASELINE_INVALID',
  'BASELINE_UNREADABLE',
  'BASELINE_KEY_MISMATCH',
  'BASELINE_WRITE_FAILED',
  'IMAGE_INVALID',
]);

export function isInputError(error: unknown): error is LeaksweepError {
  return error instanceof LeaksweepError && INPUT_CODES.has(error.code);
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
