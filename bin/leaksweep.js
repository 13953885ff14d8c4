#!/usr/bin/env node
// leaksweep CLI entry: the compiled main turns argv into an exit code.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
