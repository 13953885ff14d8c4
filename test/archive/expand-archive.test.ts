// Each format opens to its files, nesting stops at depth 3, bombs and damage are listed and never expanded past the cap.
import { constants, deflateRawSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from '../../src/archive/archive-limits.js';
import { expandArchive } from '../../src/archive/expand-archive.js';
import { sniffArchive } from '../../src/archive/sniff-archive.js';
import { APP_ENV, BZIP2_APP_ENV, BZIP2_TAR_APP_ENV, XZ_TAR_APP_ENV, makeTar, makeZip, zstdBomb, zstdRaw } from '../helpers/archive-builders.js';

const LIMITS: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, maxEntrySize: 10 << 20 };

interface Expanded {
  files: Record<string, string>;
  skipped: { path: string; reason: string; error: string }[];
}

async function expand(data: Uint8Array, name: string, limits: ArchiveLimits = LIMITS): Promise<Expanded> {
  const format = sniffArchive(data);
  if (!format) throw new Error(`${name} is not recognised as an archive`);
  const out: Expanded = { files: {}, skipped: [] };
  await expandArchive(data, format, name, limits, {
    file: (path, bytes) => void (out.files[path.join('!')] = Buffer.from(bytes).toString('utf8')),
    skip: (path, reason, detail) => void out.skipped.push({ path: path.join('!'), reason, error: detail.error }),
  });
  return out;
}

describe('expandArchive: formats', () => {
  it.each([
    ['zip (deflated)', makeZip([{ name: 'META-INF/config.properties', data: APP_ENV }]), 'app.jar', 'META-INF/config.properties'],
    ['zip (stored)', makeZip([{ name: 'META-INF/config.properties', data: APP_ENV, method: 'store' }]), 'app.war', 'META-INF/config.properties'],
    ['tar', makeTar([{ name: 'etc/app.env', data: APP_ENV }]), 'app.tar', 'etc/app.env'],
    ['tgz', gzipSync(makeTar([{ name: 'etc/app.env', data: APP_ENV }])), 'app.tgz', 'etc/app.env'],
    ['gz of one file', gzipSync(APP_ENV), 'config/app.env.gz', 'app.env'],
    ['bz2 of one file', BZIP2_APP_ENV, 'app.env.bz2', 'app.env'],
    ['tar.bz2', BZIP2_TAR_APP_ENV, 'app.tar.bz2', 'etc/app.env'],
    ['tar.xz', XZ_TAR_APP_ENV, 'app.tar.xz', 'etc/app.env'],
    ['zst of one file', zstdRaw(APP_ENV), 'app.env.zst', 'app.env'],
    ['tar.zst', zstdRaw(makeTar([{ name: 'etc/app.env', data: APP_ENV }]).subarray(0, 100_000)), 'app.tar.zst', 'etc/app.env'],
  ])('%s', async (_label, data, name, inner) => {
    const { files, skipped } = await expand(data, name);
    expect(skipped).toEqual([]);
    expect(files).toEqual({ [inner]: APP_ENV });
  });

  it('reads a long name from a pax header', async () => {
    const long = `${'very-long-directory-name/'.repeat(6)}app.env`;
    expect((await expand(makeTar([{ name: long, data: APP_ENV }]), 'x.tar')).files).toEqual({ [long]: APP_ENV });
  });

  it('recognises no archive in text, in a PNG, or in an empty blob', () => {
    expect(sniffArchive(Buffer.from(APP_ENV))).toBeNull();
    expect(sniffArchive(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBeNull();
    expect(sniffArchive(new Uint8Array(0))).toBeNull();
    // "BZh" alone starts plenty of text
    expect(sniffArchive(Buffer.from('BZh9 is not a bzip2 stream'))).toBeNull();
  });
});

describe('expandArchive: nesting', () => {
  const level3 = makeZip([
    { name: 'deep.env', data: APP_ENV },
    { name: 'd.zip', data: makeZip([{ name: 'deeper.env', data: APP_ENV }]) },
  ]);
  const outer = makeZip([{ name: 'b/inner.tgz', data: gzipSync(makeTar([{ name: 'c.zip', data: level3 }, { name: 'etc/app.env', data: APP_ENV }])) }]);

  it('opens archives inside archives to depth 3 and lists the one at depth 4 as not opened', async () => {
    const { files, skipped } = await expand(outer, 'a.zip');
    expect(Object.keys(files).sort()).toEqual(['b/inner.tgz!c.zip!deep.env', 'b/inner.tgz!etc/app.env']);
    expect(skipped).toEqual([{ path: 'b/inner.tgz!c.zip!d.zip', reason: 'archive-limit', error: 'archive nested deeper than 3 levels: not opened' }]);
  });
});

describe('expandArchive: limits', () => {
  it('lists a zip bomb entry as skipped, expanding at most its ratio cap, and reads the other entries', async () => {
    // 64 MiB of zeros deflate to ~64 KiB: about 1000:1
    const zeros = deflateRawSync(Buffer.alloc(64 << 20));
    const bomb = makeZip([
      { name: 'bomb.bin', raw: zeros, declaredSize: 100 },
      { name: 'ok.env', data: APP_ENV },
    ]);
    const before = process.memoryUsage().arrayBuffers;
    // entries up to 1 GiB (--max-blob-size 1GB): the ratio is what stops it, at 200 × 64 KiB
    const { files, skipped } = await expand(bomb, 'bomb.zip', { ...LIMITS, maxEntrySize: 1 << 30 });
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 << 20);
    expect(files).toEqual({ 'ok.env': APP_ENV });
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ path: 'bomb.bin', reason: 'archive-limit' });
    expect(skipped[0].error).toMatch(/more than 200 times its \d+ compressed bytes/);
  });

  it("never holds more than an entry's size of a 1 GiB deflate bomb that declares 100 bytes", async () => {
    // 1024 copies of 1 MiB of zeros deflated and sync-flushed: one valid raw deflate stream of ~1 MiB
    const block = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_SYNC_FLUSH });
    const raw = Buffer.concat([...Array.from({ length: 1024 }, () => block), deflateRawSync(Buffer.alloc(0))]);
    const before = process.memoryUsage().arrayBuffers;
    const { files, skipped } = await expand(makeZip([{ name: 'gigabyte.txt', raw, declaredSize: 100 }]), 'bomb.zip');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 << 20);
    expect(files).toEqual({});
    expect(skipped).toEqual([{ path: 'gigabyte.txt', reason: 'archive-limit', error: `declares 100 bytes but expands past ${10 << 20}` }]);
  });

  it('stops a zstd stream of RLE blocks (4 bytes in, 128 KiB out) at its cap', async () => {
    // 20 000 blocks would be 2.5 GiB
    const before = process.memoryUsage().arrayBuffers;
    const { files, skipped } = await expand(zstdBomb(20_000), 'logs.zst');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 << 20);
    expect(files).toEqual({});
    expect(skipped).toMatchObject([{ path: '', reason: 'archive-limit' }]);
  });

  it('stops at --max-archive-size across nested levels and says so once', async () => {
    const text = (seed: number): string => Array.from({ length: 40_000 }, (_, i) => `line ${i * seed} ${(i * 7919 * seed) % 104729}`).join('\n');
    const inner = makeZip([1, 2, 3].map((seed) => ({ name: `part${seed}.log`, data: text(seed) })));
    const outer = makeZip([{ name: 'inner.zip', data: inner }, { name: 'z.env', data: APP_ENV }]);
    const { files, skipped } = await expand(outer, 'logs.zip', { ...LIMITS, maxBytes: 1_500_000 });
    expect(Object.keys(files).length).toBeLessThan(3);
    expect(files['z.env']).toBeUndefined();
    expect(skipped).toEqual([{ path: 'inner.zip', reason: 'archive-limit', error: 'expands past 1500000 bytes (--max-archive-size)' }]);
  });

  it('stops at the entry count', async () => {
    const many = makeTar(Array.from({ length: 20 }, (_, i) => ({ name: `f${i}.txt`, data: 'x' })));
    const { files, skipped } = await expand(many, 'many.tar', { ...LIMITS, maxEntries: 5 });
    expect(Object.keys(files)).toHaveLength(5);
    expect(skipped).toEqual([{ path: '', reason: 'archive-limit', error: 'holds more than 5 entries' }]);
  });

  it('lists an entry over the entry size without inflating it', async () => {
    const zip = makeZip([{ name: 'big.sql', data: 'x', declaredSize: 3 * 2 ** 30 }]);
    expect((await expand(zip, 'dump.zip')).skipped).toEqual([{ path: 'big.sql', reason: 'too-large', error: `larger than ${10 << 20} bytes` }]);
  });
});

describe('expandArchive: names and links', () => {
  it('reports an escaping name by its literal inner path and follows no symlink', async () => {
    const tar = makeTar([
      { name: '../../etc/x', data: APP_ENV },
      { name: './a//b/./c.env', data: APP_ENV },
      { name: 'link', type: '2', link: '/etc/passwd' },
      { name: 'dir/', type: '5' },
    ]);
    expect((await expand(tar, 'evil.tar')).files).toEqual({ '../../etc/x': APP_ENV, 'a/b/c.env': APP_ENV });
    const zip = makeZip([
      { name: '/abs/secret.env', data: APP_ENV },
      { name: 'shadow', data: '/etc/shadow', symlink: true },
    ]);
    expect((await expand(zip, 'evil.zip')).files).toEqual({ '/abs/secret.env': APP_ENV });
  });
});

describe('expandArchive: damage', () => {
  it.each([
    ['a zip cut short', makeZip([{ name: 'a.env', data: APP_ENV }]).subarray(0, 40), 'cut.zip', /^zip: no end of central directory$/],
    ['a gzip stream of garbage', Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3]), Buffer.from('not deflate at all, just text')]), 'x.gz', /^gzip: /],
    ['a tar with a bad checksum', Buffer.from(makeTar([{ name: 'a.env', data: APP_ENV }]).fill(0x41, 0, 10)), 'x.tar', /^tar: header checksum mismatch/],
    ['an xz stream cut short', XZ_TAR_APP_ENV.subarray(0, 60), 'x.tar.xz', /^xz: /],
  ])('lists %s as unreadable with a one-line error', async (_label, data, name, error) => {
    const { files, skipped } = await expand(data, name);
    expect(files).toEqual({});
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ path: '', reason: 'archive-unreadable' });
    expect(skipped[0].error).toMatch(error);
    expect(skipped[0].error).not.toContain('\n');
  });

  it('lists encrypted entries and unknown methods, and reads the rest', async () => {
    const zip = makeZip([
      { name: 'locked.env', data: APP_ENV, encrypted: true },
      { name: 'open.env', data: APP_ENV },
    ]);
    const { files, skipped } = await expand(zip, 'x.zip');
    expect(files).toEqual({ 'open.env': APP_ENV });
    expect(skipped).toEqual([{ path: 'locked.env', reason: 'archive-unreadable', error: 'encrypted entry' }]);
  });
});
