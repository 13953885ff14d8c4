// Finding identity and redaction: stable, keyed, path-scoped, and never the secret itself.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/findings/fingerprint.js';
import { redact } from '../../src/findings/redact.js';

describe('fingerprint', () => {
  it('depends on rule, secret and path, and on the key', () => {
    const base = fingerprint('aws.access-key-id', 'AKIAQ3EGRTXMPL7ZK2NB', 'a.env');
    expect(fingerprint('aws.access-key-id', 'AKIAQ3EGRTXMPL7ZK2NB', 'a.env')).toBe(base);
    expect(fingerprint('aws.access-key-id', 'AKIAQ3EGRTXMPL7ZK2NB', 'b.env')).not.toBe(base);
    expect(fingerprint('generic.password', 'AKIAQ3EGRTXMPL7ZK2NB', 'a.env')).not.toBe(base);
    expect(fingerprint('aws.access-key-id', 'AKIAQ3EGRTXMPL7ZK2NC', 'a.env')).not.toBe(base);
    expect(fingerprint('aws.access-key-id', 'AKIAQ3EGRTXMPL7ZK2NB', 'a.env', 'team-key')).not.toBe(base);
    expect(base).not.toBe(createHash('sha256').update('AKIAQ3EGRTXMPL7ZK2NB').digest('hex'));
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('redact', () => {
  it('keeps at most a four-character prefix of long secrets and nothing of short ones', () => {
    expect(redact('ghp_8fK2mQ9xLp4RtV7nW3sZ1yB6cD0eJ5hA2gUo')).toBe('ghp_********');
    expect(redact('hunter2hunter2')).toBe('********');
    expect(redact('x')).toBe('********');
  });
});
