// `leaksweep baseline create|update|audit`, and how `scan` finds and keys its baseline.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { auditBaseline, createBaseline, newBaselineKeying, updateBaseline, type Baseline } from '../findings/baseline.js';
import { DEFAULT_BASELINE_FILE, readBaseline, writeBaseline } from '../findings/baseline-io.js';
import { fingerprintKey } from '../findings/fingerprint.js';
import { runScan, type ScanOptions } from '../scan/run-scan.js';
import { findUserConfig, resolveRules } from '../config/user-config.js';
import type { Io } from './io.js';
import { auditInteractively, auditSummaryLines } from './baseline-audit.js';
import { entryContext } from './entry-context.js';
import { CatFile } from '../git/cat-file.js';
import { resolveGitDir } from '../git/git-source.js';
import { compileRules } from '../rules/compile-rules.js';
import { loadRuleSpecs } from '../rules/load-rules.js';
import { verificationFor } from './verify-options.js';
import { stateDirOf } from './report-options.js';

export interface LoadedBaseline {
  file: string;
  baseline: Baseline;
}

/** An explicit --baseline, else `.leaksweep-baseline.json` at the scanned path when it exists. */
export function findBaseline(path: string, explicit: string | undefined, ignore: boolean): LoadedBaseline | null {
  if (ignore) return null;
  const file = explicit ?? join(path, DEFAULT_BASELINE_FILE);
  if (!explicit && !existsSync(file)) return null;
  return { file, baseline: readBaseline(file) };
}

/** The key a scan must use so its fingerprints compare with the baseline's. */
export function keyFor(loaded: LoadedBaseline | null): string {
  return fingerprintKey(process.env, loaded?.baseline.keying ?? null, loaded?.file);
}

type BaseScan = Pick<ScanOptions, 'engine' | 'maxBlobSize' | 'verify' | 'mode'>;

async function scanAll(io: Io, path: string, key: string, base: BaseScan) {
  // Secrets stay in memory so imported baselines (matched on the secret) can be converted; the file never holds them.
  const config = findUserConfig(base.mode === 'image' ? '.' : path);
  for (const warning of config?.warnings ?? []) io.stderr.write(`leaksweep: ${warning}\n`);
  return runScan({ path, ...base, showSecrets: true, fingerprintKey: key, rules: resolveRules(config), keep: config?.keep });
}

const modeOf = (args: { image?: boolean }): ScanOptions['mode'] => (args.image ? 'image' : 'history');
/** Where the default baseline lives: in the repository, or for an image (a file) where leaksweep runs, as `leaksweep image` reads it. */
const homeOf = (args: { image?: boolean; path: string }): string => (args.image ? '.' : args.path);

/** create and update can ask the providers too, so each entry keeps its key's last status. */
function withBaselineVerify<T>(y: Argv<T>) {
  return y
    .option('image', { type: 'boolean', default: false, describe: 'path is a container image (as for `leaksweep image`); the default baseline is then ./' + DEFAULT_BASELINE_FILE })
    .option('verify', { type: 'boolean', default: false, describe: 'ask each finding\'s provider whether it is live and keep the answer on its entry' })
    .option('verify-ttl', { type: 'string', default: '24h', describe: 'with --verify and --state: reuse an answer younger than this' })
    .option('state', { type: 'string', describe: 'with --verify: keep the answers in DIR (alone: the default state directory)' });
}

/** Runs `scan` with a verification run when --verify is given, and closes it (saving its answers) after. */
async function withVerification<T>(args: { verify?: boolean; 'verify-ttl'?: string; state?: string }, scan: (verify: BaseScan['verify']) => Promise<T>): Promise<T> {
  const verify = await verificationFor({ verify: args.verify === true, 'verify-ttl': args['verify-ttl'] ?? '24h', 'only-verified': false, 'fail-on': 'any' }, stateDirOf(args));
  try {
    return await scan(verify);
  } finally {
    await verify?.close();
  }
}

export function baselineCommands(io: Io) {
  return (yargs: Argv) =>
    yargs
      .command(
        'create [path]',
        'record every current finding as unreviewed',
        (y) =>
          withBaselineVerify(y)
            .positional('path', { type: 'string', default: '.', describe: 'repository' })
            .option('output', { alias: 'o', type: 'string', describe: `baseline file (default: <path>/${DEFAULT_BASELINE_FILE})` })
            .option('engine', { choices: ['auto', 'git', 'isomorphic'] as const, default: 'auto' as const })
            ,
        async (args) => {
          const keying = newBaselineKeying(process.env);
          const report = await withVerification(args, (verify) => scanAll(io, args.path, fingerprintKey(process.env, keying), { engine: args.engine, maxBlobSize: 10 << 20, verify, mode: modeOf(args) }));
          const file = args.output ?? join(homeOf(args), DEFAULT_BASELINE_FILE);
          writeBaseline(file, createBaseline(report.findings, keying));
          io.stderr.write(`leaksweep: wrote ${report.findings.length} entries to ${file}\n`);
        },
      )
      .command(
        'update [path]',
        'add new findings as unreviewed, keep existing triage; --prune drops entries no longer found',
        (y) =>
          withBaselineVerify(y)
            .positional('path', { type: 'string', default: '.', describe: 'repository' })
            .option('baseline', { type: 'string', describe: `baseline to update, ours or imported (default: <path>/${DEFAULT_BASELINE_FILE})` })
            .option('output', { alias: 'o', type: 'string', describe: 'where to write (default: the baseline itself, or the default file for imports)' })
            .option('prune', { type: 'boolean', default: false })
            .option('engine', { choices: ['auto', 'git', 'isomorphic'] as const, default: 'auto' as const })
            ,
        async (args) => {
          const file = args.baseline ?? join(homeOf(args), DEFAULT_BASELINE_FILE);
          const baseline = readBaseline(file);
          // an imported baseline gets a fresh key of ours; its own identities (hashes, plain secrets) are never written
          const keying = baseline.keying ?? newBaselineKeying(process.env);
          const report = await withVerification(args, (verify) => scanAll(io, args.path, fingerprintKey(process.env, keying, file), { engine: args.engine, maxBlobSize: 10 << 20, verify, mode: modeOf(args) }));
          const updated = updateBaseline(baseline, report.findings, { prune: args.prune, keying });
          const output = args.output ?? (baseline.format === 'leaksweep' ? file : join(homeOf(args), DEFAULT_BASELINE_FILE));
          writeBaseline(output, updated);
          io.stderr.write(`leaksweep: ${output}: ${updated.entries.length} entries (was ${baseline.entries.length})\n`);
        },
      )
      .command(
        'audit [file]',
        'triage unreviewed entries one by one on a terminal; otherwise (or with --summary) print a triage summary',
        (y) =>
          y
            .positional('file', { type: 'string', default: DEFAULT_BASELINE_FILE, describe: 'baseline file' })
            .option('repo', { type: 'string', default: '.', describe: 'repository the baseline belongs to (for context lines)' })
            .option('summary', { type: 'boolean', default: false, describe: 'print the summary even on a terminal' }),
        async (args) => {
          const baseline = readBaseline(args.file);
          if (!args.summary && process.stdin.isTTY && io.stdout.isTTY) {
            const catFile = new CatFile(resolveGitDir(args.repo));
            try {
              const rules = compileRules(loadRuleSpecs());
              const contextFor = entryContext(catFile, rules, fingerprintKey(process.env, baseline.keying, args.file));
              const result = await auditInteractively(baseline, { input: process.stdin, output: io.stdout, contextFor, reviewer: process.env.USER });
              if (result.reviewed > 0) writeBaseline(args.file, result.baseline);
              io.stderr.write(`leaksweep: ${result.reviewed} entries triaged in ${args.file}\n`);
            } finally {
              await catFile.close();
            }
            return;
          }
          const audit = auditBaseline(baseline);
          const lines = auditSummaryLines(audit);
          io.stdout.write(`${lines.join('\n')}\n`);
        },
      )
      .demandCommand(1, 'name a baseline command: create, update or audit');
}
