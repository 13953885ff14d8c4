// `leaksweep scan [path]`: options → runScan → formatted report → exit code.
import { existsSync, statSync } from 'node:fs';
import { findUserConfig, resolveRules } from '../config/user-config.js';
import { readGitleaksIgnore, withIgnored } from '../config/gitleaks-ignore.js';
import type { CommandModule } from 'yargs';
import { parseDuration, parseSize } from '../config/parse-size.js';
import { LeaksweepError } from '../errors.js';
import type { Revisions } from '../git/history-source.js';
import { DEFAULT_PATTERNS_DIR } from '../rules/load-rules.js';
import { runScan, type ScanMode, type ScanReport } from '../scan/run-scan.js';
import { prestartWorker } from '../scan/worker-pool.js';
import type { ScanProgress } from '../scan/scan-history.js';
import type { Io } from './io.js';
import { archiveOptionsOf, checkJobs, stateDirOf, emitReport, exitCodeFor, withOutputOptions, withScanningOptions, type OutputArgs, type ScanningArgs } from './report-options.js';
import { findBaseline, keyFor } from './baseline-command.js';
import { failingFindings, verificationFor, withVerifyOptions, type VerifyArgs } from './verify-options.js';

interface ScanArgs extends OutputArgs, ScanningArgs, VerifyArgs {
  path: string;
  ruleset: string;
  staged: boolean;
  git: boolean;
  stdin: boolean;
  lifecycle: boolean;
  decode: boolean;
  baseline?: string;
  config?: string;
  'ignore-baseline': boolean;
  range?: string;
  since?: string;
  branch?: string;
}

/** `-` reads standard input; --no-git reads files; --staged the index; otherwise history. */
export function modeFor(args: Pick<ScanArgs, 'stdin' | 'git' | 'staged' | 'range' | 'since' | 'branch'>): ScanMode {
  const stdin = args.stdin;
  if ((stdin || !args.git) && (args.staged || args.range || args.since || args.branch)) {
    throw new LeaksweepError('USAGE', `${stdin ? 'scanning stdin' : '--no-git'} cannot be combined with --staged, --range, --since or --branch`);
  }
  if (stdin) return 'stdin';
  return !args.git ? 'files' : args.staged ? 'staged' : 'history';
}

/** --range, --since and --branch as the commits to include and exclude; none of them: every ref. */
export function revisionsFor(args: Pick<ScanArgs, 'range' | 'since' | 'branch' | 'staged'>): Revisions | undefined {
  const given = [args.range && '--range', args.since && '--since', args.staged && '--staged'].filter(Boolean);
  if (given.length > 1) throw new LeaksweepError('USAGE', `${given.join(' and ')} cannot be combined`);
  if (args.staged && args.branch) throw new LeaksweepError('USAGE', '--staged and --branch cannot be combined');
  if (args.range !== undefined) {
    // ref names cannot contain "..", so the first one splits the range (tags like v1.2 keep their dots)
    const at = args.range.indexOf('..');
    const [from, to] = [args.range.slice(0, at), args.range.slice(at + 2)];
    if (at <= 0 || !to || to.startsWith('.') || args.branch) throw new LeaksweepError('USAGE', `--range: expected A..B (and no --branch), got "${args.range}"`);
    return { include: [to], exclude: [from] };
  }
  if (args.since !== undefined) return { include: [args.branch ?? 'HEAD'], exclude: [args.since] };
  if (args.branch !== undefined) return { include: [args.branch], exclude: [] };
  return undefined;
}

function progressText(progress: ScanProgress, started: number, mode: ScanMode): string {
  const seconds = (performance.now() - started) / 1000;
  const rate = seconds > 0 ? progress.bytesScanned / (1 << 20) / seconds : 0;
  return `${progress.commits} ${mode === 'image' ? 'layers' : 'commits'}, ${progress.blobsScanned} blobs, ${rate.toFixed(1)} MB/s, ${progress.matches} matches so far`;
}

/** Redraws at most ten times a second: progress arrives once per commit. */
function throttle(update: (progress: ScanProgress) => void): (progress: ScanProgress) => void {
  let last = 0;
  return (progress) => {
    const now = performance.now();
    if (now - last < 100) return;
    last = now;
    update(progress);
  };
}

export function scanCommand(io: Io, setExitCode: (code: number) => void): CommandModule<object, ScanArgs> {
  return {
    command: 'scan [path]',
    describe: 'scan every commit reachable from every ref of a repository (work tree or bare)',
    builder: (y) =>
      withVerifyOptions(withScanningOptions(withOutputOptions(y)))
        .positional('path', { type: 'string', default: '.', describe: 'repository to scan: a directory, or a URL (https, ssh, git, file, user@host:path) mirrored first (with --no-git: a directory or file; - reads stdin)' })
        .option('ruleset', { type: 'string', default: 'default', describe: 'ruleset name under patterns/rulesets/' })
        .option('range', { type: 'string', describe: 'scan only commits in B that are not in A, written A..B (CI: the pushed commits)' })
        .option('since', { type: 'string', describe: 'scan only commits after REV on the scanned branch (HEAD, or --branch)' })
        .option('branch', { type: 'string', describe: 'scan only commits reachable from this branch (default: every ref)' })
        .option('stdin', { type: 'boolean', default: false, describe: 'read standard input instead of a repository (also written as a lone -)' })
        .option('config', {
          type: 'string',
          describe: 'user config (default: <path>/.leaksweep.yaml, else .betterleaks.toml or .gitleaks.toml, when present): extra rules, disable, allow, extend; a .toml is read as a gitleaks config',
        })
        .option('baseline', { type: 'string', describe: 'known findings to suppress: ours, a detect-secrets .secrets.baseline, a gitleaks report or .gitleaksignore (default: <path>/.leaksweep-baseline.json when present)' })
        .option('ignore-baseline', { type: 'boolean', default: false, describe: 'do not read a baseline, even the default one' })
        .option('git', { type: 'boolean', default: true, describe: 'read history; --no-git scans the files under path as they are on disk' })
        .option('decode', { type: 'boolean', default: false, describe: 'also decode long base64 and hex runs anywhere and scan what they hold (about 2x slower)' })
        .option('lifecycle', { type: 'boolean', default: false, describe: 'audit: for each finding, the branch heads still holding it, the commit that removed it and the refs that still reach it (git engine)' })
        .option('staged', { type: 'boolean', default: false, describe: 'scan only what is staged for the next commit, and only the lines it adds (pre-commit)' })
        .strict() as never,
    handler: async (args) => {
      const stdinOrFile = args.stdin || !existsSync(args.path) || !statSync(args.path).isDirectory();
      const mode = modeFor(args);
      await scanAndReport(io, args, setExitCode, {
        mode,
        path: args.stdin ? 'stdin' : args.path,
        configDir: stdinOrFile ? '.' : args.path,
        baselineDir: args.stdin ? '.' : args.path,
        revisions: revisionsFor(args),
        lifecycle: args.lifecycle,
      });
    },
  };
}

/** What the scan-like commands choose before the shared part runs: the mode, what to read and where defaults live. */
export interface ScanPlan {
  mode: ScanMode;
  path: string;
  /** where the default user config is looked for */
  configDir: string;
  /** where the default baseline is looked for */
  baselineDir: string;
  revisions?: Revisions;
  lifecycle?: boolean;
  image?: string;
}

export type ReportedArgs = OutputArgs & ScanningArgs & VerifyArgs & Pick<ScanArgs, 'ruleset' | 'config' | 'baseline' | 'ignore-baseline' | 'decode'>;

/** The part `scan` and `image` share: rules, baseline, verification, the scan with a spinner, the report and the exit code. */
export async function scanAndReport(io: Io, args: ReportedArgs, setExitCode: (code: number) => void, plan: ScanPlan): Promise<void> {
  checkJobs(args.jobs);
  // a history scan needs a worker: it starts while the rules load (not with --state, which may have nothing to walk)
  if (plan.mode === 'history' && stateDirOf(args) === undefined) prestartWorker();
  const maxBlobSize = parseSize(args['max-blob-size'], '--max-blob-size');
  // A terminal without a width (e.g. under `script`) makes ora redraw endlessly: no spinner there.
  const columns = (io.stderr as { columns?: number }).columns ?? 0;
  const showProgress = !args.quiet && io.stderr.isTTY === true && columns > 0;
  // ora costs ~60 ms to import: only load it when a spinner will show
  const spinner = showProgress ? (await import('ora')).default({ stream: io.stderr, text: plan.mode === 'image' ? 'reading layers' : 'walking history', discardStdin: false }).start() : null;
  const started = performance.now();
  const config = findUserConfig(plan.configDir, args.config, args.ruleset);
  // what a gitleaks config holds that leaksweep cannot do is said even with --quiet: it changes what is found
  for (const warning of config?.warnings ?? []) io.stderr.write(`leaksweep: ${warning}\n`);
  const specs = resolveRules(config, DEFAULT_PATTERNS_DIR, args.ruleset);
  const known = findBaseline(plan.baselineDir, args.baseline, args['ignore-baseline']);
  const ignored = args['ignore-baseline'] ? null : readGitleaksIgnore(plan.configDir, config?.foreignIds, known?.file);
  const stateRoot = stateDirOf(args);
  // outside history scans the state directory holds only --verify's answers
  const verify = await verificationFor(args, stateRoot, config?.verifyEndpoints);
  let report: ScanReport;
  try {
    report = await runScan({
      path: plan.path,
      mode: plan.mode,
      revisions: plan.revisions,
      image: plan.image,
      engine: args.engine,
      jobs: args.jobs,
      maxBlobSize,
      ...archiveOptionsOf(args),
      showSecrets: args['show-secrets'],
      fingerprintKey: keyFor(known),
      baseline: withIgnored(known?.baseline, ignored),
      keep: config?.keep,
      rules: specs,
      lifecycle: plan.lifecycle,
      decode: args.decode,
      metadata: args.metadata,
      mirrorDir: args['mirror-dir'],
      stateDir: plan.mode === 'history' || !verify ? stateRoot : undefined,
      verify,
      onlyVerified: args['only-verified'],
      minConfidence: args.confidence,
      blobTimeoutMs: parseDuration(args['blob-timeout'], '--blob-timeout'),
      onProgress: spinner ? throttle((progress) => (spinner.text = progressText(progress, started, plan.mode))) : undefined,
    });
  } finally {
    spinner?.stop();
    await verify?.close();
  }
  emitReport(io, report, args, specs);
  setExitCode(exitCodeFor(report, failingFindings(report, args['fail-on'])));
}
