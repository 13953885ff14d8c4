// What the report-writing commands (scan, audit, merge) share: their options, how a report is written, the exit code.
import { availableParallelism, homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { LeaksweepError } from '../errors.js';
import { FORMATTERS, FORMAT_NAMES, type FormatName } from '../report/formatters.js';
import { CONFIDENCES, type Confidence, type RuleSpec } from '../rules/rule-spec.js';
import type { ScanReport } from '../scan/run-scan.js';
import { EXIT, writeReportFile, type Io } from './io.js';
import { unreadCount } from '../report/unread.js';
import { SHALLOW_WARNING } from '../report/text-report.js';
import { parseSize } from '../config/parse-size.js';

export interface OutputArgs {
  format?: FormatName;
  output?: string;
  color?: boolean;
  quiet: boolean;
}

export interface ScanningArgs {
  engine: 'auto' | 'git' | 'isomorphic';
  jobs: number;
  'show-secrets': boolean;
  'max-blob-size': string;
  archives: boolean;
  'max-archive-size': string;
  state?: string;
  'blob-timeout': string;
  confidence: Confidence;
  metadata: boolean;
  'mirror-dir'?: string;
}

/** `--format json --format sarif`: the last one wins, as in most CLIs, rather than an array no code expects. */
function lastGiven<T>(value: T | T[]): T {
  return Array.isArray(value) ? value[value.length - 1] : value;
}

export function withOutputOptions(y: Argv): Argv {
  return y
    .option('format', { choices: FORMAT_NAMES, coerce: lastGiven, describe: 'report format (default: text on a terminal, json otherwise or with --output)' })
    .option('output', { alias: 'o', type: 'string', coerce: lastGiven, describe: 'write the report to this file (mode 0600)' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress and no summary on stderr' })
    .option('color', { type: 'boolean', describe: 'color the text report (default: when stdout is a terminal)' });
}

export function withScanningOptions(y: Argv): Argv {
  return y
    .option('engine', { choices: ['auto', 'git', 'isomorphic'] as const, default: 'auto' as const, describe: 'repository reader: git binary, or embedded isomorphic-git' })
    .option('jobs', { type: 'number', default: availableParallelism(), describe: 'most scan worker threads: one starts at once, more while blobs wait' })
    .option('show-secrets', { type: 'boolean', default: false, describe: 'put plain secrets in the report (redacted by default)' })
    .option('max-blob-size', { type: 'string', default: '10MB', describe: 'skip (and count) blobs larger than this (files inside archives too)' })
    .option('archives', { type: 'boolean', default: true, describe: 'open zip, jar, tar, gzip, bzip2, xz and zstd archives and scan the files inside (--no-archives: treat them as binary)' })
    .option('max-archive-size', { type: 'string', default: '256MB', describe: 'stop expanding an archive (nested ones included) past this many bytes; it is listed as skipped' })
    .option('confidence', {
      choices: CONFIDENCES,
      default: 'medium' as Confidence,
      coerce: lastGiven,
      describe: 'report findings of at least this confidence: low shows everything (test values, docs examples, names that look like values); the summary counts what is left out',
    })
    .option('metadata', { type: 'boolean', default: true, describe: 'history: also scan commit messages, author and committer names and e-mails, annotated tag messages and notes (--no-metadata: files only)' })
    .option('mirror-dir', { type: 'string', describe: 'where repositories given as URLs are mirrored (default: $LEAKSWEEP_MIRROR_DIR, else $XDG_CACHE_HOME/leaksweep/mirrors, else ~/.cache/leaksweep/mirrors)' })
    .option('blob-timeout', { type: 'string', default: '60s', describe: 'give up a blob whose scan takes longer (it is listed, and the scan is marked incomplete)' })
    .option('state', {
      type: 'string',
      describe: 'incremental: keep what this full-history scan learnt in DIR (alone: $LEAKSWEEP_STATE_DIR or the user cache dir) and read only new commits and blobs next time',
    });
}

/** `--state DIR`, or a bare `--state`: $LEAKSWEEP_STATE_DIR, else $XDG_CACHE_HOME/leaksweep/state, else ~/.cache/leaksweep/state. */
export function stateDirOf(args: Pick<ScanningArgs, 'state'>, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (args.state === undefined) return undefined;
  if (args.state !== '') return resolve(args.state);
  if (env.LEAKSWEEP_STATE_DIR) return resolve(env.LEAKSWEEP_STATE_DIR);
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'leaksweep', 'state');
}

/** --no-archives and --max-archive-size as scan options. */
export function archiveOptionsOf(args: Pick<ScanningArgs, 'archives' | 'max-archive-size'>): { archives: boolean; maxArchiveSize: number } {
  return { archives: args.archives, maxArchiveSize: parseSize(args['max-archive-size'], '--max-archive-size') };
}

export function checkJobs(jobs: number): void {
  if (!Number.isInteger(jobs) || jobs < 1) throw new LeaksweepError('USAGE', `--jobs: expected a whole number ≥ 1, got ${jobs}`);
}

/**
 * Writes the report to a file (0600, with the summary on stderr) or to stdout; an incomplete scan is said
 * on stderr too when a machine format goes to stdout, where nobody reading the log would see it.
 */
export function emitReport(io: Io, report: ScanReport, args: OutputArgs, rules: RuleSpec[]): void {
  const format: FormatName = args.format ?? (args.output || io.stdout.isTTY !== true ? 'json' : 'text');
  const color = args.color ?? (io.stdout.isTTY === true && !args.output);
  // SARIF and HTML describe the rules (name, severity, references); the report itself carries only ids
  const text = FORMATTERS[format](report, { color, rules });
  if (args.output) {
    writeReportFile(args.output, text);
    if (!args.quiet) io.stderr.write(FORMATTERS.text({ ...report, findings: [] }, { color: false }).trimStart());
    return;
  }
  io.stdout.write(text);
  if (report.summary.shallow && format !== 'text') io.stderr.write(`leaksweep: ${SHALLOW_WARNING}\n`);
  if (report.summary.incomplete && format !== 'text') {
    // a scan that read nothing but a damaged archive is incomplete too (see runScan)
    const count = unreadCount(report.summary) || (report.summary.blobsSkipped['archive-unreadable'] ?? 0);
    io.stderr.write(`leaksweep: scan incomplete: ${count} blob${count === 1 ? '' : 's'} could not be read or scanned (see summary.skipped)\n`);
  }
}

/** `failing`: the findings that fail the run (all of them, unless --fail-on valid narrows it). */
export function exitCodeFor(report: ScanReport, failing = report.findings.length): number {
  if (report.summary.incomplete) return EXIT.input;
  return failing > 0 ? EXIT.findings : EXIT.clean;
}
