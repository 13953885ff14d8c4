// Placeholder recognition: templates, references, calls and filler are not secrets; random values are.
import { describe, expect, it } from 'vitest';
import { isPlaceholder } from '../../src/detect/placeholder.js';

describe('isPlaceholder', () => {
  it('recognises templates, references, calls and filler', () => {
    const fakes = ['${DB_PASSWORD}', '$DB_PASSWORD', '${{ secrets.TOKEN }}', '{{ vault_pw }}', '<your-token>', '%(password)s', '%DB_PASS%', '#{db.password}', '[REDACTED]',
      'get_secret()', 'os.getenv("PW")', 'process.env.API_KEY', '********', 'xxxxxxxx', 'abababab', 'changeme', 'your_api_key', 'abcdefgh', '12345678', '0123456789', 'zyxwvuts', 'null'];
    for (const fake of fakes) expect(isPlaceholder(fake), fake).toBe(true);
  });

  it('keeps real-looking values', () => {
    for (const real of ['Tr0ub4dor&3', 'hunter2hunter', 'Zq8-unique-pw', 'AKIAQ3EGRTXMPL7ZK2NB', 'ghp_8fK2mQ9xLp4RtV7nW3sZ1yB6cD0eJ5hA2gUo', 's3cr3t!pw']) {
      expect(isPlaceholder(real), real).toBe(false);
    }
  });
});
