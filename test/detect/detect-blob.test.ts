// Detection on buffers: keyword windows, secret groups, positions, entropy and allowlists, with real RE2.
import { describe, expect, it } from 'vitest';
import { detectBlob, mayMatch } from '../../src/detect/detect-blob.js';
import { compileRules } from '../../src/rules/compile-rules.js';
import type { RuleSpec } from '../../src/rules/rule-spec.js';
import { AWS_KEY, TEST_RULES } from '../helpers/test-rules.js';
import { loadRuleSpecs } from '../../src/rules/load-rules.js';

function spec(extra: Partial<RuleSpec>): RuleSpec {
  return { id: 'test.rule', name: 'test', severity: 'low', keywords: ['key'], regex: 'key=(\\w+)', secretGroup: 1, examples: [], negativeExamples: [], ...extra };
}

const rules = compileRules(TEST_RULES);

describe('detectBlob', () => {
  it('reports the secret group with 1-based line and character column', () => {
    const text = `héllo wörld\n  naïve = 1; id=${AWS_KEY}\n`;
    const [match] = detectBlob(rules, Buffer.from(text));
    expect(match).toMatchObject({ ruleId: 'test.aws-key-id', secret: AWS_KEY, line: 2 });
    expect(match.column).toBe(text.split('\n')[1].indexOf('AKIA') + 1);
    expect(match.offset).toBe(Buffer.from(text).indexOf('AKIA'));
  });

  it('finds nothing when no keyword occurs, even if a regex alone would match', () => {
    const only = compileRules([spec({ keywords: ['token'], regex: '(\\d{6})', secretGroup: 1 })]);
    expect(detectBlob(only, Buffer.from('pin 749183\n'))).toEqual([]);
    expect(detectBlob(only, Buffer.from('token 749183\n'))).toHaveLength(1);
  });

  it('runs every rule whose keyword overlaps another keyword at the same place', () => {
    const overlapping = compileRules([
      spec({ id: 'test.long', keywords: ['passwd'], regex: 'passwd:(\\w+)' }),
      spec({ id: 'test.short', keywords: ['pass'], regex: 'pass\\w*:(\\w+)' }),
    ]);
    expect(detectBlob(overlapping, Buffer.from('passwd:hunter22')).map((m) => m.ruleId).sort()).toEqual(['test.long', 'test.short']);
  });

  it('matches across the whole line around a keyword, not just the window', () => {
    const wide = compileRules([spec({ keywords: ['marker'], regex: 'marker\\s+([a-z]+)', window: { before: 0, after: 8 } })]);
    const [match] = detectBlob(wide, Buffer.from(`x\nmarker ${'qzmwkrtpvx'.repeat(3)}\n`));
    expect(match.secret).toBe('qzmwkrtpvx'.repeat(3));
  });

  it('drops secrets under the entropy floor, on stopwords, allow regexes, allowed paths and placeholders', () => {
    const filtered = compileRules([
      spec({ entropy: 3, allow: { stopwords: ['sample'], regexes: ['^test'], paths: ['^vendor/'] } }),
    ]);
    const found = (text: string, path?: string) => detectBlob(filtered, Buffer.from(text), path).map((m) => m.secret);
    expect(found('key=aaaaaaaaaaab')).toEqual([]);
    expect(found('key=Xs9Kq2LmZ7pWrT')).toEqual(['Xs9Kq2LmZ7pWrT']);
    expect(found('key=SampleQ9xZ7kW3')).toEqual([]);
    expect(found('key=testQ9xZ7kW3pL')).toEqual([]);
    expect(found('key=Xs9Kq2LmZ7pWrT', 'vendor/lib.js')).toEqual([]);
    const pw = compileRules(TEST_RULES.filter((r) => r.id === 'test.password'));
    for (const placeholder of ['${DB_PASSWORD}', '$DB_PASSWORD', '{{password}}', '<your-password>', '********', 'changeme', 'xxxxxxxx']) {
      expect(detectBlob(pw, Buffer.from(`password = "${placeholder}"`)), placeholder).toEqual([]);
    }
  });

  it('reports each match once even when keyword hits repeat within one window', () => {
    const text = `password password password = "Zq8-unique-pw"\n`;
    const pw = compileRules(TEST_RULES.filter((r) => r.id === 'test.password'));
    expect(detectBlob(pw, Buffer.from(text)).map((m) => m.secret)).toEqual(['Zq8-unique-pw']);
  });

  it('drops a generic match on the same bytes as a provider match, but keeps it elsewhere', () => {
    const both = compileRules([
      spec({ id: 'aws.key', keywords: ['akia'], regex: '(AKIA[A-Z2-7]{16})' }),
      spec({ id: 'generic.assigned', keywords: ['key'], regex: 'key\\w*=(\\w+)' }),
    ]);
    const found = detectBlob(both, Buffer.from(`key_id=${AWS_KEY}\nkey_other=Zx81Qw73Lp\n`));
    expect(found.map((m) => `${m.ruleId} ${m.secret}`)).toEqual([`aws.key ${AWS_KEY}`, 'generic.assigned Zx81Qw73Lp']);
  });

  it('terminates and finds both rules when a keyword ends inside another that extends a third', () => {
    // "aws_secret" ends where "secret" does, and "secret" begins "secret_access_key": the search must still move on
    const nested = compileRules([
      spec({ id: 'test.aws', keywords: ['aws_secret', 'secret_access_key'], regex: 'aws_secret\\w*=(\\w+)' }),
      spec({ id: 'test.secret', keywords: ['secret'], regex: 'secret\\w*=(\\w+)' }),
    ]);
    const found = detectBlob(nested, Buffer.from('aws_secret=Qz81Lw93Kd and secret_access_key=Vb27Xc46Nm\n'));
    expect(found.map((m) => `${m.ruleId} ${m.secret}`).sort()).toEqual(['test.aws Qz81Lw93Kd', 'test.secret Qz81Lw93Kd', 'test.secret Vb27Xc46Nm']);
  });

  it('decodes encoded secrets, takes items of a block, and rescans what it decoded', () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    const rules = compileRules([
      spec({ id: 'test.block', keywords: ['kind: secret'], regex: '(?m)^data:\\n((?:[ \\t]+[^\\n]*\\n?)+)', itemRegex: '(?m)^[ \\t]+[\\w.-]+:[ \\t]*([A-Za-z0-9+/]{4,}={0,2})$', decode: 'base64', window: { before: 0, after: 4096 } }),
      spec({ id: 'test.auth', keywords: ['"auth"'], regex: '"auth":"([A-Za-z0-9+/]+={0,2})"', decode: 'base64', decodedRegex: '^[^:]+:(.+)$' }),
    ]);
    const inner = JSON.stringify({ auths: { r: { auth: b64('robot:Kq8Zr3Vm9Tx2Lp7W') } } });
    const text = `kind: Secret
data:
  password: ${b64('Pz7-kube-pass!')}
  junk: AAECAwQF
  .dockerconfigjson: ${b64(inner)}
`;
    const found = detectBlob(rules, Buffer.from(text));
    expect(found.map((m) => [m.ruleId, m.secret, m.line, m.encoding])).toEqual([
      ['test.block', 'Pz7-kube-pass!', 3, 'base64'],
      ['test.auth', 'Kq8Zr3Vm9Tx2Lp7W', 5, 'base64'],
      ['test.block', inner, 5, 'base64'],
    ]);
  });

  it('with segment decoding, finds secrets inside base64 and hex runs and says so', () => {
    const pw = TEST_RULES.filter((r) => r.id === 'test.password');
    const inner = `password = "Zq8-hidden-in-b64"`;
    const text = `values:\n  env: ${Buffer.from(inner).toString('base64')}\n  blob: ${Buffer.from('password: Kx7-hidden-in-hex').toString('hex')}\n`;
    expect(detectBlob(compileRules(pw), Buffer.from(text))).toEqual([]);
    const found = detectBlob(compileRules(pw, { decodeSegments: true }), Buffer.from(text));
    expect(found.map((m) => [m.secret, m.line, m.encoding])).toEqual([
      ['Zq8-hidden-in-b64', 2, 'base64'],
      ['Kx7-hidden-in-hex', 3, 'hex'],
    ]);
  });

  it('handles a long single-line blob with many keyword hits', () => {
    const line = `${'password=x; '.repeat(100_000)}id=${AWS_KEY}`;
    const matches = detectBlob(rules, Buffer.from(line));
    expect(matches.map((m) => m.secret)).toEqual([AWS_KEY]);
    expect(matches[0].line).toBe(1);
  });
});

describe('mayMatch', () => {
  const pack = compileRules(loadRuleSpecs());
  it('is false only where no rule could match: no keyword and no whole-file rule for the path', () => {
    expect(mayMatch(pack, Buffer.from('Fix the flaky retry in the uploader'), '.git/commit-message')).toBe(false);
    expect(mayMatch(pack, Buffer.from(`rotate ${AWS_KEY} after the incident`), '.git/commit-message')).toBe(true);
    // every text a rule finds passes the prefilter
    expect(detectBlob(pack, Buffer.from(`rotate ${AWS_KEY} after the incident`), undefined, '.git/commit-message').length).toBeGreaterThan(0);
  });

  it('lets through any text at a path a whole-file rule reads, and everything when decoding', () => {
    expect(mayMatch(pack, Buffer.from('nothing here'), 'etc/wireguard/privatekey')).toBe(true);
    expect(mayMatch(pack, Buffer.from('nothing here'), 'etc/wireguard/readme')).toBe(false);
    expect(mayMatch(compileRules(loadRuleSpecs(), { decodeSegments: true }), Buffer.from('nothing here'), '.git/commit-message')).toBe(true);
  });
});
