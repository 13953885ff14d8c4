// Turns matched blobs and their appearances into findings: one per (rule, secret, path), attributed to its first commit.
import { appliesToPath, isPathAllowed, type RawMatch } from '../detect/detect-blob.js';
import type { CompiledRule, CompiledRules } from '../rules/compile-rules.js';
import type { CommitMeta } from '../git/history-source.js';
import { archivePath, type MatchedBlob } from './report-types.js';
import { compareOrder, type Appearance, type Finding } from './finding.js';
import { fingerprint } from './fingerprint.js';
import { assessConfidence, type Signal } from './confidence.js';
import { checksumValid } from '../detect/checksum.js';
import { fileContext, quotesLiterals } from './file-context.js';
import { charsPerToken } from '../detect/token-efficiency.js';
import type { MatchSignal } from '../detect/match-signals.js';
import { redact } from './redact.js';
import { isObjectText } from './metadata-path.js';

export interface BuildOptions {
  fingerprintKey?: string;
  /** drops single matches, e.g. staged scans keep only lines the change adds */
  keep?: (match: RawMatch, appearance: Appearance) => boolean;
}

interface Group {
  ruleId: string;
  secret: string;
  path: string;
  first: Appearance;
  blob: string;
  line: number;
  column: number;
  encoding?: 'base64' | 'hex';
  signals?: MatchSignal[];
  commits: Map<string, Appearance['order']>;
}

export async function buildFindings(
  matched: MatchedBlob[],
  rules: CompiledRules,
  readMeta: ((commit: string) => Promise<CommitMeta>) | null,
  options: BuildOptions,
): Promise<Finding[]> {
  const groups = new Map<string, Group>();
  for (const blob of matched) {
    for (const appearance of blob.appearances) {
      for (const match of blob.matches) {
        const rule = rules.byId.get(match.ruleId);
        if (!rule || !reportable(rule, appearance.path, match.entry) || options.keep?.(match, appearance) === false) continue;
        const path = archivePath(appearance.path, match.entry ?? []);
        const key = `${match.ruleId}\0${match.secret}\0${path}`;
        const group = groups.get(key);
        if (!group) {
          const { entry: _entry, ...found } = match;
          groups.set(key, { ...found, path, first: appearance, blob: blob.oid, commits: new Map([[appearance.commit ?? '', appearance.order]]) });
          continue;
        }
        group.commits.set(appearance.commit ?? '', appearance.order);
        const earlier = compareOrder(appearance.order, group.first.order);
        // Within one blob the first match (lowest offset) wins; matches are sorted by offset.
        if (earlier < 0 || (earlier === 0 && blob.oid !== group.blob && blob.oid < group.blob)) {
          Object.assign(group, { first: appearance, blob: blob.oid, line: match.line, column: match.column, encoding: match.encoding, signals: match.signals });
        }
      }
    }
  }
  const sorted = [...groups.values()].sort(
    (a, b) => compareOrder(a.first.order, b.first.order) || cmp(a.path, b.path) || a.line - b.line || a.column - b.column || cmp(a.ruleId, b.ruleId),
  );
  const metaCache = new Map<string, Promise<CommitMeta>>();
  const meta = async (commit: string | undefined): Promise<Partial<CommitMeta>> => {
    if (!commit || !readMeta) return {};
    if (!metaCache.has(commit)) metaCache.set(commit, readMeta(commit));
    return metaCache.get(commit)!;
  };
  const findings: Finding[] = [];
  for (const group of sorted) {
    const rule = rules.byId.get(group.ruleId)!;
    const redacted = redact(group.secret);
    // the commit's own texts may hold the secret (a finding in its message or e-mail): never shown plain
    const hide = (text: string | undefined): string | undefined => (text === undefined || !group.secret ? text : text.split(group.secret).join(redacted));
    const found = await meta(group.first.commit);
    const [authorName, authorEmail, message] = [hide(found.authorName), hide(found.authorEmail), hide(found.message)];
    const date = found.date;
    const context = fileContext(group.path);
    const wordTokens = rule.spec.maxCharsPerToken !== undefined && (await charsPerToken(group.secret)) > rule.spec.maxCharsPerToken;
    const badChecksum = rule.spec.checksum !== undefined && !checksumValid(rule.spec.checksum, group.secret);
    const signals: Signal[] = [...(group.signals ?? []), ...(wordTokens ? (['word-tokens'] as const) : []), ...(badChecksum ? (['bad-checksum'] as const) : [])];
    const { confidence, lowered } = assessConfidence(rule.spec, signals, { context, quotesLiterals: quotesLiterals(group.path) });
    const later = [...group.commits].filter(([commit]) => commit !== '' && commit !== group.first.commit).sort((a, b) => compareOrder(a[1], b[1]));
    findings.push({
      ruleId: group.ruleId,
      ruleName: rule.spec.name,
      severity: rule.spec.severity,
      confidence,
      ...(lowered.length > 0 ? { lowered } : {}),
      context,
      path: group.path,
      ...(group.first.image ? { image: group.first.image } : {}),
      ...(group.first.commit ? { commit: group.first.commit, author: authorName, email: authorEmail, date, message } : {}),
      line: group.line,
      column: group.column,
      fingerprint: fingerprint(group.ruleId, group.secret, group.path, options.fingerprintKey),
      redacted,
      ...(group.encoding ? { encoding: group.encoding } : {}),
      secret: group.secret,
      // a commit field or tag message lies inside another object: its key names no blob
      ...(group.first.commit && !isObjectText(group.path) ? { blob: group.blob } : {}),
      laterCommits: later.map(([commit]) => commit),
    });
  }
  return findings;
}

/**
 * Inside an archive a rule tied to file names applies by the inner file's own path, and a path allowlist matches
 * the archive's path (vendored jars), the inner file's (node_modules in a tarball) or the whole `a.jar!b` path.
 */
function reportable(rule: CompiledRule, path: string, entry: string[] | undefined): boolean {
  if (!entry) return !isPathAllowed(rule, path) && appliesToPath(rule, path);
  const inner = entry[entry.length - 1];
  return appliesToPath(rule, inner) && !isPathAllowed(rule, path) && !isPathAllowed(rule, inner) && !isPathAllowed(rule, archivePath(path, entry));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
