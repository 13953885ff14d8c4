// Runs every rule's examples and negative examples through the real loader, compiler and detector, one rule at a time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileRules } from '../src/rules/compile-rules.js';
import { DEFAULT_PATTERNS_DIR, listPatternFiles, loadAllRuleSpecs, loadPatternFile, loadRuleSpecs } from '../src/rules/load-rules.js';
import type { RuleExample, RuleSpec } from '../src/rules/rule-spec.js';
import { detectBlob } from '../src/detect/detect-blob.js';
import { checkRules } from '../src/detect/check-rules.js';

const ID_SHAPE = /^[a-z0-9-]+\.[a-z0-9.-]+$/;
const DEFAULT_EXAMPLE_PATH = 'example.txt';

const specs = loadAllRuleSpecs(DEFAULT_PATTERNS_DIR);

/** Short test titles: multi-line PEM examples would otherwise fill the screen. */
function preview(text: string): string {
  const oneLine = JSON.stringify(text);
  return oneLine.length > 72 ? `${oneLine.slice(0, 69)}…` : oneLine;
}

function scan(spec: RuleSpec, example: RuleExample): string[] {
  const rules = compileRules([spec]);
  return detectBlob(rules, Buffer.from(example.text, 'utf8'), example.path ?? DEFAULT_EXAMPLE_PATH)
    .filter((match) => match.ruleId === spec.id)
    .map((match) => match.secret);
}

describe('pattern files', () => {
  it('are all found and each defines at least one rule', () => {
    const files = listPatternFiles(DEFAULT_PATTERNS_DIR);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(loadPatternFile(file).length, file).toBeGreaterThan(0);
  });

  it('give every rule a unique provider.kind id', () => {
    const ids = specs.map((spec) => spec.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id, id).toMatch(ID_SHAPE);
  });

  it('give every rule a name, references, a revocation link and at least two examples of each kind', () => {
    for (const spec of specs) {
      expect(spec.name.length, spec.id).toBeGreaterThan(0);
      expect(spec.references?.length ?? 0, `${spec.id} references`).toBeGreaterThan(0);
      for (const link of spec.references ?? []) expect(link, `${spec.id} reference`).toMatch(/^https:\/\/\S+$/);
      expect(spec.revoke, `${spec.id} revoke`).toMatch(/^https:\/\/\S+$/);
      expect(spec.examples.length, `${spec.id} examples`).toBeGreaterThanOrEqual(2);
      expect(spec.negativeExamples.length, `${spec.id} negativeExamples`).toBeGreaterThanOrEqual(2);
      for (const example of spec.examples) expect(example.secret, `${spec.id} example without secret: ${example.text}`).toBeTypeOf('string');
    }
  });

  it('compile together as one rule set', () => {
    expect(() => compileRules(specs)).not.toThrow();
  });
});

describe('default ruleset', () => {
  const file = join(DEFAULT_PATTERNS_DIR, 'rulesets', 'default.yaml');
  const listed = (parse(readFileSync(file, 'utf8')) as { rules: string[] }).rules;

  it('turns on at least 450 rules (issue 10: providers as widely as their keys are used)', () => {
    expect(listed.length).toBeGreaterThanOrEqual(450);
  });

  it('lists only existing rule ids, each once', () => {
    const known = new Set(specs.map((spec) => spec.id));
    for (const id of listed) expect(known.has(id), `unknown rule id ${id}`).toBe(true);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('passes `leaksweep rules check` with no problem', () => {
    expect(checkRules(specs, listed)).toEqual([]);
  });

  it('loads through loadRuleSpecs in ruleset order', () => {
    expect(loadRuleSpecs(DEFAULT_PATTERNS_DIR, 'default').map((spec) => spec.id)).toEqual(listed);
  });
});

describe.each(specs.map((spec) => [spec.id, spec] as const))('rule %s', (_id, spec) => {
  it.each(spec.examples.map((example) => [preview(example.text), example] as const))('finds the secret in %s', (_title, example) => {
    expect(scan(spec, example)).toContain(example.secret);
  });

  // a negative example without a keyword never reaches the regex, so it would prove nothing
  it.each(spec.negativeExamples.map((example) => [preview(example.text), example] as const))('finds nothing in %s', (_title, example) => {
    const lower = example.text.toLowerCase();
    // a rule that reads whole files (files, no keywords) is reached by its path instead: checkRule checks that path
    if (spec.keywords.length > 0) expect(spec.keywords.some((keyword) => lower.includes(keyword)), 'contains one of the rule keywords').toBe(true);
    else expect(spec.files?.length, 'a rule without keywords names its files').toBeGreaterThan(0);
    expect(scan(spec, example)).toEqual([]);
  });
});
