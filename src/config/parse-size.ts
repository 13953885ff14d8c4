// Parses human quantities: sizes such as 10MB, 512k or 1048576 into bytes, durations such as 30s, 2m or 500ms into milliseconds.
import { LeaksweepError } from '../errors.js';

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };
/** a bare number is seconds, as in `timeout 30` */
const DURATION_UNITS: Record<string, number> = { '': 1000, ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

function parseQuantity(text: string | number, units: Record<string, number>, option: string, expected: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(String(text));
  const unit = match ? units[match[2].toLowerCase()] : undefined;
  if (!match || unit === undefined) throw new LeaksweepError('USAGE', `${option}: expected ${expected}, got "${text}"`);
  return Math.floor(Number(match[1]) * unit);
}

export function parseSize(text: string | number, option: string): number {
  return parseQuantity(text, SIZE_UNITS, option, 'a size such as 10MB, 512KB or 1048576');
}

export function parseDuration(text: string | number, option: string): number {
  const ms = parseQuantity(text, DURATION_UNITS, option, 'a duration such as 60s, 2m or 500ms');
  if (ms < 1) throw new LeaksweepError('USAGE', `${option}: must be at least 1ms, got "${text}"`);
  return ms;
}
