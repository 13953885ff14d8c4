// Drivers without history: files as they are on disk (--no-git) and standard input, fed to the same blob scanner.
import { lstat, readFile, readdir } from 'node:fs/promises';
import { LeaksweepError, errorMessage } from '../errors.js';
import { BlobScanner, type BlobScan } from './blob-scanner.js';
import { ownBuffer } from './scan-history.js';
import type { BlobOutcome, BlobScanService } from './worker-protocol.js';

const NO_COMMIT = [0, 0, ''] as [number, number, string];

const GIT_DIR_NAME = Buffer.from('.git');
const SLASH = Buffer.from('/');

/**
 * Regular files below dir, sorted, never following symlinks, skipping .git (history is the other mode's job).
 * Names are kept as bytes to open them: a name that is not UTF-8 does not survive decoding; `path` is for the report.
 */
async function* walkFiles(dir: Buffer, prefix: string): AsyncGenerator<{ file: Buffer; path: string }> {
  const entries = await readdir(dir, { withFileTypes: true, encoding: 'buffer' });
  entries.sort((a, b) => Buffer.compare(a.name, b.name));
  for (const entry of entries) {
    const file = Buffer.concat([dir, SLASH, entry.name]);
    const path = `${prefix}${entry.name.toString('utf8')}`;
    if (entry.isDirectory() && !entry.name.equals(GIT_DIR_NAME)) yield* walkFiles(file, `${path}/`);
    else if (entry.isFile()) yield { file, path };
  }
}

/** `allowedPath`: files where no rule reports anything are not read. */
export async function scanFiles(root: string, pool: BlobScanService, maxBlobSize: number, allowedPath?: (path: string) => boolean): Promise<BlobScan> {
  const stats = await lstat(root).catch(() => {
    throw new LeaksweepError('USAGE', `${root}: no such file or directory`);
  });
  const scanner = new BlobScanner(pool, { inFlight: 32, allowedPath });
  const files = stats.isDirectory() ? walkFiles(Buffer.from(root), '') : (async function* () { yield { file: Buffer.from(root), path: root }; })();
  for await (const { file, path } of files) {
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
