// Parses `git log --raw -c -z --format=%x01%H %P %ct%x00%an%x00%ae%x00%cn%x00%ce%x00%B` output, streamed, into one CommitChanges per commit.
import type { Readable } from 'node:stream';
import type { CommitChanges } from './history-source.js';

const NUL = 0x00;
const SKIPPED_MODES = new Set(['160000', '120000']);
const ZERO_OID = /^0+$/;

function stripLeadingNewline(token: Buffer): Buffer {
  return token[0] === 0x0a ? token.subarray(1) : token;
}

/** The parse state between NUL-separated tokens: one token in, a finished commit out when the next one starts. */
class LogParser {
  private commit: CommitChanges | null = null;
  /** set after a raw entry's metadata: the next token is its path */
  private entry: { oid: string; keep: boolean } | null = null;
  /** after a commit's first token: its author name, author e-mail, committer name, committer e-mail and message */
  private texts: string[] | null = null;

  /** The commit this token ends, if it starts the next one. */
  token(raw: Buffer): CommitChanges | null {
    const { commit } = this;
    if (this.texts && commit) {
      this.texts.push(raw.toString('utf8'));
      if (this.texts.length === 5) {
        const [authorName, authorEmail, committerName, committerEmail, message] = this.texts;
        commit.texts = { message, authorName, authorEmail, committerName, committerEmail };
        this.texts = null;
      }
      return null;
    }
    if (this.entry) {
      if (this.entry.keep && commit) commit.changes.push({ oid: this.entry.oid, path: raw.toString('utf8') });
      this.entry = null;
      return null;
    }
    const token = stripLeadingNewline(raw);
    if (token[0] === 0x01) {
      const fields = token.toString('latin1').slice(1).split(' ').filter(Boolean);
      this.commit = { oid: fields[0], parents: fields.slice(1, -1), time: Number(fields[fields.length - 1]), changes: [] };
      this.texts = [];
      return commit;
    }
    if (token[0] === 0x3a /* : */) {
      const text = token.toString('latin1');
      const colons = text.length - text.replace(/^:+/, '').length;
      const fields = text.slice(colons).split(' ');
      const mode = fields[colons];
      const oid = fields[2 * colons + 1];
      this.entry = { oid, keep: !SKIPPED_MODES.has(mode) && !ZERO_OID.test(oid) };
    }
    return null;
  }

  end(): CommitChanges | null {
    return this.commit;
  }
}

/**
 * Each chunk's tokens are parsed in one synchronous pass and only whole commits are yielded: a step of an async
 * generator per token (several per changed file) cost more than the parsing. The last partial token waits for the next chunk.
 */
export async function* parseLogStream(stream: Readable): AsyncGenerator<CommitChanges> {
  const parser = new LogParser();
  let rest = Buffer.alloc(0);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const data = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    const done: CommitChanges[] = [];
    let start = 0;
    for (let end = data.indexOf(NUL, start); end !== -1; end = data.indexOf(NUL, start)) {
      const finished = parser.token(data.subarray(start, end));
      if (finished) done.push(finished);
      start = end + 1;
    }
    rest = Buffer.from(data.subarray(start));
    yield* done;
  }
  if (rest.length) {
    const finished = parser.token(rest);
    if (finished) yield finished;
  }
  const last = parser.end();
  if (last) yield last;
}
