// `leaksweep image PATH`: a `docker save` tarball or an OCI image layout (directory or tar), reported like a repository.
import type { CommandModule } from 'yargs';
import type { Io } from './io.js';
import { withOutputOptions, withScanningOptions } from './report-options.js';
import { scanAndReport, type ReportedArgs } from './scan-command.js';
import { withVerifyOptions } from './verify-options.js';

interface ImageArgs extends ReportedArgs {
  path: string;
  image?: string;
}

export function imageCommand(io: Io, setExitCode: (code: number) => void): CommandModule<object, ImageArgs> {
  return {
    command: 'image <path>',
    describe: 'scan a container image: every layer\'s files (deleted ones too), its config (Env, Cmd, Labels …) and build history',
    builder: (y) =>
      withVerifyOptions(withScanningOptions(withOutputOptions(y)))
        .positional('path', { type: 'string', describe: '`docker save` tarball, OCI image layout directory, or a tar of one' })
        .option('image', { type: 'string', describe: 'of several images in PATH, scan only this one (a tag, ref name or config digest; default: all)' })
        .option('ruleset', { type: 'string', default: 'default', describe: 'ruleset name under patterns/rulesets/' })
        .option('config', { type: 'string', describe: 'user config (default: ./.leaksweep.yaml, else .betterleaks.toml or .gitleaks.toml, when present)' })
        .option('baseline', { type: 'string', describe: 'known findings to suppress (default: ./.leaksweep-baseline.json when present)' })
        .option('ignore-baseline', { type: 'boolean', default: false, describe: 'do not read a baseline, even the default one' })
        .option('decode', { type: 'boolean', default: false, describe: 'also decode long base64 and hex runs anywhere and scan what they hold (about 2x slower)' })
        .strict() as never,
    // the image is a file, not a project: defaults are looked for where leaksweep runs, as for stdin
    handler: (args) => scanAndReport(io, args, setExitCode, { mode: 'image', path: args.path, configDir: '.', baselineDir: '.', image: args.image }),
  };
}
