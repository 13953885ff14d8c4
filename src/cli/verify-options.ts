// --verify and what goes with it: the options, the checks between them, and the run that asks the providers.
import type { Argv } from 'yargs';
import { parseDuration } from '../config/parse-size.js';
import { LeaksweepError } from '../errors.js';
import type { ScanReport } from '../findings/report-types.js';
import type { VerificationRun } from '../verify/verify-run.js';

export interface VerifyArgs {
  verify: boolean;
  'verify-ttl': string;
  'only-verified': boolean;
  'fail-on': FailOn;
}

export type FailOn = 'any' | 'valid';

export function withVerifyOptions(y: Argv): Argv {
  return y
    .option('verify', { type: 'boolean', default: false, describe: "ask each finding's issuing provider (its read-only identity endpoint, over HTTPS) whether the secret is live: sends secrets to their providers" })
    .option('verify-ttl', { type: 'string', default: '24h', describe: 'with --verify and --state: reuse an answer younger than this' })
    .option('only-verified', { type: 'boolean', default: false, describe: 'with --verify: report only findings the provider said are live' })
    .option('fail-on', { choices: ['any', 'valid'] as const, default: 'any' as const, describe: 'exit 1 on any finding, or (with --verify) only on live ones' });
}

/** The run to share for the whole command, or undefined without --verify; answers are kept in the state directory when one is given. */
export async function verificationFor(args: VerifyArgs, stateRoot: string | undefined, endpoints?: Record<string, string[]>): Promise<VerificationRun | undefined> {
  if (!args.verify) {
    const needs = [args['only-verified'] && '--only-verified', args['fail-on'] === 'valid' && '--fail-on valid'].filter(Boolean);
    if (needs.length > 0) throw new LeaksweepError('USAGE', `${needs.join(' and ')} need --verify`);
    return undefined;
  }
  // the HTTP client (undici) is loaded only when asked for: every other scan starts without it
  const { VerificationRun } = await import('../verify/verify-run.js');
  return new VerificationRun({ cacheDir: stateRoot, ttlMs: parseDuration(args['verify-ttl'], '--verify-ttl'), endpoints });
}

/** With `--fail-on valid`, a scan fails only on a finding its provider said is live. */
export function failingFindings(report: ScanReport, failOn: FailOn): number {
  return failOn === 'valid' ? report.findings.filter((finding) => finding.verification?.status === 'valid').length : report.findings.length;
}
