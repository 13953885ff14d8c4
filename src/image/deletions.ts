// Which later layer deletes a file: whiteouts kept per layer (a few paths each), asked once a file has a finding.
import { posix } from 'node:path';

export class Deletions {
  /** by layer digest: paths whited out, and directories made opaque ('' is the root) */
  private readonly byLayer = new Map<string, { removed: Set<string>; opaque: Set<string> }>();

  add(layer: string, path: string, opaque: boolean): void {
    const entry = this.byLayer.get(layer) ?? { removed: new Set(), opaque: new Set() };
    this.byLayer.set(layer, entry);
    (opaque ? entry.opaque : entry.removed).add(path);
  }

  /** The first of `later` (layer digests, in order) that hides `path`: a whiteout of it or of a directory above it, or an opaque directory above it. */
  deletedIn(path: string, later: string[]): string | undefined {
    const above: string[] = [];
    for (let dir = posix.dirname(path); dir !== '.' && dir !== '/'; dir = posix.dirname(dir)) above.push(dir);
    for (const layer of later) {
      const entry = this.byLayer.get(layer);
      if (!entry) continue;
      if (entry.removed.has(path) || above.some((dir) => entry.removed.has(dir) || entry.opaque.has(dir)) || entry.opaque.has('')) return layer;
    }
    return undefined;
  }
}
