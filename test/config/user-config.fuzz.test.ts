// Fuzz: any .leaksweep.yaml loads into rules that compile, or fails with one coded, one-line error naming the file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { corrupt } from '../helpers/fuzz.js';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { findUserConfig, parseUserConfig, resolveRules, type UserConfig } from '../../src/config/user-config.js';
import { LeaksweepError } from '../../src/errors.js';
import { compileRules, type CompiledRules } from '../../src/rules/compile-rules.js';

const dir = mkdtempSync(join(tmpdir(), 'leaksweep-config-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A two-rule pack: the real loader and compiler, without parsing and compiling ~200 rules per run.
const pack = join(dir, 'patterns');
mkdirSync(join(pack, 'rulesets'), { recursive: true });
writeFileSync(
  join(pack, 'base.yaml'),
  `rules:
  - {id: base.key-id, name: Key ID, severity: high, keywords: [akia], regex: '\\b(AKIA[A-Z2-7]{16})\\b', secretGroup: 1, allow: {regexes: ['EXAMPLE$']}}
  - {id: base.secret, name: Secret, severity: medium, keywords: [secret], regex: 'secret\\s*=\\s*(\\S{8,})', secretGroup: 1}
`,
);
writeFileSync(join(pack, 'rulesets', 'default.yaml'), "allow:\n  paths: ['(?:^|/)vendor/']\n  stopwords: [example]\nrules: [base.key-id, base.secret]\n");

const file = join(dir, '.leaksweep.yaml');
const NUMRUNS = 150;

const VALID = `extend: true
disable: [base.secret]
allow:
  paths: ['^fixtures/']
  regexes: ['^test_']
  lines: ['nosecret']
  stopwords: [dummy]
rules:
  - id: acme.token
    name: Acme internal token
    severity: high
    keywords: [acme_]
    regex: '\\b(acme_[a-z0-9]{16})\\b'
    secretGroup: 1
    entropy: 3
    window: {before: 10, after: 100}
    allow:
      regexes: ['^acme_0+$']
    examples:
      - text: 'token = acme_0123456789abcdef'
        secret: acme_0123456789abcdef
    negativeExamples: ['acme_short']
`;

/** RE2 rejects every one of these (lookaround, backreferences, bad repeats, bad classes, too big). */
const BAD_REGEXES = ['(?<=a)b', '(?=x)y', '(?!x)y', 'a{1001}', '(a)\\1', '[z-a]', '(', 'a)', '*a', 'a**', '\\p{Nope}', '[[:nope:]]', 'x{2,1}', '((a{100}){100}){100}', '\\8', '(?P<n>a)(?P<n>b)'];
const GOOD_REGEXES = ['^x', 'a|b', '\\bkey\\b', '(?i)token', '[0-9a-f]{32}', '(a)(b)'];

const regex = fc.oneof(
  { arbitrary: fc.constantFrom(...GOOD_REGEXES), weight: 4 },
  { arbitrary: fc.constantFrom(...BAD_REGEXES), weight: 1 },
  { arbitrary: fc.string({ minLength: 1, maxLength: 12 }), weight: 1 },
);
const ruleId = fc.oneof(fc.constantFrom('acme.token', 'base.key-id', 'base.secret', 'no.such-rule', 'Bad Id', 'a\nb.c', ''), fc.string({ maxLength: 10 }));
const WRONG = fc.oneof(fc.anything({ maxDepth: 2 }), fc.constantFrom(null, '', [], {}, -1, 1e300, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 'a\nb'));

const validAllow = fc.record(
  { paths: fc.array(regex, { maxLength: 2 }), regexes: fc.array(regex, { maxLength: 2 }), lines: fc.array(regex, { maxLength: 2 }), stopwords: fc.array(fc.string({ minLength: 1 }), { maxLength: 2 }) },
  { requiredKeys: [] },
);
const validRule = (allow: fc.Arbitrary<Record<string, unknown>>) =>
  fc.record(
    {
      id: fc.constantFrom('acme.token', 'acme.other', 'base.key-id'),
      name: fc.string({ minLength: 1, maxLength: 10 }),
      severity: fc.constantFrom('critical', 'high', 'medium', 'low'),
      keywords: fc.array(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 }),
      regex: fc.oneof(regex, fc.array(regex, { minLength: 1, maxLength: 3 })),
      secretGroup: fc.nat(3),
      entropy: fc.double({ min: 0, max: 8, noNaN: true }),
      window: fc.record({ before: fc.nat(), after: fc.nat() }),
      itemRegex: regex,
      decode: fc.constant('base64'),
      allow,
      examples: fc.array(fc.oneof(fc.string(), fc.record({ text: fc.string(), secret: fc.string() })), { maxLength: 2 }),
    },
    { requiredKeys: ['id', 'name', 'severity', 'keywords', 'regex'] },
  );
const validConfig = (rule: fc.Arbitrary<Record<string, unknown>>, allow: fc.Arbitrary<Record<string, unknown>>) =>
  fc.record(
    // a config may not hold two rules with one id
    { extend: fc.boolean(), rules: fc.uniqueArray(rule, { maxLength: 2, selector: (spec) => spec.id }), disable: fc.subarray(['base.key-id', 'base.secret']), allow },
    { requiredKeys: [] },
  ).map((value) => {
    // without the pack, disable may only name the config's own rules
    const own = new Set(((value.rules ?? []) as { id?: unknown }[]).map((spec) => spec.id));
    return value.extend === false && value.disable ? { ...value, disable: value.disable.filter((id) => own.has(id)) } : value;
  });

const allow = corrupt(validAllow, ['paths', 'regexes', 'lines', 'stopwords', 'regex'], WRONG);
const rule = corrupt(validRule(allow), ['id', 'name', 'severity', 'keywords', 'regex', 'secretGroup', 'entropy', 'window', 'itemRegex', 'decode', 'decodedRegex', 'allow', 'examples', 'Regex'], WRONG);
const config = corrupt(validConfig(rule, allow), ['extend', 'rules', 'disable', 'allow', 'rulez'], fc.oneof(WRONG, fc.array(ruleId, { maxLength: 2 })));

/** YAML-looking noise: indicators, anchors, aliases, tags, flow collections and our keys. */
const yamlNoise = fc
  .array(
    fc.constantFrom(':', ': ', '- ', '\n', '\n  ', '\r\n', '[', ']', '{', '}', ',', '"', "'", '&a ', '*a', '!!str ', '!!binary ', '!tag ', '#', '|', '>', '? ', '---\n', '...\n', '%YAML 1.2\n', '\t', '\\', 'rules', 'allow', 'disable', 'extend', 'regexes', 'paths', 'id', 'regex', 'true', '~', '0x1F', '.nan', '1e999', '<<: *a', 'a', '(?<=a)b', '\u0000', '\uFEFF', '\u2028'),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

/** Small edits of the valid file: cut, insert, delete, repeat a line. */
const mutated = fc
  .array(
    fc.tuple(fc.constantFrom('cut', 'insert', 'delete', 'repeat'), fc.nat(VALID.length), fc.nat(40), fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...BAD_REGEXES), fc.constantFrom(':', '\n', '- ', '[', '{', "'", '"', '  '))),
    { minLength: 1, maxLength: 4 },
  )
  .map((edits) =>
    edits.reduce((text, [kind, at, span, insert]) => {
      const i = Math.min(at, text.length);
      if (kind === 'cut') return text.slice(0, i);
      if (kind === 'insert') return text.slice(0, i) + insert + text.slice(i);
      if (kind === 'delete') return text.slice(0, i) + text.slice(i + span);
      const lines = text.split('\n');
      const line = i % Math.max(1, lines.length);
      return [...lines.slice(0, line + 1), ...lines.slice(line)].join('\n');
    }, VALID),
  );

/** A value nested `depth` deep under a key; built inside the property so a failure prints the recipe, not the text. */
function deep(key: string, depth: number, flow: boolean): string {
  return flow ? `${key}: ${'['.repeat(depth)}${']'.repeat(depth)}\n` : `${key}:\n${Array.from({ length: Math.min(depth, 300) }, (_, d) => `${' '.repeat(d)}- `).join('\n')}x\n`;
}

/** Loads as the CLI does (find and parse the file, resolve it against the pack, compile): 'loaded', or the error message. */
function load(content: string | Uint8Array): string {
  writeFileSync(file, content);
  // reading and resolving judge the config itself; compiling may still reject a user rule's regex
  let stage: 'config' | 'compile' = 'config';
  let config: UserConfig;
  let compiled: CompiledRules;
  try {
    config = findUserConfig(dir, file)!;
    const specs = resolveRules(config, pack);
    stage = 'compile';
    compiled = compileRules(specs);
  } catch (error) {
    if (!(error instanceof LeaksweepError)) throw error;
    expect(stage === 'config' ? ['CONFIG_INVALID'] : ['RULE_INVALID', 'RULE_INVALID_REGEX']).toContain(error.code);
    expect(error.message).not.toMatch(/[\r\n]/);
    expect(error.message).toContain(file);
    return error.message;
  }
  expect(config.file).toBe(file);
  expect(typeof config.extend).toBe('boolean');
  const enabled = config.rules.map((spec) => spec.id).filter((id) => !config.disable.includes(id));
  expect(compiled.rules.map((rule) => rule.spec.id)).toEqual(expect.arrayContaining(enabled));
  return 'loaded';
}

describe('user config fuzz', () => {
  it('loads the unmutated sample (the generators start from a valid file)', () => {
    const config = parseUserConfig(VALID, file);
    expect(config.rules.map((spec) => spec.id)).toEqual(['acme.token']);
    expect(compileRules(resolveRules(config, pack)).rules.map((compiled) => compiled.spec.id)).toEqual(['base.key-id', 'acme.token']);
  });

  it('loads well-formed configs unless a regex does not compile', () => {
    fc.assert(
      fc.property(validConfig(validRule(validAllow), validAllow), (value) => {
        const outcome = load(stringify(value));
        // only RE2 may refuse a well-formed config: a regex it rejects, or a secret group the regex lacks
        if (outcome !== 'loaded') expect(outcome).toMatch(/RE2 cannot compile|capture group/);
      }),
      { numRuns: NUMRUNS },
    );
  });

  it('loads, or cleanly rejects, configs with wrong types, missing fields and unknown keys', () => {
    fc.assert(fc.property(config, (value) => void load(stringify(value) ?? '')), { numRuns: NUMRUNS });
  });

  it('handles arbitrary values, YAML noise and random bytes', () => {
    const content = fc.oneof(
      fc.anything({ maxDepth: 3, maxKeys: 6 }).map((value) => stringify(value) ?? ''),
      yamlNoise,
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }),
    );
    fc.assert(fc.property(content, (value) => void load(value)), { numRuns: NUMRUNS });
  });

  it('handles values nested deep enough to overflow a recursive walk', () => {
    const recipe = fc.tuple(fc.constantFrom('rules', 'disable', 'allow', 'extend'), fc.integer({ min: 100, max: 20_000 }), fc.boolean());
    fc.assert(fc.property(recipe, ([key, depth, flow]) => void load(deep(key, depth, flow))), { numRuns: 10 });
  });

  it('handles small edits of a valid file', () => {
    fc.assert(fc.property(mutated, (text) => void load(text)), { numRuns: NUMRUNS });
  });
});
