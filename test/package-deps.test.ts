// Every package the shipped code imports is a runtime dependency: `npm install leaksweep` leaves devDependencies out.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Bare specifiers of static imports, dynamic imports and createRequire calls, reduced to the package name. */
function importedPackages(): Set<string> {
  const packages = new Set<string>();
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/(?:from |import\(|require\()'([^'.][^']*)'/g)) {
      const specifier = match[1];
      if (specifier.startsWith('node:')) continue;
      const parts = specifier.split('/');
      packages.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  return packages;
}

describe('package.json', () => {
  it('lists every package src/ imports under dependencies', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const imported = [...importedPackages()].sort();
    // the scan can see the imports it must check: an empty set would make this pass for nothing
    expect(imported).toContain('re2');
    expect(imported.filter((name) => !(name in manifest.dependencies))).toEqual([]);
  });
});
