// UTF-16 text (PowerShell scripts, regedit exports, XML written on Windows) is scanned as the UTF-8 it decodes to.

/** The bytes looked at to recognise UTF-16: the same span git probes for a NUL to call a file binary. */
const PROBE = 8000;
/** Without a BOM, UTF-16LE text in the ASCII range has a NUL in the high byte of most code units. */
const NUL_HIGH_BYTES = 0.5;
/** Text may hold the odd control character (an escape sequence, a form feed); binary data holds many more. */
const CONTROL_UNITS = 0.01;

export type Utf16Order = 'le' | 'be';

function bomOrder(data: Uint8Array): Utf16Order | null {
  if (data[0] === 0xff && data[1] === 0xfe) return 'le';
  if (data[0] === 0xfe && data[1] === 0xff) return 'be';
  return null;
}

/** Controls other than tab, line breaks and form feed, noncharacters and unpaired surrogates: what text does not hold. */
function readsAsText(probe: Uint8Array, order: Utf16Order): boolean {
  const units = probe.length / 2;
  const unit = (i: number): number => (order === 'le' ? probe[2 * i] | (probe[2 * i + 1] << 8) : (probe[2 * i] << 8) | probe[2 * i + 1]);
  let odd = 0;
  for (let i = 0; i < units; i += 1) {
    const code = unit(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      // a pair cut by the end of the probe is not an error
      if (i + 1 === units) break;
      const next = unit(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
      else odd += 1;
    } else if (code >= 0xdc00 && code <= 0xdfff) odd += 1;
    else if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0x7f || code === 0xfffe || code === 0xffff) odd += 1;
  }
  return odd <= units * CONTROL_UNITS;
}

/**
 * The byte order of UTF-16 text: by its BOM, or without one by NULs in most high bytes of the
 * probe (how ASCII-range text looks in UTF-16). Either way the probe must read as text, so a
 * PNG, gzip or random bytes with NULs are still binary.
 */
export function utf16Order(data: Uint8Array): Utf16Order | null {
  const probe = data.subarray(0, Math.min(PROBE, data.length) & ~1);
  if (probe.length < 2) return null;
  let order = bomOrder(probe);
  if (!order) {
    if (!probe.includes(0)) return null;
    let evenNuls = 0;
    let oddNuls = 0;
    for (let i = 0; i < probe.length; i += 2) {
      if (probe[i] === 0) evenNuls += 1;
      if (probe[i + 1] === 0) oddNuls += 1;
    }
    const needed = (probe.length / 2) * NUL_HIGH_BYTES;
    order = oddNuls >= needed ? 'le' : evenNuls >= needed ? 'be' : null;
  }
  return order && readsAsText(probe, order) ? order : null;
}

/** The UTF-8 text of UTF-16 data, without its BOM; null when the data is not UTF-16 text. */
export function utf16Text(data: Uint8Array): Buffer | null {
  const order = utf16Order(data);
  if (!order) return null;
  const start = bomOrder(data) ? 2 : 0;
  const units = Buffer.from(data.buffer, data.byteOffset + start, (data.byteLength - start) & ~1);
  // Node decodes little-endian only: big-endian is swapped in a copy
  const little = order === 'le' ? units : Buffer.from(units).swap16();
  return Buffer.from(little.toString('utf16le'), 'utf8');
}
