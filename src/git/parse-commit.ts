// Parses raw commit and tag objects (author, committer, message), the same way for both engines.
import type { CommitMeta } from './history-source.js';

const AUTHOR_LINE = /^author (.*) <([^>]*)> (-?\d+) ([+-])(\d\d)(\d\d)$/;
const PERSON_LINE = /^(author|committer|tagger) (.*) <([^>]*)>/;
/** a signed tag carries its signature at the end of the message: armored base64, not text anyone wrote */
const TAG_SIGNATURE = /\n?-----BEGIN (?:PGP|SSH) SIGNATURE-----[\s\S]*$/;

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

/** Header lines (continuations of multi-line headers such as gpgsig start with a space) and the message after the first blank line. */
function split(raw: Uint8Array): { headers: string[]; message: string } {
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
  const at = text.indexOf('\n\n');
  return { headers: (at === -1 ? text : text.slice(0, at)).split('\n'), message: at === -1 ? '' : text.slice(at + 2).replace(/\n+$/, '') };
}

export function parseCommitMeta(raw: Uint8Array): CommitMeta {
  const { headers, message } = split(raw);
  const author = headers.map((line) => AUTHOR_LINE.exec(line)).find((match) => match !== null);
  if (!author) return { authorName: '', authorEmail: '', date: '', message };
  const [, name, email, seconds, sign, hours, minutes] = author;
  return { authorName: name, authorEmail: email, date: isoDate(Number(seconds), sign, Number(hours), Number(minutes)), message };
}

/** What people write into a commit: the texts a metadata scan reads. */
export interface CommitTexts {
  message: string;
  authorName: string;
  authorEmail: string;
  committerName: string;
  committerEmail: string;
}

function person(headers: string[], role: string): { name: string; email: string } {
  for (const line of headers) {
    const match = PERSON_LINE.exec(line);
    if (match?.[1] === role) return { name: match[2], email: match[3] };
  }
  return { name: '', email: '' };
}

export function parseCommitTexts(raw: Uint8Array): CommitTexts {
  const { headers, message } = split(raw);
  const author = person(headers, 'author');
  const committer = person(headers, 'committer');
  return { message, authorName: author.name, authorEmail: author.email, committerName: committer.name, committerEmail: committer.email };
}

export interface TagObject {
  /** what the tag points at, and its type (commit, tag, tree, blob) */
  object: string;
  type: string;
  message: string;
}

export function parseTag(raw: Uint8Array): TagObject {
  const { headers, message } = split(raw);
  const field = (name: string): string => headers.find((line) => line.startsWith(`${name} `))?.slice(name.length + 1) ?? '';
  return { object: field('object'), type: field('type'), message: message.replace(TAG_SIGNATURE, '') };
}
