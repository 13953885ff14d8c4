// `leaksweep audit PATH… [--list FILE]`: many repositories, scanned concurrently on one worker pool, in one report.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { CommandModule } from 'yargs';
import { parseSize } from '../config/parse-size.js';
import { resolveRules } from '../config/user-config.js';
import { LeaksweepError, errorMessage } from '../errors.js';
import { FORMATTERS, FORMAT_NAMES, type FormatName } from '../report/formatters.js';
import { runAudit } from '../scan/run-audit.js';
import { mergeReports } from '../scan/merge-reports.js';
import type { ScanReport } from '../scan/run-scan.js';
import type { RuleSpec } from '../rules/rule-spec.js';
import { EXIT, writeReportFile, type Io } from './io.js';

interface AuditArgs {
  paths: string[];
  list?: string;
  shard?: string;
  repos: number;
  jobs: number;
  engine: 'auto' | 'git' | 'isomorphic';
  format?: FormatName;
  output?: string;
  'show-secrets': boolean;
  'max-blob-size': string;
  quiet: boolean;
  color?: boolean;
}

function listedPaths(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  } catch (error) {
    throw new LeaksweepError('USAGE', `--list ${file}: cannot read (${errorMessage(error)})`);
  }
}

export function parseShard(text: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || count < 1 || index < 1 || index > count) throw new LeaksweepError('USAGE', `--shard: expected I/N with 1 ≤ I ≤ N, got "${text}"`);
  return { index, count };
}

/** Writes a report as the scan command does: a file (0600) or stdout; text on a terminal, json otherwise. */
export function emitReport(io: Io, report: ScanReport, args: { format?: FormatName; output?: string; color?: boolean }, rules: RuleSpec[]): void {
  const format: FormatName = args.format ?? (args.output || io.stdout.isTTY !== true ? 'json' : 'text');
  const text = FORMATTERS[format](report, { color: args.color ?? (io.stdout.isTTY === true && !args.output), rules });
  if (args.output) writeReportFile(args.output, text);
  else io.stdout.write(text);
}

export function exitCodeForAudit(report: ScanReport): number {
  return report.summary.incomplete ? EXIT.input : report.findings.length > 0 ? EXIT.findings : EXIT.clean;
}

export function auditCommand(io: Io, setExitCode: (code: number) => void): CommandModule<object, AuditArgs> {
  return {
    command: 'audit [paths..]',
    describe: 'full-history scan of many repositories (or directories holding them) into one report',
    builder: (y) =>
      y
        .positional('paths', { type: 'string', array: true, default: [], describe: 'repositories, or directories whose subdirectories are repositories' })
        .option('list', { type: 'string', describe: 'file with one repository path per line' })
        .option('shard', { type: 'string', describe: 'I/N: audit only this machine\'s share of the repositories (deterministic by path); join shard reports with `leaksweep merge`' })
        .option('repos', { type: 'number', default: 2, describe: 'repositories scanned at once' })
        .option('jobs', { type: 'number', default: availableParallelism(), describe: 'scan worker threads, shared by all repositories' })
        .option('engine', { choices: ['auto', 'git', 'isomorphic'] as const, default: 'auto' as const })
        .option('format', { choices: FORMAT_NAMES, describe: 'report format (default: text on a terminal, json otherwise)' })
        .option('output', { alias: 'o', type: 'string', describe: 'write the report to this file (mode 0600)' })
        .option('show-secrets', { type: 'boolean', default: false })
        .option('max-blob-size', { type: 'string', default: '10MB' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false })
        .option('color', { type: 'boolean', describe: 'color the text report (default: when stdout is a terminal)' })
        .strict() as never,
    handler: async (args) => {
      const paths = [...args.paths, ...(args.list ? listedPaths(args.list) : [])];
      if (paths.length === 0) throw new LeaksweepError('USAGE', 'name repositories to audit, or --list FILE');
      if (!Number.isInteger(args.repos) || args.repos < 1) throw new LeaksweepError('USAGE', `--repos: expected a whole number ≥ 1, got ${args.repos}`);
      const rules = resolveRules(null);
      const shard = args.shard === undefined ? undefined : parseShard(args.shard);
      const report = await runAudit({
        paths,
        shard,
        repos: args.repos,
        jobs: args.jobs,
        engine: args.engine,
        maxBlobSize: parseSize(args['max-blob-size'], '--max-blob-size'),
        showSecrets: args['show-secrets'],
        rules,
        fingerprintKey: process.env.LEAKSWEEP_BASELINE_KEY || undefined,
      });
      emitReport(io, report, args, rules);
      const failed = report.summary.repositories?.filter((repo) => repo.error) ?? [];
      if (!args.quiet) for (const repo of failed) io.stderr.write(`leaksweep: ${repo.repository}: ${repo.error}\n`);
      setExitCode(exitCodeForAudit(report));
    },
  };
}

export function mergeCommand(io: Io, setExitCode: (code: number) => void): CommandModule<object, { reports: string[]; format?: FormatName; output?: string; color?: boolean }> {
  return {
    command: 'merge <reports..>',
    describe: 'join JSON reports of audit shards (or scans) into one report',
    builder: (y) =>
      y
        .positional('reports', { type: 'string', array: true, describe: 'JSON reports written with --format json' })
        .option('format', { choices: FORMAT_NAMES, describe: 'report format (default: text on a terminal, json otherwise)' })
        .option('output', { alias: 'o', type: 'string', describe: 'write the report to this file (mode 0600)' })
        .option('color', { type: 'boolean' })
        .strict() as never,
    handler: (args) => {
      const report = mergeReports(args.reports);
      emitReport(io, report, args, resolveRules(null));
      setExitCode(exitCodeForAudit(report));
    },
  };
}
