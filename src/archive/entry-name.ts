// Entry names as reported: normalised when they stay inside the archive, kept literal when they would escape it.

/**
 * `./a//b/` → `a/b`, backslashes read as separators (zips written on Windows). A name that is absolute or climbs
 * out with `..` is returned as written: it is only ever a label in a report, nothing is written to disk.
 */
export function entryName(raw: string): string {
  const slashed = raw.replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[A-Za-z]:\//.test(slashed)) return raw;
  const parts: string[] = [];
  for (const part of slashed.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return raw;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}
