// Drivers without history: files as they are on disk (--no-git) and standard input, fed to the same blob scanner.
import { lstat, readFile, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { LeaksweepError, errorMessage } from '../errors.js';
import { BlobScanner, type BlobScan } from './blob-scanner.js';
import { ownBuffer } from './scan-history.js';
import type { BlobOutcome, BlobScanService } from './worker-protocol.js';

const NO_COMMIT = [0, 0, ''] as [number, number, string];

/** Regular files below root, sorted, never following symlinks, skipping .git (history is the other mode's job). */
async function* walkFiles(root: string): AsyncGenerator<string> {
  const entries = await readdir(root, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(root, entry.name);
    if (entry.isDirectory() && entry.name !== '.git') yield* walkFiles(full);
    else if (entry.isFile()) yield full;
  }
}

export async function scanFiles(root: string, pool: BlobScanService, maxBlobSize: number): Promise<BlobScan> {
  const stats = await lstat(root).catch(() => {
    throw new LeaksweepError('USAGE', `${root}: no such file or directory`);
  });
  const scanner = new BlobScanner(pool, { inFlight: 32 });
  const files = stats.isDirectory() ? walkFiles(root) : (async function* () { yield root; })();
  for await (const file of files) {
    const path = stats.isDirectory() ? relative(root, file).split(sep).join('/') : file;
    await scanner.add(path, { path, order: NO_COMMIT }, async (): Promise<BlobOutcome | { oid: string; data: Uint8Array }> => {
      try {
        const size = (await lstat(file)).size;
        if (size > maxBlobSize) return { kind: 'too-large', size };
        return { oid: path, data: ownBuffer(await readFile(file)) };
      } catch (error) {
        return { kind: 'failed', error: errorMessage(error) };
      }
    });
  }
  return scanner.finish();
}

export async function scanStdin(input: NodeJS.ReadableStream, pool: BlobScanService, maxBlobSize: number, name: string): Promise<BlobScan> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    size += chunk.length;
    // past the limit, keep reading (so the writer is not killed by a broken pipe) but keep nothing
    if (size <= maxBlobSize) chunks.push(chunk);
  }
  const scanner = new BlobScanner(pool, { inFlight: 1 });
  const data = size <= maxBlobSize ? new Uint8Array(Buffer.concat(chunks)) : null;
  await scanner.add(name, { path: name, order: NO_COMMIT }, async () => (data ? { oid: name, data } : { kind: 'too-large', size }));
  return scanner.finish();
}
