// `rules check` finds each kind of broken rule, and the CLI exits 1 with one line per problem.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRules } from '../../src/detect/check-rules.js';
import type { RuleSpec } from '../../src/rules/rule-spec.js';

const good: RuleSpec = {
  id: 'acme.token', name: 'Acme token', severity: 'high', keywords: ['acme_'], regex: '\\b(acme_[a-z0-9]{12})\\b', secretGroup: 1,
  examples: [{ text: 'x acme_abc123def456', secret: 'acme_abc123def456' }, { text: 'acme_zzz999yyy888', secret: 'acme_zzz999yyy888' }],
  negativeExamples: [{ text: 'acme_short' }, { text: 'ACME_ABC123DEF456' }],
};

describe('checkRules', () => {
  it('accepts a good rule and reports every kind of problem in bad ones', () => {
    expect(checkRules([good])).toEqual([]);
    const problems = checkRules(
      [
        good,
        { ...good },
        { ...good, id: 'acme.lookahead', regex: '(?=acme_)(acme_\\w+)' },
        { ...good, id: 'acme.nogroup', secretGroup: 3 },
        { ...good, id: 'acme.wrong-secret', examples: [{ text: 'acme_abc123def456', secret: 'acme_other' }, good.examples[1]] },
        { ...good, id: 'acme.matches-negative', negativeExamples: [{ text: 'acme_abc123def456' }, { text: 'no keyword here' }] },
        { ...good, id: 'acme.few', examples: [good.examples[0]] },
      ],
      ['acme.token', 'acme.missing'],
    );
    const text = problems.map((p) => `${p.ruleId}: ${p.problem}`).join('\n');
    expect(text).toMatch(/acme\.token: id is defined more than once/);
    expect(text).toMatch(/acme\.lookahead: .*RE2 cannot compile/);
    expect(text).toMatch(/acme\.nogroup: .*secretGroup 3/);
    expect(text).toMatch(/acme\.wrong-secret: example .* does not yield its secret/);
    expect(text).toMatch(/acme\.matches-negative: negative example .* yields 1 secret/);
    expect(text).toMatch(/acme\.matches-negative: negative example .* holds no keyword/);
    expect(text).toMatch(/acme\.few: has 1 examples, needs 2/);
    expect(text).toMatch(/acme\.missing: listed in the ruleset but defined nowhere/);
  });
});

describe('leaksweep rules check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'leaksweep-rules-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const bin = new URL('../../bin/leaksweep.js', import.meta.url).pathname;

  it('exits 1 and names the file and rule of each problem; 0 for the shipped pack', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, `rules:\n  - id: acme.bad\n    name: Bad\n    severity: low\n    keywords: [acme_]\n    regex: '(acme_\\w+)'\n    secretGroup: 1\n    examples: [{text: 'nothing', secret: 'acme_x'}]\n    negativeExamples: []\n`);
    const bad = spawnSync(process.execPath, [bin, 'rules', 'check', file], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`${file}: acme.bad: example "nothing" does not yield its secret`);
    const shipped = spawnSync(process.execPath, [bin, 'rules', 'check'], { encoding: 'utf8' });
    expect(shipped.status, shipped.stderr).toBe(0);
    expect(shipped.stdout).toMatch(/rules checked, 0 problems/);
  });
});
