// Keeps the labelled corpus honest (every label points at its secret, near-misses are not labels) and checks the
// matcher that `npm run eval` scores with. It measures nothing about the rules: that is `npm run eval`.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM JavaScript without type declarations (eval.js runs without a build step)
import { findingMatchesLabel, normalize, preview, ruleFamily, score } from './match.js';

interface Label { path: string; line: number; endLine?: number; secret: string; family: string; accept?: string[]; optional?: boolean; note?: string }
interface NearMiss { path: string; line: number; kind: string }

const HERE = dirname(fileURLToPath(import.meta.url));
const FILES = join(HERE, 'files');
const expected = JSON.parse(readFileSync(join(HERE, 'expected.json'), 'utf8')) as { secrets: Label[]; nearMisses: NearMiss[] };
const labels = expected.secrets;
const nearMisses = expected.nearMisses;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [relative(FILES, full).split(sep).join('/')];
  });
}
const files = walk(FILES);
const lines = new Map(files.map((path) => [path, readFileSync(join(FILES, path), 'utf8').split('\n')]));

describe('corpus labels', () => {
  it('has at least 300 required secrets, at least as many near-miss lines, over many families', () => {
    const required = labels.filter((l) => !l.optional);
    expect(required.length).toBeGreaterThanOrEqual(300);
    expect(nearMisses.length).toBeGreaterThanOrEqual(Math.max(300, required.length));
    expect(new Set(required.map((l) => l.family)).size).toBeGreaterThanOrEqual(30);
  });

  it('gives every label a path, a line, a secret and a kebab-case family', () => {
    for (const l of labels) {
      expect(l.path, JSON.stringify(l)).toMatch(/^[^/].*[^/]$/);
      expect(Number.isInteger(l.line) && l.line >= 1, `${l.path} line`).toBe(true);
      if (l.endLine !== undefined) expect(l.endLine, `${l.path}:${l.line} endLine`).toBeGreaterThan(l.line);
      expect(l.secret.length, `${l.path}:${l.line} secret`).toBeGreaterThanOrEqual(6);
      expect(l.family, `${l.path}:${l.line} family`).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    }
  });

  it('points each label at a line that holds its secret', () => {
    for (const l of labels) {
      const text = lines.get(l.path);
      expect(text, `${l.path} is not a corpus file`).toBeDefined();
      const span = text!.slice(l.line - 1, l.endLine ?? l.line);
      if (l.endLine === undefined && !l.secret.includes('\n')) expect(span[0], `${l.path}:${l.line}`).toContain(l.secret);
      else expect(normalize(span.join('\n')), `${l.path}:${l.line}-${l.endLine}`).toContain(normalize(l.secret));
    }
  });

  it('labels a secret once per file (findings are one per rule, secret and path, so a repeat could never be found)', () => {
    const seen = new Set<string>();
    for (const l of labels) {
      const id = `${l.path}\0${normalize(l.secret)}`;
      expect(seen.has(id), `${l.path}:${l.line} repeats a secret labelled earlier in the file`).toBe(false);
      seen.add(id);
    }
  });

  it('keeps near-miss lines inside their files and apart from labelled lines', () => {
    const labelled = new Set(labels.flatMap((l) => Array.from({ length: (l.endLine ?? l.line) - l.line + 1 }, (_, i) => `${l.path}:${l.line + i}`)));
    for (const n of nearMisses) {
      const text = lines.get(n.path);
      expect(text, `${n.path} is not a corpus file`).toBeDefined();
      expect(n.line <= text!.length && text![n.line - 1].trim() !== '', `${n.path}:${n.line} is empty or past the end`).toBe(true);
      expect(labelled.has(`${n.path}:${n.line}`), `${n.path}:${n.line} is both a near-miss and a label`).toBe(false);
      expect(n.kind).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    }
  });

  it('has a reason for every file (a label or a near-miss) and no binary file, which the scanner would skip', () => {
    const covered = new Set([...labels.map((l) => l.path), ...nearMisses.map((n) => n.path)]);
    for (const path of files) {
      expect(covered.has(path), `${path} has no label and no near-miss`).toBe(true);
      expect(readFileSync(join(FILES, path)).includes(0), `${path} holds a NUL byte`).toBe(false);
    }
  });
});

describe('matching findings to labels', () => {
  const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQCeG9MMCjtfWjol\n-----END PRIVATE KEY-----';
  const label = (over: Partial<Label> = {}): Label => ({ path: 'a/.env', line: 3, secret: 'Tz4pQ8vN1xWb6Kds', family: 'generic', ...over });
  const finding = (over: Record<string, unknown> = {}) => ({ path: 'a/.env', line: 3, ruleId: 'generic.secret', secret: 'Tz4pQ8vN1xWb6Kds', ...over });

  it('needs the same path and line', () => {
    expect(findingMatchesLabel(finding(), label())).toBe(true);
    expect(findingMatchesLabel(finding({ line: 4 }), label())).toBe(false);
    expect(findingMatchesLabel(finding({ path: 'b/.env' }), label())).toBe(false);
  });

  it('accepts a finding that holds the secret with context, or a substantial part of it, but not a fragment', () => {
    expect(findingMatchesLabel(finding({ secret: 'postgres://app:Tz4pQ8vN1xWb6Kds@db:5432/app' }), label())).toBe(true);
    expect(findingMatchesLabel(finding({ secret: 'Tz4pQ8vN1x' }), label())).toBe(true);
    expect(findingMatchesLabel(finding({ secret: 'Tz4pQ8' }), label())).toBe(false);
    expect(findingMatchesLabel(finding({ secret: 'app' }), label())).toBe(false);
  });

  it('matches multi-line keys on any line of their span, however they are indented or escaped', () => {
    const key = label({ line: 10, endLine: 13, secret: pem, family: 'private-key' });
    expect(findingMatchesLabel(finding({ line: 10, secret: pem.replace(/\n/g, '\\n') }), key)).toBe(true);
    expect(findingMatchesLabel(finding({ line: 13, secret: pem.split('\n').slice(1, 3).join('\n') }), key)).toBe(true);
    expect(findingMatchesLabel(finding({ line: 14, secret: pem }), key)).toBe(false);
  });

  it('accepts the decoded forms a label lists', () => {
    const encoded = label({ secret: Buffer.from('deploy:Tz4pQ8vN1xWb6Kds').toString('base64'), accept: ['deploy:Tz4pQ8vN1xWb6Kds', 'Tz4pQ8vN1xWb6Kds'] });
    expect(findingMatchesLabel(finding(), encoded)).toBe(true);
    expect(findingMatchesLabel(finding({ secret: 'deploy' }), encoded)).toBe(false);
  });

  it('scores recall by label and precision by finding; optional labels are neutral', () => {
    const labels = [label(), label({ line: 5, secret: 'Lm3kQ9zX2vB7nR4t' }), label({ line: 7, secret: 'SK0123456789abcdef', optional: true })];
    const findings = [
      finding(),
      finding({ ruleId: 'acme.token' }),
      finding({ line: 7, secret: 'SK0123456789abcdef' }),
      finding({ line: 9, secret: 'not-a-secret-at-all', ruleId: 'generic.password' }),
    ];
    const result = score(findings, labels, [{ path: 'a/.env', line: 9, kind: 'placeholder' }]);
    expect(result.overall).toMatchObject({ labels: 2, found: 1, truePositives: 2, neutral: 1, falseAlarms: 1 });
    expect(result.overall.precision).toBeCloseTo(2 / 3);
    expect(result.overall.recall).toBeCloseTo(0.5);
    expect(result.overall.f1).toBeCloseTo((2 * (2 / 3) * 0.5) / (2 / 3 + 0.5));
    expect(result.misses.map((m: Label) => m.line)).toEqual([5]);
    expect(result.falseAlarms).toEqual([expect.objectContaining({ line: 9, ruleId: 'generic.password', where: 'near-miss: placeholder' })]);
    expect(result.perFamily.find((f: { family: string }) => f.family === 'password')).toMatchObject({ falseAlarms: 1, labels: 0 });
  });

  it('charges false alarms to a family by rule id and previews secrets without printing them whole', () => {
    expect(ruleFamily('pem.private-key')).toBe('private-key');
    expect(ruleFamily('generic.password')).toBe('password');
    expect(ruleFamily('generic.secret')).toBe('generic');
    expect(ruleFamily('stripe.secret-key')).toBe('stripe');
    expect(preview('Tz4pQ8vN1xWb6Kds')).not.toContain('Tz4pQ8vN1xWb6Kds');
    expect(preview(pem)).toBe('-----BEGIN PRIVATE KEY----- … (4 lines)');
  });
});
