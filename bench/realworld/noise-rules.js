// Runs only the rules of the given pattern files over the npm package cache, with the default global allowlist,
// and prints eval-npm's per-rule table: what a new batch of rules would add to the real-code noise.
// Usage: node bench/realworld/noise-rules.js patterns/foo.yaml [patterns/bar.yaml …] [--json]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('--'));
if (files.length === 0) {
  console.error('usage: node bench/realworld/noise-rules.js PATTERN_FILE… [--json]');
  process.exit(2);
}

const rules = files.flatMap((f) => parse(readFileSync(f, 'utf8')).rules ?? []);
const ruleset = parse(readFileSync(join(repo, 'patterns', 'rulesets', 'default.yaml'), 'utf8'));
const ids = new Set(rules.map((r) => r.id));
// Every default rule is off except those under test; the global allowlist stays, as in a default scan.
const disable = (ruleset.rules ?? []).filter((id) => !ids.has(id));
const dir = mkdtempSync(join(tmpdir(), 'leaksweep-noise-'));
const config = join(dir, 'noise.json');
writeFileSync(config, JSON.stringify({ rules, disable }));

const child = spawn(process.execPath, [join(here, 'eval-npm.js'), '--no-gone', ...args.filter((a) => a === '--json'), '--', '--config', config], { stdio: 'inherit' });
child.on('close', (code) => {
  rmSync(dir, { recursive: true, force: true });
  process.exit(code ?? 3);
});
