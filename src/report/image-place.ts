// Where in a container image a finding is, said the same way by every format: image, then layer or history step.
import type { ImagePlace, Place } from '../findings/finding.js';

const short = (digest: string): string => digest.replace(/^(sha256:)?([0-9a-f]{12})[0-9a-f]+$/, '$1$2');

/** `image acme/api:1.0, layer sha256:0a1b2c3d4e5f (deleted in layer sha256:…)` or `…, history step 3 (layer …)`. */
export function imagePlaceText(place: ImagePlace, full = false): string {
  const digest = full ? (d: string) => d : short;
  const parts = [`image ${place.name}`];
  if (place.step !== undefined) parts.push(`history step ${place.step}${place.layer ? ` (layer ${digest(place.layer)})` : ''}`);
  else if (place.layer) parts.push(`layer ${digest(place.layer)}${place.deletedIn ? ` (deleted in layer ${digest(place.deletedIn)}, still in the image)` : ''}`);
  else parts.push('config');
  return parts.join(', ');
}

/** Another place of the same secret (an audit of repositories and images): `image acme/api:1.0, layer 1a2b… app/.env:3`. */
export function placeText(place: Place): string {
  const where = place.image ? imagePlaceText(place.image) : `${place.repository ?? ''}${place.commit ? ` ${place.commit.slice(0, 10)}` : ''}`;
  return `${where} ${place.path}:${place.line}`.trim();
}
