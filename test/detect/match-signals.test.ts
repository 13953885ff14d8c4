// Signals of the text around a match: each one on the real-code shape it stands for, and absent on a plain secret.
import { describe, expect, it } from 'vitest';
import { matchSignals, wordiness } from '../../src/detect/match-signals.js';

/** Signals of `secret` where it first occurs in `text`. */
function signalsOf(text: string, secret: string, last = false): string[] {
  const data = Buffer.from(text);
  const offset = last ? data.lastIndexOf(secret) : data.indexOf(secret);
  if (offset < 0) throw new Error(`${secret} not in text`);
  return matchSignals(data, offset, Buffer.byteLength(secret), secret);
}

describe('matchSignals', () => {
  it('finds nothing on a random password in a config line but that it is unquoted', () => {
    expect(signalsOf('db:\n  password: Qm7vTz2LpX9wKc\n', 'Qm7vTz2LpX9wKc')).toEqual(['unquoted']);
    expect(signalsOf('db:\n  password: "Qm7vTz2LpX9wKc"\n', 'Qm7vTz2LpX9wKc')).toEqual([]);
    // a token after a word inside a header string is part of that literal
    expect(signalsOf('h = {"Authorization": "Bearer Qm7vTz2LpX9wKc"}', 'Qm7vTz2LpX9wKc')).toEqual([]);
    // inside a URI the password is part of a quoted literal
    expect(signalsOf('url = "redis://:Qm7vTz2LpX9wKc@cache.internal:6379"', 'Qm7vTz2LpX9wKc')).toEqual([]);
  });

  it('marks enum members named as their value, UI text in other scripts, templates and assignment chains', () => {
    expect(signalsOf('v1Token: "v1Token",', 'v1Token', true)).toContain('identifier');
    expect(signalsOf('"reset_password": "パスワードリセット"', 'パスワードリセット')).toContain('identifier');
    expect(signalsOf("WITH PASSWORD '\\${password}'", '\\${password}')).toContain('identifier');
    expect(signalsOf('x=_.AuthMessage=_.ParameterStatus', '_.ParameterStatus')).not.toContain('default-password');
    expect(signalsOf('secret: "Qm7vTz2LpX9wKc"', 'Qm7vTz2LpX9wKc')).not.toContain('identifier');
  });

  it('takes a stock password with a counting tail for a default, not any word with digits', () => {
    for (const value of ['Admin12345', 'password123', 'Secret1!', 'changeme1']) expect(signalsOf(`password: "${value}"`, value), value).toContain('default-password');
    for (const value of ['admin9471', 'Harbor123', 'password8']) expect(signalsOf(`password: "${value}"`, value), value).not.toContain('default-password');
  });

  it('marks comment lines of code and markup, not a line that merely holds a #', () => {
    expect(signalsOf('x = 1\n  // password = "Qm7vTz2LpX9wKc"\n', 'Qm7vTz2LpX9wKc')).toContain('comment');
    expect(signalsOf('<!-- token=Qm7vTz2LpX9wKc -->', 'Qm7vTz2LpX9wKc')).toContain('comment');
    expect(signalsOf(' * @example client.login("u", "Qm7vTz2LpX9wKc")', 'Qm7vTz2LpX9wKc')).toContain('comment');
    expect(signalsOf('password = "Qm7v#Tz2LpX9wKc"', 'Qm7v#Tz2LpX9wKc')).not.toContain('comment');
  });

  it('marks local and documentation hosts', () => {
    expect(signalsOf('mongodb://app:Qm7vTz2LpX9wKc@localhost:27017/db', 'Qm7vTz2LpX9wKc')).toContain('local-host');
    expect(signalsOf('https://bob:Qm7vTz2LpX9wKc@api.example.com/', 'Qm7vTz2LpX9wKc')).toContain('local-host');
    expect(signalsOf('https://bob:Qm7vTz2LpX9wKc@db.prod.acme.io/', 'Qm7vTz2LpX9wKc')).not.toContain('local-host');
  });

  it('marks a password that is also its user name, in a URI or a user field two lines away', () => {
    expect(signalsOf('postgres://postgres:postgres@db/app', 'postgres')).toContain('user-equals-password');
    expect(signalsOf('user: deployer7\nhost: x\npassword: deployer7\n', 'deployer7')).toContain('user-equals-password');
    expect(signalsOf('user: deployer7\npassword: Qm7vTz2LpX9wKc\n', 'Qm7vTz2LpX9wKc')).not.toContain('user-equals-password');
  });

  it('marks stock passwords case-insensitively', () => {
    expect(signalsOf('MINIO_ROOT_PASSWORD=minioadmin', 'minioadmin')).toContain('default-password');
    expect(signalsOf('password: ChangeIt', 'ChangeIt')).toContain('default-password');
    expect(signalsOf('password: changeit9X', 'changeit9X')).not.toContain('default-password');
  });

  it('marks values that name something: versions, paths, URLs, ARNs, selectors, keys, labels, names made of words', () => {
    const named = ['^1.2.1', '~3.0.x', '>=2.0.0 <3', 'workspace:*', '/api/v1/password/reset', 'https://auth.acme.io/token', 'arn:aws:iam::aws:policy/ReadOnly',
      '.password-field', '#reset-token', 'auth.password.label', 'Enter your password here', 'resetPasswordToken', 'new_password_confirmation'];
    for (const value of named) expect(signalsOf(`"password": "${value}"`, value), value).toContain('identifier');
    for (const value of ['Ember.orbit34-', 'Qm7vTz2LpX9wKc', 'correct-horse-battery', 'sk.eyJ1IjoiYWNtZSIsImEiOiIy']) {
      expect(signalsOf(`"password": "${value}"`, value), value).not.toContain('identifier');
    }
  });

  it('marks code, constants, URNs and generated names, which real SDKs put where a value would be', () => {
    const named = ['options?.sessionToken,', 'refreshToken!,', 'this.nextToken++;', 'Optional<string>;', '0x00000100', '?string', 'urn:ietf:params:oauth:token-type:jwt',
      'x-token-auth:', 'V1_ACCESS_TOKEN', 'asdf@asdf.asfd', 'auth/invalid-api-key', 'aws-cdk-lib/aws-iam.CfnAccessKey', 'serializePostOAuth2TokenRefreshAccessToken'];
    for (const value of named) expect(signalsOf(`token: "${value}"`, value), value).toContain('identifier');
    for (const value of ['q8Z/x2Lp+Vd4Rk9Tm3Wn7Yb1Hc5Jf0Ga6E', 'q8ZxLpVd/Rk9Tm3Wn/Yb1Hc5Jf0Ga6E', 'SuperAlpacaRiver42!', 'Kq7vTz2LpX9wKcQm7vTz2LpX9wKc']) {
      expect(signalsOf(`token: "${value}"`, value), value).not.toContain('identifier');
    }
  });

  it('marks values whose name says hash, public or stand-in, and known ciphertext headers', () => {
    expect(signalsOf('"hashed_secret": "c6185a1f0d3e2b9c8a7f6e5d4c3b2a1908f7e6d5"', 'c6185a1f0d3e2b9c8a7f6e5d4c3b2a1908f7e6d5')).toContain('named-hash');
    expect(signalsOf("  pubkey: '79be667ef9dcbbac55a06295ce870b07',", '79be667ef9dcbbac55a06295ce870b07')).toContain('named-hash');
    expect(signalsOf("const dummyHash = 'Wd1gvrMYPnQv5pHB';", 'Wd1gvrMYPnQv5pHB')).toContain('named-stand-in');
    expect(signalsOf('api_secret = "Wd1gvrMYPnQv5pHB"', 'Wd1gvrMYPnQv5pHB')).toEqual([]);
    // a crypt hash under a hash name is what the hash rules look for; a mail domain before a colon is not a name
    expect(signalsOf('admin_hash = "$2y$10$DJE2HHJM0pz.8YQmxjWd1gvr"', '$2y$10$DJE2HHJM0pz.8YQmxjWd1gvr')).not.toContain('named-hash');
    expect(signalsOf('ann@example.com:{PLAIN}Wd1gvrMYPnQv5pHB', '{PLAIN}Wd1gvrMYPnQv5pHB')).not.toContain('named-stand-in');
    expect(signalsOf('data = "U2FsdGVkX19nBV2zoh+Gou9Ngnul"', 'U2FsdGVkX19nBV2zoh+Gou9Ngnul')).toContain('encrypted');
  });

  it('measures how much of a value is made of words', () => {
    expect(wordiness('serializePostOAuth2Token')).toBeGreaterThan(0.9);
    expect(wordiness('gPFEGk7CF4wS901w7ppYclt7')).toBeLessThan(0.5);
    expect(wordiness('12345')).toBe(0);
  });

  it('marks hidden form fields and CSRF meta tags', () => {
    expect(signalsOf('<input type="hidden" name="authenticity_token" value="Qm7vTz2LpX9wKc">', 'Qm7vTz2LpX9wKc')).toContain('form-token');
    expect(signalsOf('<meta name="csrf-token" content="Qm7vTz2LpX9wKc">', 'Qm7vTz2LpX9wKc')).toContain('form-token');
    expect(signalsOf('<input name="api_key" value="Qm7vTz2LpX9wKc">', 'Qm7vTz2LpX9wKc')).not.toContain('form-token');
  });

  it('reads a bounded part of a huge line', () => {
    const filler = 'a'.repeat(1 << 20);
    const text = `// ${filler} token=Qm7vTz2LpX9wKc ${filler}`;
    // the comment start is out of reach: a minified line is not taken for a comment
    expect(signalsOf(text, 'Qm7vTz2LpX9wKc')).not.toContain('comment');
  });
});
