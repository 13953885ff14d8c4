// `leaksweep audit PATH… [--list FILE]`: many repositories, scanned concurrently on one worker pool, in one report.
import { readFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { parseDuration, parseSize } from '../config/parse-size.js';
import { resolveRules } from '../config/user-config.js';
import { LeaksweepError, errorMessage } from '../errors.js';
import { runAudit } from '../scan/run-audit.js';
import { mergeReports } from '../scan/merge-reports.js';
import type { Io } from './io.js';
import { failingFindings, verificationFor, withVerifyOptions, type VerifyArgs } from './verify-options.js';
import { archiveOptionsOf, checkJobs, stateDirOf, emitReport, exitCodeFor, withOutputOptions, withScanningOptions, type OutputArgs, type ScanningArgs } from './report-options.js';

interface AuditArgs extends OutputArgs, ScanningArgs, VerifyArgs {
  paths: string[];
  list?: string;
  shard?: string;
  repos: number;
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

export function auditCommand(io: Io, setExitCode: (code: number) => void): CommandModule<object, AuditArgs> {
  return {
    command: 'audit [paths..]',
    describe: 'full-history scan of many repositories (or directories holding them, URLs, and container images) into one report',
    builder: (y) =>
      withVerifyOptions(withScanningOptions(withOutputOptions(y)))
        .positional('paths', { type: 'string', array: true, default: [], describe: 'repositories (directories or URLs), directories whose subdirectories are repositories, and container images (docker save or OCI tarballs, OCI layout directories)' })
        .option('list', { type: 'string', describe: 'file with one repository path or URL per line' })
        .option('shard', { type: 'string', describe: 'I/N: audit only this machine\'s share of the repositories (deterministic by path); join shard reports with `leaksweep merge`' })
        .option('repos', { type: 'number', default: 2, describe: 'repositories scanned at once' })
        .strict() as never,
    handler: async (args) => {
      const paths = [...args.paths, ...(args.list ? listedPaths(args.list) : [])];
      if (paths.length === 0) throw new LeaksweepError('USAGE', 'name repositories to audit, or --list FILE');
      checkJobs(args.jobs);
      if (!Number.isInteger(args.repos) || args.repos < 1) throw new LeaksweepError('USAGE', `--repos: expected a whole number ≥ 1, got ${args.repos}`);
      const rules = resolveRules(null);
      const shard = args.shard === undefined ? undefined : parseShard(args.shard);
      const stateRoot = stateDirOf(args);
      const verify = await verificationFor(args, stateRoot);
      const report = await runAudit({
        paths,
        shard,
        repos: args.repos,
        jobs: args.jobs,
        engine: args.engine,
        maxBlobSize: parseSize(args['max-blob-size'], '--max-blob-size'),
        ...archiveOptionsOf(args),
        showSecrets: args['show-secrets'],
        rules,
        fingerprintKey: process.env.LEAKSWEEP_BASELINE_KEY || undefined,
        stateDir: stateRoot,
        minConfidence: args.confidence,
        metadata: args.metadata,
        mirrorDir: args['mirror-dir'],
        blobTimeoutMs: parseDuration(args['blob-timeout'], '--blob-timeout'),
        verify,
        onlyVerified: args['only-verified'],
      }).finally(() => verify?.close());
      emitReport(io, report, args, rules);
      const failed = report.summary.repositories?.filter((repo) => repo.error) ?? [];
      if (!args.quiet) for (const repo of failed) io.stderr.write(`leaksweep: ${repo.repository}: ${repo.error}\n`);
      setExitCode(exitCodeFor(report, failingFindings(report, args['fail-on'])));
    },
  };
}

export function mergeCommand(io: Io, setExitCode: (code: number) => void): CommandModule<object, OutputArgs & { reports: string[] }> {
  return {
    command: 'merge <reports..>',
    describe: 'join JSON reports of audit shards (or scans) into one report',
    builder: (y) =>
      withOutputOptions(y)
        .positional('reports', { type: 'string', array: true, describe: 'JSON reports written with --format json' })
        .strict() as never,
    handler: (args) => {
      const report = mergeReports(args.reports);
      emitReport(io, report, args, resolveRules(null));
      setExitCode(exitCodeFor(report));
    },
  };
}
