// Build step (`npm run build`): parses every default pattern and ruleset file once and stores the documents for fast starts.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { DEFAULT_PATTERNS_DIR } from './load-rules.js';
import { PATTERNS_CACHE_FILE, cacheKey, sha1, type PatternsCache } from './patterns-cache.js';
import { validatePatternDocument } from './pattern-schema.js';
import { compileRegex, compileRules } from './compile-rules.js';
import { validateAllow, validateRuleSpec } from './validate-rule.js';

/** Every pattern and ruleset file under `patternsDir` that parses and passes its checks, by its path below it. */
export function buildPatternsCache(patternsDir: string): PatternsCache {
  const files: PatternsCache = {};
  for (const dir of [patternsDir, join(patternsDir, 'rulesets')]) {
    for (const name of readdirSync(dir).filter((entry) => /\.ya?ml$/.test(entry))) {
      const file = join(dir, name);
      // a file that does not parse or fails the schema is left out: loading it then reports the error with its name
      try {
        const bytes = readFileSync(file);
        const doc = parse(bytes.toString('utf8')) as unknown;
        if (dir === patternsDir) {
          validatePatternDocument(doc, file);
          // cached rules compile lazily at scan time, so every regex must compile now
          compileRules((doc as { rules: unknown[] }).rules.map((raw, index) => validateRuleSpec(raw, `${file} rule #${index + 1}`, file)));
        } else {
          // a ruleset's global allowlist is trusted at scan time like the rules: check its regexes compile
          const raw = (doc as { allow?: unknown } | null)?.allow;
          const allow = raw === undefined ? {} : validateAllow(raw, file);
          for (const pattern of [...(allow.paths ?? []), ...(allow.regexes ?? []), ...(allow.lines ?? [])]) compileRegex(pattern, '', file);
        }
        files[cacheKey(patternsDir, file)!] = { sha1: sha1(bytes), doc };
      } catch {
        continue;
      }
    }
  }
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeFileSync(PATTERNS_CACHE_FILE, JSON.stringify({ files: buildPatternsCache(DEFAULT_PATTERNS_DIR) }));
