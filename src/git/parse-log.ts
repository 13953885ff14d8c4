// Parses `git log --raw -c -z --format=%x01%H %P %ct%x00%an%x00%ae%x00%cn%x00%ce%x00%B` output, streamed, into one CommitChanges per commit.
import type { Readable } from 'node:stream';
import type { CommitChanges } from './history-source.js';

const NUL = 0x00;
const SKIPPED_MODES = new Set(['160000', '120000']);
const ZERO_OID = /^0+$/;

/** Splits the stream on NUL bytes; the last partial token waits for the next chunk. */
async function* tokens(stream: Readable): AsyncGenerator<Buffer> {
  let rest = Buffer.alloc(0);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const data = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let end = data.indexOf(NUL, start); end !== -1; end = data.indexOf(NUL, start)) {
      yield data.subarray(start, end);
      start = end + 1;
    }
    rest = Buffer.from(data.subarray(start));
  }
  if (rest.length) yield rest;
}

function stripLeadingNewline(token: Buffer): Buffer {
  return token[0] === 0x0a ? token.subarray(1) : token;
}

export async function* parseLogStream(stream: Readable): AsyncGenerator<CommitChanges> {
  let commit: CommitChanges | null = null;
  /** set after a raw entry's metadata: the next token is its path */
  let entry: { oid: string; keep: boolean } | null = null;
  /** after a commit's first token: its author name, author e-mail, committer name, committer e-mail and message */
  let texts: string[] | null = null;
  for await (const raw of tokens(stream)) {
    if (texts && commit) {
      texts.push(raw.toString('utf8'));
      if (texts.length === 5) {
        const [authorName, authorEmail, committerName, committerEmail, message] = texts;
        commit.texts = { message, authorName, authorEmail, committerName, committerEmail };
        texts = null;
      }
      continue;
    }
    if (entry) {
      if (entry.keep && commit) commit.changes.push({ oid: entry.oid, path: raw.toString('utf8') });
      entry = null;
      continue;
    }
    const token = stripLeadingNewline(raw);
    if (token[0] === 0x01) {
      if (commit) yield commit;
      const fields = token.toString('latin1').slice(1).split(' ').filter(Boolean);
      commit = { oid: fields[0], parents: fields.slice(1, -1), time: Number(fields[fields.length - 1]), changes: [] };
      texts = [];
    } else if (token[0] === 0x3a /* : */) {
      const text = token.toString('latin1');
      const colons = text.length - text.replace(/^:+/, '').length;
      const fields = text.slice(colons).split(' ');
      const mode = fields[colons];
      const oid = fields[2 * colons + 1];
      entry = { oid, keep: !SKIPPED_MODES.has(mode) && !ZERO_OID.test(oid) };
    }
  }
  if (commit) yield commit;
}
