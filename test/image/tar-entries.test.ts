// The streaming tar reader: names from ustar, GNU and PAX headers, sizes past 8 GB, and what is not a tar.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ByteReader } from '../../src/image/byte-reader.js';
import { layerEntries } from '../../src/image/layer-entries.js';
import { tarEntries } from '../../src/image/tar-entries.js';
import { tarOf } from '../helpers/image-fixture.js';

/** Splits bytes into small chunks, so every header and body crosses chunk boundaries. */
async function* chunked(data: Buffer, size = 97): AsyncGenerator<Buffer> {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}

async function listed(data: Buffer) {
  const out: { path: string; kind: string; text?: string }[] = [];
  for await (const entry of layerEntries(chunked(data))) {
    out.push({ path: entry.path, kind: entry.kind, ...(entry.kind === 'file' ? { text: (await entry.read()).toString() } : {}) });
  }
  return out;
}

function gnuLongName(name: string, data: string): Buffer {
  const long = tarOf([{ path: '././@LongLink', data: `${name}\0` }]);
  long[156] = 'L'.charCodeAt(0);
  // the checksum covers the type flag: write it again
  long.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of long.subarray(0, 512)) sum += byte;
  long.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return Buffer.concat([long.subarray(0, 1024), tarOf([{ path: name.slice(0, 100), data }])]);
}

describe('layer entries', () => {
  it('reads files across chunk boundaries, whiteouts, opaque directories and hard links; skips what it is not asked to read', async () => {
    const tar = tarOf([
      { path: './etc/', type: 'directory' },
      { path: './etc/app.conf', data: 'key=value\n' },
      { path: 'etc/.wh.old.conf' },
      { path: 'var/cache/.wh..wh..opq' },
      { path: 'etc/link.conf', type: 'hardlink', target: './etc/app.conf' },
      { path: 'etc/sym', type: 'symlink', target: '/etc/passwd' },
      { path: `${'x'.repeat(120)}/deep.txt`, data: 'pax named\n' },
    ]);
    const expected = [
      { path: 'etc/app.conf', kind: 'file', text: 'key=value\n' },
      { path: 'etc/old.conf', kind: 'whiteout' },
      { path: 'var/cache', kind: 'whiteout' },
      { path: 'etc/link.conf', kind: 'hardlink' },
      { path: `${'x'.repeat(120)}/deep.txt`, kind: 'file', text: 'pax named\n' },
    ];
    expect(await listed(tar)).toEqual(expected);
    expect(await listed(gzipSync(tar))).toEqual(expected);
  });

  it('takes a GNU long name for the next entry', async () => {
    const name = `opt/${'n'.repeat(150)}.txt`;
    expect(await listed(gnuLongName(name, 'long\n'))).toEqual([{ path: name, kind: 'file', text: 'long\n' }]);
  });

  it('reads a base-256 size (files over 8 GB) without reading the body', async () => {
    const tar = tarOf([{ path: 'huge.bin', data: '' }]);
    tar.fill(0, 124, 136);
    tar[124] = 0x80;
    tar.writeUIntBE(9 * 2 ** 30, 130, 6);
    tar.fill(0x20, 148, 156);
    let sum = 0;
    for (const byte of tar.subarray(0, 512)) sum += byte;
    tar.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
    const entries = tarEntries(new ByteReader(chunked(tar.subarray(0, 512))));
    expect((await entries.next()).value).toMatchObject({ path: 'huge.bin', size: 9 * 2 ** 30 });
    await expect(entries.next()).rejects.toThrow(/tar truncated in huge\.bin/);
  });

  it('refuses what is not a tar, and a tar cut short', async () => {
    await expect(listed(Buffer.from('{"not": "a tar"}'.repeat(40)))).rejects.toThrow(/bad header checksum at byte 0/);
    const tar = tarOf([{ path: 'a.txt', data: 'a'.repeat(2000) }]);
    await expect(listed(tar.subarray(0, 1200))).rejects.toThrow(/truncated/);
    await expect(listed(gzipSync(tar).subarray(0, 30))).rejects.toThrow(/unexpected end of file/);
  });
});
