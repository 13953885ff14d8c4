// Lists the images a store holds (docker save's manifest.json, or an OCI index, nested indexes included) with their
// config and layers in order, checking that every layer's blob is there before anything is scanned.
import { LeaksweepError } from '../errors.js';
import type { ImageStore } from './image-store.js';

export interface ImageHistoryEntry {
  created?: string;
  created_by?: string;
  comment?: string;
  empty_layer?: boolean;
}

/** The parts of an image config leaksweep reads. */
export interface ImageConfig {
  config?: Record<string, unknown>;
  history?: ImageHistoryEntry[];
  rootfs?: { diff_ids?: string[] };
}

export interface ImageLayer {
  /** the file in the store */
  name: string;
  /** its diff id (digest of the uncompressed tar, as `docker inspect` lists it), else the digest it is stored under */
  digest: string;
  /** a non-distributable (foreign) layer the image does not carry: skipped as missing */
  absent?: boolean;
}

export interface ImageRef {
  /** first repo tag or ref name (with the platform when an index holds several), else the config digest */
  name: string;
  configDigest: string;
  config: ImageConfig;
  layers: ImageLayer[];
}

interface Descriptor {
  mediaType?: string;
  digest?: string;
  annotations?: Record<string, string>;
  platform?: { os?: string; architecture?: string; variant?: string };
}

const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function invalid(store: ImageStore, message: string): LeaksweepError {
  return new LeaksweepError('IMAGE_INVALID', `${store.label}: ${message}`);
}

function blobName(store: ImageStore, digest: unknown): string {
  if (typeof digest !== 'string' || !DIGEST.test(digest)) throw invalid(store, `not a digest: ${JSON.stringify(digest)}`);
  const [algorithm, hex] = digest.split(':');
  return `blobs/${algorithm}/${hex}`;
}

/** `blobs/sha256/<hex>` or docker save's `<hex>.json` and `<hex>/layer.tar`: the digest they stand for. */
function digestOfName(name: string): string {
  const match = /(?:^|\/)(?:blobs\/)?(sha256)\/([a-f0-9]{64})$/.exec(name) ?? /(?:^|\/)()([a-f0-9]{64})(?:\.json|\/layer\.tar)$/.exec(name);
  return match ? `${match[1] || 'sha256'}:${match[2]}` : name;
}

async function readConfig(store: ImageStore, name: string): Promise<ImageConfig> {
  const config = await store.readJson(name);
  if (!isObject(config)) throw invalid(store, `${name} is not an image config`);
  return config as ImageConfig;
}

/** Layer digests: the config's diff ids when they match the layers one for one. */
function layersOf(store: ImageStore, image: string, config: ImageConfig, names: string[], stored: string[], foreign: boolean[]): ImageLayer[] {
  const diffIds = Array.isArray(config.rootfs?.diff_ids) && config.rootfs.diff_ids.length === names.length ? config.rootfs.diff_ids : null;
  return names.map((name, index) => {
    const digest = diffIds?.[index] ?? stored[index];
    if (store.has(name)) return { name, digest };
    if (foreign[index]) return { name, digest, absent: true };
    throw invalid(store, `layer ${digest} of ${image} is missing (${name})`);
  });
}

async function dockerSaveImages(store: ImageStore): Promise<ImageRef[]> {
  const manifest = await store.readJson('manifest.json');
  if (!Array.isArray(manifest)) throw invalid(store, 'manifest.json is not a list of images');
  const images: ImageRef[] = [];
  for (const entry of manifest) {
    if (!isObject(entry) || typeof entry.Config !== 'string' || !Array.isArray(entry.Layers) || !entry.Layers.every((layer) => typeof layer === 'string')) {
      throw invalid(store, 'manifest.json: an entry without Config and Layers');
    }
    const configDigest = digestOfName(entry.Config);
    const tags = Array.isArray(entry.RepoTags) ? entry.RepoTags.filter((tag): tag is string => typeof tag === 'string') : [];
    const name = tags[0] ?? configDigest;
    const config = await readConfig(store, entry.Config);
    const names = entry.Layers as string[];
    images.push({ name, configDigest, config, layers: layersOf(store, name, config, names, names.map(digestOfName), names.map(() => false)) });
  }
  return images;
}

const isIndex = (type: string | undefined, body: Record<string, unknown>): boolean => (type ? /index|manifest\.list/.test(type) : Array.isArray(body.manifests));

async function ociImages(store: ImageStore, index: unknown, inherited: string | undefined, images: ImageRef[], depth: number): Promise<void> {
  if (!isObject(index) || !Array.isArray(index.manifests)) throw invalid(store, 'index.json has no manifests');
  if (depth > 4) throw invalid(store, 'indexes nested too deep');
  const several = index.manifests.length > 1;
  for (const item of index.manifests as unknown[]) {
    if (!isObject(item)) throw invalid(store, 'a manifest descriptor is not an object');
    const descriptor = item as Descriptor;
    // buildx attaches provenance and SBOM documents as manifests of their own: not part of the image's file system
    if (descriptor.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') continue;
    const name = blobName(store, descriptor.digest);
    // an index lists every platform; a local copy usually carries only some of them
    if (!store.has(name) && depth > 0) continue;
    const body = await store.readJson(name);
    if (!isObject(body)) throw invalid(store, `${name} is not a manifest`);
    const ref = descriptor.annotations?.['io.containerd.image.name'] ?? descriptor.annotations?.['org.opencontainers.image.ref.name'] ?? inherited;
    const platform = descriptor.platform ? [descriptor.platform.os, descriptor.platform.architecture, descriptor.platform.variant].filter(Boolean).join('/') : '';
    if (isIndex(descriptor.mediaType, body)) {
      await ociImages(store, body, ref, images, depth + 1);
      continue;
    }
    if (!isObject(body.config) || !Array.isArray(body.layers)) throw invalid(store, `${name} is not an image manifest`);
    const configDigest = String(body.config.digest);
    const config = await readConfig(store, blobName(store, body.config.digest));
    const layers = (body.layers as unknown[]).filter(isObject) as Descriptor[];
    const imageName = `${ref ?? configDigest}${several && platform ? ` (${platform})` : ''}`;
    const foreign = layers.map((layer) => /foreign|nondistributable/.test(layer.mediaType ?? ''));
    images.push({ name: imageName, configDigest, config, layers: layersOf(store, imageName, config, layers.map((layer) => blobName(store, layer.digest)), layers.map((layer) => String(layer.digest)), foreign) });
  }
}

/** Every image the store holds, in the order its manifest lists them; one image config is listed once. */
export async function listImages(store: ImageStore): Promise<ImageRef[]> {
  const images: ImageRef[] = [];
  if (store.has('manifest.json')) images.push(...(await dockerSaveImages(store)));
  else if (store.has('index.json')) await ociImages(store, await store.readJson('index.json'), undefined, images, 0);
  else throw invalid(store, 'not a container image (no manifest.json of docker save, no index.json of an OCI layout)');
  const seen = new Set<string>();
  const distinct = images.filter((image) => !seen.has(image.configDigest) && seen.add(image.configDigest));
  if (distinct.length === 0) throw invalid(store, 'holds no image');
  return distinct;
}
