// The build-time cache of parsed pattern files: found by path below the patterns directory, trusted only for unchanged bytes.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_PATTERNS_DIR } from '../../src/rules/load-rules.js';
import { cachedDocumentIn } from '../../src/rules/patterns-cache.js';
import { buildPatternsCache } from '../../src/rules/write-patterns-cache.js';

const root = mkdtempSync(join(tmpdir(), 'leaksweep-cache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('patterns cache', () => {
  const built = join(root, 'built', 'patterns');
  cpSync(DEFAULT_PATTERNS_DIR, built, { recursive: true });
  const cache = buildPatternsCache(built);

  it('holds every pattern file and the default ruleset, by their paths below the patterns directory', () => {
    const names = readdirSync(DEFAULT_PATTERNS_DIR).filter((name) => name.endsWith('.yaml'));
    expect(Object.keys(cache).sort()).toEqual([...names, 'rulesets/default.yaml'].sort());
  });

  it('is used where the package was unpacked: another directory, every mtime the same', () => {
    const installed = join(root, 'node_modules', 'leaksweep', 'patterns');
    cpSync(built, installed, { recursive: true });
    const fixed = new Date('1985-10-26T08:15:00Z');
    for (const name of ['github.yaml', 'rulesets/default.yaml']) utimesSync(join(installed, name), fixed, fixed);
    const file = join(installed, 'github.yaml');
    expect(cachedDocumentIn(cache, installed, file)).toEqual(parse(readFileSync(file, 'utf8')));
    expect(cachedDocumentIn(cache, installed, join(installed, 'rulesets', 'default.yaml'))).toBeDefined();
  });

  it('is not used for a file whose bytes changed, or one outside the patterns directory', () => {
    const edited = join(root, 'edited', 'patterns');
    cpSync(built, edited, { recursive: true });
    appendFileSync(join(edited, 'github.yaml'), '# a local edit\n');
    expect(cachedDocumentIn(cache, edited, join(edited, 'github.yaml'))).toBeUndefined();
    expect(cachedDocumentIn(cache, edited, join(edited, 'npm.yaml'))).toBeDefined();
    expect(cachedDocumentIn(cache, edited, join(root, 'built', 'github.yaml'))).toBeUndefined();
    expect(cachedDocumentIn(null, edited, join(edited, 'npm.yaml'))).toBeUndefined();
  });
});
