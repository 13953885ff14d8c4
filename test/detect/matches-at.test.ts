// Read back at recorded spans, an earlier scan's matches come out exactly as matching again would give them.
import { describe, expect, it } from 'vitest';
import { detectBlob } from '../../src/detect/detect-blob.js';
import { matchesAt, spansOf } from '../../src/detect/matches-at.js';
import { resolveRules } from '../../src/config/user-config.js';
import { compileRules } from '../../src/rules/compile-rules.js';
import { AWS_KEY, GITHUB_TOKEN } from '../helpers/test-rules.js';

const rules = compileRules(resolveRules(null));

describe('spansOf / matchesAt', () => {
  const texts = {
    'plain text with multi-byte characters before the secrets': `# café, naïve, 東京\naws_access_key_id = ${AWS_KEY}\n  token: ${GITHUB_TOKEN}\npassword = "Tr0ub4dor&3-horse"\n`,
    'one long line': `${'x=1;'.repeat(5000)}var k="${AWS_KEY}";${'y=2;'.repeat(100)}password="Zq9-vW2!kLm4pRt8"`,
  };
  for (const [name, text] of Object.entries(texts)) {
    it(`gives back what detectBlob found: ${name}`, () => {
      const data = Buffer.from(text);
      const found = detectBlob(rules, data);
      expect(found.length).toBeGreaterThanOrEqual(2);
      const spans = spansOf(found)!;
      expect(JSON.stringify(spans)).not.toContain(AWS_KEY);
      expect(matchesAt(data, spans)).toEqual(found);
    });
  }

  it('reads UTF-16 blobs in the text detectBlob scanned', () => {
    const data = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`$env:AWS_ACCESS_KEY_ID = "${AWS_KEY}"\r\n`, 'utf16le')]);
    const found = detectBlob(rules, data);
    expect(found.map((m) => m.secret)).toContain(AWS_KEY);
    expect(matchesAt(data, spansOf(found)!)).toEqual(found);
  });

  it('has no spans for a blob with a decoded secret: it must be matched again', () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    const secret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: ${b64('Xk9#mQ2$vL7pW4zR')}\n`;
    const found = detectBlob(rules, Buffer.from(secret));
    expect(found.some((m) => m.encoding === 'base64')).toBe(true);
    expect(spansOf(found)).toBeUndefined();
  });
});
