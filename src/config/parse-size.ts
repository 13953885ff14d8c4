// Parses human sizes such as 10MB, 512k or 1048576 into bytes.
import { LeaksweepError } from '../errors.js';

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };

export function parseSize(text: string | number, option: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(String(text));
  const unit = match ? UNITS[match[2].toLowerCase()] : undefined;
  if (!match || unit === undefined) {
    throw new LeaksweepError('USAGE', `${option}: expected a size such as 10MB, 512KB or 1048576, got "${text}"`);
  }
  return Math.floor(Number(match[1]) * unit);
}
