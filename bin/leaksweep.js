#!/usr/bin/env node
// leaksweep CLI entry: the bundled main (one file for the CLI and its argument parser, built by `npm run build`)
// turns argv into an exit code.
import { main } from '../dist/bundle/main.js';

process.exitCode = await main(process.argv.slice(2));
