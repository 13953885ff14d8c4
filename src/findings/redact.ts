// A preview that identifies a secret to a human without revealing it.

/** Long secrets keep their first four characters (usually a public prefix such as AKIA or ghp_); short ones show nothing. */
export function redact(secret: string): string {
  const chars = [...secret];
  if (chars.length >= 20) return `${chars.slice(0, 4).join('')}${'*'.repeat(8)}`;
  return '*'.repeat(8);
}
