// Pre-commit driver: scans the blobs a commit would add, on this thread, and keeps only matches on lines the change adds.
import { addedLines } from '../detect/added-lines.js';
import type { RawMatch } from '../detect/detect-blob.js';
import type { Appearance } from '../findings/finding.js';
import { CatFile } from '../git/cat-file.js';
import { stagedFiles } from '../git/staged-files.js';
import { requireDirectory } from '../git/repository-errors.js';
import type { CompiledRules } from '../rules/compile-rules.js';
import type { ArchiveLimits } from '../archive/archive-limits.js';
import { BlobScanner, type BlobScan } from './blob-scanner.js';
import { InlineScanner } from './inline-scanner.js';

export interface StagedScan {
  scan: BlobScan;
  keep: (match: RawMatch, appearance: Appearance) => boolean;
}

export async function scanStaged(dir: string, rules: CompiledRules, maxBlobSize: number, archives?: ArchiveLimits): Promise<StagedScan> {
  requireDirectory(dir);
  // git finds the repository from the directory, as for the diff: no rev-parse first (a process fewer in every hook)
  const catFile = new CatFile({ cwd: dir });
  try {
    const files = await stagedFiles(dir);
    const scanner = new BlobScanner(new InlineScanner(rules, (oid) => catFile.read(oid, maxBlobSize), archives), { inFlight: 8 });
    for (const file of files) await scanner.add(file.oid, { path: file.path, order: [0, 0, ''] }, async () => ({ oid: file.oid }));
    const scan = await scanner.finish();
    /** lines added per path; absent: every line of a new file counts */
    const added = new Map<string, Set<number>>();
    const modified = files.filter((file) => file.previous && scan.matched.some((blob) => blob.oid === file.oid));
    for (const file of modified) {
      const [before, after] = await Promise.all([catFile.read(file.previous!, maxBlobSize), catFile.read(file.oid, maxBlobSize)]);
      if (before.kind === 'data' && after.kind === 'data') added.set(file.path, addedLines(before.data, after.data));
    }
    // lines of a file inside an archive are not lines of the staged file: what a changed archive holds is all kept
    return { scan, keep: (match, appearance) => match.entry !== undefined || (added.get(appearance.path)?.has(match.line) ?? true) };
  } finally {
    await catFile.close();
  }
}
