// The commit-message prefilter only saves work: sending the first texts unfiltered, or all, or none, finds the same.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayMatch } from '../../src/detect/detect-blob.js';
import { openSource } from '../../src/git/open-source.js';
import { compileRules } from '../../src/rules/compile-rules.js';
import { InlineScanner } from '../../src/scan/inline-scanner.js';
import { scanHistory } from '../../src/scan/scan-history.js';
import { UNFILTERED_TEXTS } from '../../src/scan/scan-metadata.js';
import { AWS_KEY, GITHUB_TOKEN, TEST_RULES } from '../helpers/test-rules.js';

const COMMITS = 300;
const EARLY = 2;
const LATE = 290;
/** commits from here on have a token in the author e-mail: it recurs on both sides of the unfiltered texts */
const TOKEN_FROM = 100;

/** COMMITS commits, each with its own message, made by fast-import (a commit per git process would take seconds). */
function history(): string {
  const parts: string[] = [];
  for (let i = 0; i < COMMITS; i += 1) {
    const message = i === EARLY ? `deploy with ${AWS_KEY}` : i === LATE ? `rotate, old token ${GITHUB_TOKEN}` : `step ${i}`;
    const author = i >= TOKEN_FROM ? `Dev <dev+${GITHUB_TOKEN}@example.com>` : 'Fixture Author <author@example.com>';
    parts.push(
      `commit refs/heads/main\nauthor ${author} ${1_600_000_000 + i} +0000\ncommitter Fixture <fixture@example.com> ${1_600_000_000 + i} +0000\n` +
        `data ${Buffer.byteLength(message)}\n${message}\nM 100644 inline count.txt\ndata ${String(i).length + 1}\n${i}\n\n`,
    );
  }
  return parts.join('');
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'leaksweep-metadata-'));
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: history() });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function scanMetadata(unfilteredTexts: number) {
  const source = await openSource(dir, 'git');
  const rules = compileRules(TEST_RULES);
  try {
    const scan = await scanHistory(source, new InlineScanner(rules, (oid) => source.readBlob(oid, 1 << 20)), {
      maxBlobSize: 1 << 20,
      metadataMayMatch: (text, path) => mayMatch(rules, Buffer.from(text, 'utf8'), path),
      unfilteredTexts,
    });
    const matched = scan.matched
      .map((blob) => ({ secrets: blob.matches.map((match) => match.secret).sort(), commits: blob.appearances.map((place) => `${place.path} ${place.commit}`).sort() }))
      .sort((a, b) => (a.commits[0] < b.commits[0] ? -1 : 1));
    return { metadataScanned: scan.metadataScanned, blobsScanned: scan.blobsScanned, matched };
  } finally {
    await source.close();
  }
}

describe('commit metadata prefilter', () => {
  it('finds the same and counts the same with the first texts unfiltered, all of them, or none', async () => {
    const filtered = await scanMetadata(0);
    // the e-mail token at all its commits, and a message token before and after the unfiltered texts run out
    expect(filtered.matched.map((blob) => [blob.secrets, blob.commits.length])).toEqual(
      expect.arrayContaining([
        [[AWS_KEY], 1],
        [[GITHUB_TOKEN], 1],
        [[GITHUB_TOKEN], COMMITS - TOKEN_FROM],
      ]),
    );
    expect(filtered.metadataScanned).toBeGreaterThan(UNFILTERED_TEXTS);
    expect(await scanMetadata(UNFILTERED_TEXTS)).toEqual(filtered);
    expect(await scanMetadata(Number.MAX_SAFE_INTEGER)).toEqual(filtered);
  });
});
