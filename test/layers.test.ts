// Imports run one way (cli → scan → git/detect/findings/report → rules → errors): no folder reaches above its layer.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

/** The src folders each folder may import, besides itself and the top-level modules (errors, version). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  cli: ['config', 'scan', 'git', 'detect', 'findings', 'report', 'rules', 'verify'],
  // the user's config file is read by the CLI: it builds rules and allowlists, never runs a scan
  config: ['detect', 'findings', 'rules'],
  scan: ['archive', 'git', 'image', 'detect', 'findings', 'report', 'rules', 'verify'],
  // the middle layer's folders may use each other's types, but never the pipeline or the CLI
  git: ['rules'],
  // container images, read like git/ reads a repository: it knows only its own formats
  image: [],
  detect: ['rules'],
  findings: ['git', 'detect', 'rules'],
  report: ['findings', 'rules'],
  // --verify asks providers about findings: it knows findings, never the pipeline that made them
  verify: ['findings', 'rules'],
  rules: [],
  // archive readers know bytes and limits only: any source (history, files, image layers) hands them its blobs
  archive: [],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('layers', () => {
  it('knows every folder of src/', () => {
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(folders.sort()).toEqual(Object.keys(MAY_IMPORT).sort());
  });

  it('has no import that reaches a folder above its own', () => {
    const wrong: string[] = [];
    for (const [folder, allowed] of Object.entries(MAY_IMPORT)) {
      for (const file of sourceFiles(join(SRC, folder))) {
        for (const match of readFileSync(file, 'utf8').matchAll(/(?:from |import\()'\.\.\/([a-z-]+)\//g)) {
          if (!allowed.includes(match[1])) wrong.push(`${file.slice(SRC.length + 1)} imports ${match[1]}/`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
