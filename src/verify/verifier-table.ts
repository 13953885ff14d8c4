// The README's table of verifiers, made from the registry so the two cannot drift apart.
import { readFileSync, writeFileSync } from 'node:fs';
import { VERIFIERS } from './registry.js';
import type { Verifier } from './verifier.js';

export const TABLE_START = '<!-- verifiers:start -->';
export const TABLE_END = '<!-- verifiers:end -->';

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function verifierTable(verifiers: readonly Verifier[] = VERIFIERS): string {
  const rows = [...verifiers]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((v) => `| ${cell(v.name)} | ${v.rules.map((rule) => `\`${rule}\``).join(' ')} | ${cell(v.endpoint)} | ${cell(v.reveals)} |`);
  return [`${verifiers.length} providers:`, '', '| provider | rules | request | what a live key reveals |', '|---|---|---|---|', ...rows].join('\n');
}

/** `npm run readme:verifiers`: rewrites the table between the markers. */
export function writeReadmeTable(file: string): void {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(TABLE_START);
  const end = text.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`${file}: no ${TABLE_START} … ${TABLE_END} markers`);
  writeFileSync(file, `${text.slice(0, start + TABLE_START.length)}\n${verifierTable()}\n${text.slice(end)}`);
}
