// Context for a baseline entry: finds the finding again in its blob by fingerprint and shows nearby lines with the secret redacted.
import { detectBlob } from '../detect/detect-blob.js';
import { utf16Text } from '../detect/utf16-text.js';
import type { NativeEntry } from '../findings/baseline.js';
import { fingerprint } from '../findings/fingerprint.js';
import { CatFile } from '../git/cat-file.js';
import type { CompiledRules } from '../rules/compile-rules.js';

const AROUND = 2;

export function entryContext(catFile: CatFile, rules: CompiledRules, key: string) {
  return async (entry: NativeEntry): Promise<string[]> => {
    if (!entry.commit) return [];
    const read = await catFile.read(`${entry.commit}:${entry.path}`, 16 << 20);
    if (read.kind !== 'data') return [];
    const match = detectBlob(rules, read.data, undefined, entry.path).find((m) => m.ruleId === entry.ruleId && fingerprint(m.ruleId, m.secret, entry.path, key) === entry.fingerprint);
    if (!match) return [];
    // line numbers count in the text detectBlob scanned: UTF-16 decoded
    const lines = (utf16Text(read.data) ?? Buffer.from(read.data)).toString('utf8').split('\n');
    const first = Math.max(1, match.line - AROUND);
    return lines.slice(first - 1, match.line + AROUND).map((text, offset) => {
      const number = first + offset;
      const shown = text.split(match.secret).join(entry.redacted).slice(0, 200);
      return `${String(number).padStart(5)}${number === match.line ? ' >' : '  '} ${shown}`;
    });
  };
}
