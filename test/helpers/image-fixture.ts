// Builds container images in the test itself: tar bytes and JSON written here, as `docker save` and an OCI layout lay them out.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface TarFile {
  path: string;
  data?: string | Buffer;
  type?: 'file' | 'directory' | 'symlink' | 'hardlink';
  target?: string;
}

function header(path: string, size: number, flag: string, target = ''): Buffer {
  const block = Buffer.alloc(512);
  block.write(path, 0, 100, 'utf8');
  block.write('0000644\0', 100, 'ascii');
  block.write('0000000\0', 108, 'ascii');
  block.write('0000000\0', 116, 'ascii');
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  block.write('14000000000\0', 136, 'ascii');
  block.write(flag, 156, 'ascii');
  block.write(target, 157, 100, 'utf8');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

/** "<length> key=value\n", the length counting its own digits. */
function paxRecord(key: string, value: string): string {
  const rest = ` ${key}=${value}\n`;
  let total = Buffer.byteLength(rest) + 1;
  while (String(total).length + Buffer.byteLength(rest) !== total) total = String(total).length + Buffer.byteLength(rest);
  return `${total}${rest}`;
}

const pad = (size: number): Buffer => Buffer.alloc((512 - (size % 512)) % 512);

/** A tar; a path or link target over 100 bytes gets a PAX header, as docker writes them. */
export function tarOf(files: TarFile[]): Buffer {
  const parts: Buffer[] = [];
  for (const file of files) {
    const data = file.data === undefined ? Buffer.alloc(0) : Buffer.from(file.data);
    const long = [...(Buffer.byteLength(file.path) > 100 ? [paxRecord('path', file.path)] : []), ...(file.target && Buffer.byteLength(file.target) > 100 ? [paxRecord('linkpath', file.target)] : [])];
    if (long.length > 0) {
      const body = Buffer.from(long.join(''));
      parts.push(header('PaxHeader', body.length, 'x'), body, pad(body.length));
    }
    const flag = { file: '0', directory: '5', symlink: '2', hardlink: '1' }[file.type ?? 'file'];
    parts.push(header(file.path.slice(0, 100), data.length, flag, file.target), data, pad(data.length));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export interface ImageSpec {
  /** a repo tag, e.g. `acme/api:1.0` */
  name: string;
  /** each layer's files, bottom first */
  layers: TarFile[][];
  /** the container config: Env, Cmd, Entrypoint, Labels … */
  config?: Record<string, unknown>;
  /** build steps; those without empty_layer make the layers, in order */
  history?: { created_by: string; empty_layer?: boolean }[];
}

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

interface Built {
  layers: Buffer[];
  diffIds: string[];
  config: Buffer;
}

function build(spec: ImageSpec): Built {
  const layers = spec.layers.map(tarOf);
  const diffIds = layers.map((layer) => `sha256:${sha256(layer)}`);
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: spec.config ?? {}, rootfs: { type: 'layers', diff_ids: diffIds }, history: spec.history ?? [] }));
  return { layers, diffIds, config };
}

/** Diff ids of an image's layers: what findings name them by. */
export function layerDigests(spec: ImageSpec): string[] {
  return build(spec).diffIds;
}

/** `docker save` of these images: `<config hex>.json`, `<layer hex>/layer.tar` (uncompressed) and manifest.json. */
export function dockerSave(images: ImageSpec[]): Buffer {
  const files: TarFile[] = [];
  const manifest = images.map((spec) => {
    const built = build(spec);
    const config = `${sha256(built.config)}.json`;
    const layers = built.layers.map((layer, index) => {
      const name = `${built.diffIds[index].slice(7)}/layer.tar`;
      if (!files.some((file) => file.path === name)) files.push({ path: name, data: layer });
      return name;
    });
    files.push({ path: config, data: built.config });
    return { Config: config, RepoTags: [spec.name], Layers: layers };
  });
  files.push({ path: 'manifest.json', data: JSON.stringify(manifest) });
  return tarOf(files);
}

/** An OCI image layout: index.json naming each image, gzip layers and JSON under blobs/sha256/. As a directory's files. */
export function ociLayout(images: ImageSpec[]): TarFile[] {
  const blobs = new Map<string, Buffer>();
  const blob = (data: Buffer, mediaType: string) => {
    const digest = `sha256:${sha256(data)}`;
    blobs.set(digest, data);
    return { mediaType, digest, size: data.length };
  };
  const manifests = images.map((spec) => {
    const built = build(spec);
    const manifest = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: blob(built.config, 'application/vnd.oci.image.config.v1+json'),
      layers: built.layers.map((layer) => blob(gzipSync(layer), 'application/vnd.oci.image.layer.v1.tar+gzip')),
    };
    return { ...blob(Buffer.from(JSON.stringify(manifest)), manifest.mediaType), annotations: { 'org.opencontainers.image.ref.name': spec.name } };
  });
  return [
    { path: 'oci-layout', data: JSON.stringify({ imageLayoutVersion: '1.0.0' }) },
    { path: 'index.json', data: JSON.stringify({ schemaVersion: 2, manifests }) },
    ...[...blobs].map(([digest, data]) => ({ path: `blobs/sha256/${digest.slice(7)}`, data })),
  ];
}

export function writeFiles(dir: string, files: TarFile[]): string {
  for (const file of files) {
    mkdirSync(join(dir, file.path, '..'), { recursive: true });
    writeFileSync(join(dir, file.path), file.data ?? '');
  }
  return dir;
}
