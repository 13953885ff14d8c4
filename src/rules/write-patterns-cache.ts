// Build step (`npm run build`): parses every default pattern and ruleset file once and stores the documents for fast starts.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_PATTERNS_DIR } from './load-rules.js';
import { PATTERNS_CACHE_FILE, type CachedFile } from './patterns-cache.js';
import { validatePatternDocument } from './pattern-schema.js';
import { compileRegex, compileRules } from './compile-rules.js';
import { validateAllow, validateRuleSpec } from './validate-rule.js';

const files: Record<string, CachedFile> = {};
for (const dir of [DEFAULT_PATTERNS_DIR, join(DEFAULT_PATTERNS_DIR, 'rulesets')]) {
  for (const name of readdirSync(dir).filter((entry) => /\.ya?ml$/.test(entry))) {
    const file = join(dir, name);
    const stats = statSync(file);
    // a file that does not parse or fails the schema is left out: loading it then reports the error with its name
    try {
      const doc = parse(readFileSync(file, 'utf8')) as unknown;
      if (dir === DEFAULT_PATTERNS_DIR) {
        validatePatternDocument(doc, file);
        // cached rules compile lazily at scan time, so every regex must compile now
        compileRules((doc as { rules: unknown[] }).rules.map((raw, index) => validateRuleSpec(raw, `${file} rule #${index + 1}`, file)));
      } else {
        // a ruleset's global allowlist is trusted at scan time like the rules: check its regexes compile
        const raw = (doc as { allow?: unknown } | null)?.allow;
        const allow = raw === undefined ? {} : validateAllow(raw, file);
        for (const pattern of [...(allow.paths ?? []), ...(allow.regexes ?? []), ...(allow.lines ?? [])]) compileRegex(pattern, '', file);
      }
      files[file] = { size: stats.size, mtimeMs: stats.mtimeMs, doc };
    } catch {
      continue;
    }
  }
}
writeFileSync(PATTERNS_CACHE_FILE, JSON.stringify({ files }));
