// Parses a raw commit object into author and message, the same way for both engines.
import type { CommitMeta } from './history-source.js';

const AUTHOR_LINE = /^author (.*) <([^>]*)> (-?\d+) ([+-])(\d\d)(\d\d)$/;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** ISO 8601 in the author's own offset, as `git log --format=%aI` prints it. */
function isoDate(seconds: number, sign: string, hours: number, minutes: number): string {
  const offset = (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
  const local = new Date((seconds + offset * 60) * 1000);
  const date = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  return `${date}T${time}${offset === 0 ? 'Z' : `${sign}${pad(hours)}:${pad(minutes)}`}`;
}

export function parseCommitMeta(raw: Uint8Array): CommitMeta {
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
  const split = text.indexOf('\n\n');
  const headers = (split === -1 ? text : text.slice(0, split)).split('\n');
  const message = split === -1 ? '' : text.slice(split + 2).replace(/\n+$/, '');
  const author = headers.map((line) => AUTHOR_LINE.exec(line)).find((match) => match !== null);
  if (!author) return { authorName: '', authorEmail: '', date: '', message };
  const [, name, email, seconds, sign, hours, minutes] = author;
  return { authorName: name, authorEmail: email, date: isoDate(Number(seconds), sign, Number(hours), Number(minutes)), message };
}
