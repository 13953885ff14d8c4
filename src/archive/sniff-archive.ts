// Recognises an archive or compressed stream by its first bytes: a few compares, so every blob can afford it.

export type ArchiveFormat = 'zip' | 'tar' | 'gzip' | 'bzip2' | 'xz' | 'zstd';

const TAR_MAGIC_AT = 257;

function startsWith(data: Uint8Array, bytes: readonly number[], at = 0): boolean {
  if (data.length < at + bytes.length) return false;
  for (let i = 0; i < bytes.length; i += 1) if (data[at + i] !== bytes[i]) return false;
  return true;
}

const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
// deflate is the only method gzip defines
const GZIP = [0x1f, 0x8b, 0x08];
const XZ = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
const ZSTD = [0x28, 0xb5, 0x2f, 0xfd];
// "BZh", a block size digit, then the first block's magic (or the end-of-stream magic of an empty stream)
const BZIP2_BLOCK = [0x31, 0x41, 0x59, 0x26, 0x53, 0x59];
const BZIP2_END = [0x17, 0x72, 0x45, 0x38, 0x50, 0x90];
// POSIX "ustar\0" and GNU "ustar  \0" share these five bytes
const USTAR = [0x75, 0x73, 0x74, 0x61, 0x72];

function isBzip2(data: Uint8Array): boolean {
  if (!startsWith(data, [0x42, 0x5a, 0x68]) || data[3] < 0x31 || data[3] > 0x39) return false;
  return startsWith(data, BZIP2_BLOCK, 4) || startsWith(data, BZIP2_END, 4);
}

/** The format `data` starts as, or null. Old v7 tar files have no magic and are not recognised. */
export function sniffArchive(data: Uint8Array): ArchiveFormat | null {
  if (startsWith(data, ZIP_LOCAL) || startsWith(data, ZIP_EMPTY)) return 'zip';
  if (startsWith(data, GZIP)) return 'gzip';
  if (startsWith(data, ZSTD)) return 'zstd';
  if (startsWith(data, XZ)) return 'xz';
  if (isBzip2(data)) return 'bzip2';
  if (startsWith(data, USTAR, TAR_MAGIC_AT)) return 'tar';
  return null;
}

/** The name a compressed single file had: `app.env.gz` → `app.env`, `x.tgz` → `x.tar`. */
export function uncompressedName(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const lower = base.toLowerCase();
  for (const [suffix, replacement] of [['.tgz', '.tar'], ['.tbz2', '.tar'], ['.tbz', '.tar'], ['.txz', '.tar'], ['.tzst', '.tar']] as const) {
    if (lower.endsWith(suffix)) return base.slice(0, -suffix.length) + replacement;
  }
  for (const suffix of ['.gz', '.bz2', '.xz', '.zst', '.zstd']) if (lower.endsWith(suffix) && lower.length > suffix.length) return base.slice(0, -suffix.length);
  return base;
}
