// The command line: argv in, exit code out. The only module that touches process streams, yargs and ora.
import { fileURLToPath } from 'node:url';
import yargs, { type Argv } from 'yargs';
import { LeaksweepError, errorMessage, isInputError } from '../errors.js';
import { EXIT, type Io } from './io.js';
import { VERSION } from '../version.js';
import { rulesCheck, rulesList } from './rules-command.js';
import { scanCommand } from './scan-command.js';
import { imageCommand } from './image-command.js';
import { auditCommand, mergeCommand } from './audit-command.js';
import { baselineCommands } from './baseline-command.js';
import { installHook } from '../git/install-hook.js';

const BIN_PATH = fileURLToPath(new URL('../../bin/leaksweep.js', import.meta.url));

const EPILOGUE = 'Exit codes: 0 no findings, 1 findings, 2 usage/config/input error or incomplete scan, 3 internal error.';

export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let exitCode: number = EXIT.clean;
  const debug = argv.includes('--debug');
  // yargs drops a lone "-"; `scan -` (read stdin) travels as a flag instead
  const parser: Argv = yargs(argv.map((arg) => (arg === '-' ? '--stdin' : arg)))
    .scriptName('leaksweep')
    .version(VERSION)
    .strict()
    .exitProcess(false)
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .epilogue(EPILOGUE)
    .option('debug', { type: 'boolean', describe: 'print stack traces of errors' })
    .showHelpOnFail(false)
    .fail((message, error) => {
      // Throwing stops yargs from running the handler after a usage error.
      // yargs spreads some messages over lines ("Invalid values:\n  Argument: …"): errors are one line
      throw error ?? new LeaksweepError('USAGE', message.replace(/\s*\n\s*/g, ' '));
    })
    .command(scanCommand(io, (code) => (exitCode = code)))
    .command(imageCommand(io, (code) => (exitCode = code)))
    .command(auditCommand(io, (code) => (exitCode = code)))
    .command(mergeCommand(io, (code) => (exitCode = code)))
    .command(
      'install-hook [path]',
      'write a git pre-commit hook that runs `leaksweep scan --staged` (honours core.hooksPath)',
      (hook) =>
        hook
          .positional('path', { type: 'string', default: '.', describe: 'repository' })
          .option('force', { type: 'boolean', default: false, describe: 'replace a pre-commit hook leaksweep did not write' }),
      (args) => {
        const result = installHook(args.path as string, { node: process.execPath, bin: BIN_PATH }, args.force as boolean);
        io.stderr.write(`leaksweep: ${result.replaced === 'none' ? 'installed' : 'replaced'} ${result.path}\n`);
      },
    )
    .command('baseline <command>', 'record known findings so only new ones fail', baselineCommands(io))
    .command('rules <command>', 'inspect the rule pack', (rules) =>
      rules
        .command('list', 'print every rule in the ruleset: id, name, severity', (list) =>
          list.option('ruleset', { type: 'string', default: 'default', describe: 'ruleset name under patterns/rulesets/' }),
          (args) => {
            io.stdout.write(rulesList(args.ruleset as string));
          })
        .command(
          'check [files..]',
          'check pattern files: ids unique, regexes compile in RE2 alone and together, examples yield their secret, negatives nothing, ruleset ids exist',
          (check) => check.positional('files', { type: 'string', array: true, describe: 'pattern files (default: the whole pack)' }),
          (args) => {
            const result = rulesCheck((args.files as string[] | undefined) ?? []);
            (result.ok ? io.stdout : io.stderr).write(result.text);
            if (!result.ok) exitCode = EXIT.findings;
          },
        )
        .demandCommand(1, 'name a rules command'),
    )
    .demandCommand(1, 'name a command, e.g. leaksweep scan .')
    .help();
  // yargs renders the whole help text after every command's handler in case it must show it later (70–150 ms of
  // wrapping every option's description); with showHelpOnFail(false) it never does, and --help renders its own
  (parser as unknown as { getInternalMethods(): { getUsageInstance(): { cacheHelpMessage(): void } } }).getInternalMethods().getUsageInstance().cacheHelpMessage = () => undefined;
  try {
    await parser.parseAsync();
  } catch (error) {
    return reportError(error, io, debug);
  }
  return exitCode;
}

function reportError(error: unknown, io: Io, debug: boolean): number {
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  if (isInputError(error)) {
    io.stderr.write(`leaksweep: ${error.message}\n`);
    return EXIT.input;
  }
  const code = error instanceof LeaksweepError ? error.code : 'INTERNAL';
  io.stderr.write(`leaksweep: internal error (${code}): ${errorMessage(error).split('\n')[0]}${debug ? '' : ' (run with --debug for details)'}\n`);
  return EXIT.internal;
}
