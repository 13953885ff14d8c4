// Commit metadata as scan items: messages, names and e-mails of each walked commit, annotated tag messages and notes.
// Each text is keyed by a hash of itself, so an e-mail in 500 commits is scanned once and becomes one finding.
import { createHash } from 'node:crypto';
import type { Appearance } from '../findings/finding.js';
import { COMMIT_FIELDS, commitFieldOf, commitFieldPath, notePath, tagMessagePath, type CommitField } from '../findings/metadata-path.js';
import type { AnnotatedTag, BlobRead, HistorySource, Note } from '../git/history-source.js';
import { parseCommitTexts, parseTag, type CommitTexts } from '../git/parse-commit.js';
import type { BlobLoader, BlobScanner } from './blob-scanner.js';
import { OidMap } from '../git/oid-map.js';

/** commit objects asked of git ahead of their use: it answers in order while earlier ones are scanned */
const READ_AHEAD = 128;
/** a tag of a tag of … : git itself gives up peeling far sooner */
const MAX_TAG_CHAIN = 16;

const FIELD_TEXT: Record<CommitField, keyof CommitTexts> = {
  'commit-message': 'message',
  'author-name': 'authorName',
  'author-email': 'authorEmail',
  'committer-name': 'committerName',
  'committer-email': 'committerEmail',
};

/** As long as the repository's object ids, so the incremental state's id tables hold it beside blob ids. */
export function metadataKey(text: string, oidLength: number): string {
  return createHash('sha256').update('leaksweep-metadata\0').update(text).digest('hex').slice(0, oidLength);
}

const textItem = (key: string, text: string): BlobLoader => async () => ({ oid: key, data: new Uint8Array(Buffer.from(text, 'utf8')) });

/** Where a commit, tag or note is in scope for this run: its commit's order, or undefined when that commit was not walked. */
export type OrderOf = (commit: string) => Appearance['order'] | undefined;

export class MetadataFeeder {
  /** commits walked and not yet asked of git: asked READ_AHEAD at a time, in one write */
  private waiting: { commit: string; order: Appearance['order'] }[] = [];
  private readonly pending: { commit: string; order: Appearance['order']; raw: Promise<Uint8Array> }[] = [];
  /** current notes by `blob target`: the walk of a notes ref meets them as files named by their target, and leaves them to us */
  private readonly noteKeys: Set<string>;
  /** hashes of the texts (at their path) the prefilter passed over, counted once each as scanned: a 100k-commit
   * history's messages kept as strings held ~30 MB */
  private readonly passed = new OidMap();

  constructor(
    private readonly source: HistorySource,
    private readonly scanner: BlobScanner,
    private readonly load: (oid: string) => BlobLoader,
    private readonly notes: Note[],
    /** listed while the walk goes on: read at the end */
    private readonly tags: Promise<AnnotatedTag[]>,
    private readonly mayMatch?: (text: string, path: string) => boolean,
  ) {
    this.noteKeys = new Set(notes.map((note) => `${note.blob} ${note.target}`));
  }

  static async open(source: HistorySource, scanner: BlobScanner, load: (oid: string) => BlobLoader, mayMatch?: (text: string, path: string) => boolean): Promise<MetadataFeeder> {
    const tags = source.annotatedTags();
    tags.catch(() => undefined);
    return new MetadataFeeder(source, scanner, load, await source.notes(), tags, mayMatch);
  }

  /** A current note met as a file of a notes ref's history: scanned as a note instead. */
  isCurrentNote(blob: string, path: string): boolean {
    return this.noteKeys.size > 0 && this.noteKeys.has(`${blob} ${path.replaceAll('/', '')}`);
  }

  /** `texts`: what the walk already read of the commit; absent, the commit object is read */
  async addCommit(commit: string, order: Appearance['order'], texts?: CommitTexts): Promise<void> {
    if (texts) {
      await this.addTexts(commit, order, texts);
      return;
    }
    this.waiting.push({ commit, order });
    if (this.waiting.length < READ_AHEAD) return;
    this.ask();
    // one batch is read while the one before it is scanned
    while (this.pending.length > READ_AHEAD) await this.next();
  }

  private ask(): void {
    const batch = this.waiting;
    this.waiting = [];
    const raws = this.source.readCommitObjects?.(batch.map((item) => item.commit)) ?? batch.map((item) => this.source.readCommitObject(item.commit));
    batch.forEach((item, index) => {
      raws[index].catch(() => undefined);
      this.pending.push({ ...item, raw: raws[index] });
    });
  }

  /** Reads what is pending, then the tags and notes whose commit this run covers. */
  async finish(orderOf: OrderOf): Promise<void> {
    this.ask();
    while (this.pending.length > 0) await this.next();
    await this.addTags(orderOf);
    for (const note of this.notes) {
      const order = orderOf(note.target);
      if (order) await this.scanner.add(note.blob, { commit: note.target, path: notePath(note.ref), order }, this.load(note.blob), 'metadata');
    }
  }

  private async next(): Promise<void> {
    const { commit, order, raw } = this.pending.shift()!;
    await this.addTexts(commit, order, parseCommitTexts(await raw));
  }

  private async addTexts(commit: string, order: Appearance['order'], texts: CommitTexts): Promise<void> {
    for (const field of COMMIT_FIELDS) await this.addText(texts[FIELD_TEXT[field]], { commit, path: commitFieldPath(field), order });
  }

  private async addText(text: string, appearance: Appearance & { commit: string }): Promise<void> {
    if (!text) return;
    // names and e-mails repeat in most commits: each text is judged once
    const seen = createHash('sha256').update(appearance.path).update('\0').update(text).digest('hex');
    if (this.passed.has(seen)) return;
    if (this.mayMatch && !this.mayMatch(text, appearance.path)) {
      this.passed.set(seen);
      this.scanner.result.metadataScanned += 1;
      return;
    }
    const key = metadataKey(text, appearance.commit.length);
    await this.scanner.add(key, appearance, textItem(key, text), 'metadata');
  }

  /** Every message along a chain of annotated tags counts, under the name of the ref that starts it. */
  private async addTags(orderOf: OrderOf): Promise<void> {
    const tags = await this.tags;
    // every tag object asked at once, so git answers them in one stream (a tag per release is common)
    const first = tags.map((tag) => this.source.readTagObject(tag.oid));
    for (const read of first) read.catch(() => undefined);
    for (const [index, tag] of tags.entries()) {
      const messages: string[] = [];
      let target: { oid: string; type: string } = { oid: tag.oid, type: 'tag' };
      for (let depth = 0; target.type === 'tag' && depth < MAX_TAG_CHAIN; depth += 1) {
        const parsed = parseTag(await (depth === 0 ? first[index] : this.source.readTagObject(target.oid)));
        messages.push(parsed.message);
        target = { oid: parsed.object, type: parsed.type };
      }
      const order = target.type === 'commit' ? orderOf(target.oid) : undefined;
      if (!order) continue;
      for (const message of messages) await this.addText(message, { commit: target.oid, path: tagMessagePath(tag.name), order });
    }
  }
}

/** A commit field found in an earlier run is read again from its commit (the state keeps no text); undefined for blobs. */
export function commitFieldReader(source: HistorySource, appearances: Appearance[]): ((maxSize: number) => Promise<BlobRead>) | undefined {
  const first = appearances[0];
  const field = first && commitFieldOf(first.path);
  if (!field || !first.commit) return undefined;
  const commit = first.commit;
  return async (maxSize) => {
    const data = Buffer.from(parseCommitTexts(await source.readCommitObject(commit))[FIELD_TEXT[field]], 'utf8');
    return data.byteLength > maxSize ? { kind: 'too-large', size: data.byteLength } : { kind: 'data', data: new Uint8Array(data) };
  };
}
