// Driver for container images: each image's config and history, then every layer's files in order, fed to the
// same blob scanner as history; layers are streamed once, with bounded bytes read ahead of the workers.
import { LeaksweepError, errorMessage } from '../errors.js';
import type { Appearance, ImagePlace } from '../findings/finding.js';
import { configItems } from '../image/config-items.js';
import { Deletions } from '../image/deletions.js';
import { listImages, type ImageRef } from '../image/image-manifest.js';
import { openImageStore, type ImageStore } from '../image/image-store.js';
import { layerEntries } from '../image/layer-entries.js';
import { BlobScanner, type BlobScan } from './blob-scanner.js';
import { ByteBudget } from './byte-budget.js';
import type { ScanProgress } from './scan-history.js';
import type { BlobScanService } from './worker-protocol.js';

export interface ImageScanOptions {
  maxBlobSize: number;
  /** scan only the image with this name (a tag, a ref name or a config digest); default: every image */
  image?: string;
  /** files at paths where no rule reports anything are not read */
  allowedPath?: (path: string) => boolean;
  onProgress?: (progress: ScanProgress) => void;
}

export interface ImageScan extends BlobScan {
  images: string[];
  /** distinct layers read (a layer shared by images is read once) */
  layers: number;
}

/** Bytes read from layers but not yet scanned: with one file at a time in hand, memory stays flat on any image size. */
const READ_AHEAD = 16 << 20;
/** Images before layers before steps: an order like history's (generation, time, commit). */
const LAYERS_PER_IMAGE = 1 << 20;

function selected(images: ImageRef[], name: string | undefined, path: string): ImageRef[] {
  if (name === undefined) return images;
  const found = images.filter((image) => image.name === name || image.configDigest === name);
  if (found.length === 0) throw new LeaksweepError('USAGE', `--image ${name}: not in ${path}, which holds ${images.map((image) => image.name).join(', ')}`);
  return found;
}

const own = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));

class ImageWalk {
  readonly deletions = new Deletions();
  readonly layersRead = new Set<string>();
  onlyAtAllowedPaths = 0;

  constructor(
    private readonly store: ImageStore,
    private readonly scanner: BlobScanner,
    private readonly budget: ByteBudget,
    private readonly options: ImageScanOptions,
  ) {}

  async config(image: ImageRef, index: number): Promise<void> {
    for (const item of configItems(image.config)) {
      const step = item.step === undefined ? '' : `[${item.step}]`;
      const key = `${image.configDigest}:${item.path}${step}`;
      const layer = item.layer === undefined ? undefined : image.layers[item.layer]?.digest;
      const place: ImagePlace = { name: image.name, ...(layer ? { layer } : {}), ...(item.step === undefined ? {} : { step: item.step }) };
      const order: Appearance['order'] = [index * LAYERS_PER_IMAGE + (item.layer ?? image.layers.length), item.step ?? 0, ''];
      const data = own(item.text);
      await this.scanner.add(key, { path: item.path, order, image: place }, async () => ({ oid: key, data }));
    }
  }

  async layer(image: ImageRef, index: number, layerIndex: number): Promise<void> {
    const layer = image.layers[layerIndex];
    const where = `layer ${layer.digest}`;
    if (this.layersRead.has(layer.digest)) return;
    this.layersRead.add(layer.digest);
    if (layer.absent) {
      this.scanner.addSkipped([{ oid: layer.digest, path: where, reason: 'missing', error: 'a non-distributable layer the image does not carry' }]);
      return;
    }
    try {
      await this.files(image, index, layerIndex);
    } catch (error) {
      // a layer that cannot be read is listed and the scan goes on: the report says it is incomplete
      this.scanner.addSkipped([{ oid: layer.digest, path: where, reason: 'failed', error: errorMessage(error) }]);
    }
  }

  private async files(image: ImageRef, index: number, layerIndex: number): Promise<void> {
    const digest = image.layers[layerIndex].digest;
    const order: Appearance['order'] = [index * LAYERS_PER_IMAGE + layerIndex, 0, digest];
    const place: ImagePlace = { name: image.name, layer: digest };
    const keys = new Map<string, string>();
    for await (const entry of layerEntries(this.store.stream(image.layers[layerIndex].name))) {
      const appearance: Appearance = { path: entry.path, order, image: place };
      if (entry.kind === 'whiteout') {
        this.deletions.add(digest, entry.path, entry.opaque);
        continue;
      }
      if (entry.kind === 'hardlink') {
        // the same bytes under another name: one more place for the blob already taken
        const key = keys.get(entry.target);
        if (key) await this.scanner.add(key, appearance, async () => ({ kind: 'missing' }));
        continue;
      }
      if (this.options.allowedPath?.(entry.path)) {
        this.onlyAtAllowedPaths += 1;
        continue;
      }
      // a path written twice in one layer: the later copy is what the image holds, both are scanned
      const key = keys.has(entry.path) ? `${digest}:${entry.path}#${keys.size}` : `${digest}:${entry.path}`;
      keys.set(entry.path, key);
      if (entry.size > this.options.maxBlobSize) {
        await this.scanner.add(key, appearance, async () => ({ kind: 'too-large', size: entry.size }));
        continue;
      }
      await this.budget.reserve(entry.size);
      let data: Buffer;
      try {
        data = await entry.read();
      } catch (error) {
        this.budget.release(entry.size);
        throw error;
      }
      if (data.length < entry.size) this.budget.release(entry.size - data.length);
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      await this.scanner.add(key, appearance, async () => ({ oid: key, data: bytes }));
    }
  }

  /** Files with findings that a later layer of their image deleted: still shipped, now said so. */
  markDeleted(scan: BlobScan, images: ImageRef[]): void {
    const byName = new Map(images.map((image) => [image.name, image.layers.map((layer) => layer.digest)]));
    for (const blob of scan.matched) {
      for (const appearance of blob.appearances) {
        const place = appearance.image;
        const layers = place?.layer && place.step === undefined ? byName.get(place.name) : undefined;
        if (!place || !layers) continue;
        const deletedIn = this.deletions.deletedIn(appearance.path, layers.slice(layers.indexOf(place.layer!) + 1));
        if (deletedIn) appearance.image = { ...place, deletedIn };
      }
    }
  }
}

export async function scanImage(path: string, pool: BlobScanService, options: ImageScanOptions): Promise<ImageScan> {
  const store = await openImageStore(path);
  const images = selected(await listImages(store), options.image, path);
  const budget = new ByteBudget(pool, READ_AHEAD);
  const scanner = new BlobScanner(budget, { inFlight: 64 });
  const walk = new ImageWalk(store, scanner, budget, options);
  for (const [index, image] of images.entries()) {
    await walk.config(image, index);
    for (const layerIndex of image.layers.keys()) {
      await walk.layer(image, index, layerIndex);
      options.onProgress?.({ commits: walk.layersRead.size, blobsScanned: scanner.result.blobsScanned, bytesScanned: scanner.result.bytesScanned, matches: scanner.matchCount });
    }
  }
  const scan = await scanner.finish();
  walk.markDeleted(scan, images);
  return { ...scan, blobsOnlyAtAllowedPaths: walk.onlyAtAllowedPaths, images: images.map((image) => image.name), layers: walk.layersRead.size };
}
