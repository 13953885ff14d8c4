// File contexts from paths, on the layouts real repositories and npm packages have.
import { describe, expect, it } from 'vitest';
import { fileContext, quotesLiterals } from '../../src/findings/file-context.js';

describe('fileContext', () => {
  const cases: [string, string][] = [
    ['.env', 'config'],
    ['config/database.yml', 'config'],
    ['home/.aws/credentials', 'config'],
    ['.pgpass', 'config'],
    ['etc/dovecot/users', 'config'],
    ['deploy/Dockerfile', 'config'],
    ['package.json', 'config'],
    ['src/db/client.ts', 'source'],
    ['lib/index.js', 'source'],
    ['test/auth.js', 'test'],
    ['src/__tests__/login.tsx', 'test'],
    ['pkg/auth_test.go', 'test'],
    ['lib/session.spec.ts', 'test'],
    ['tests/fixtures/config.yml', 'test'],
    ['README.md', 'docs'],
    ['docs/guide/install.html', 'docs'],
    ['CHANGELOG', 'docs'],
    ['admin/src/translations/de.json', 'docs'],
    ['examples/basic/app.js', 'example'],
    ['.env.example', 'example'],
    ['config/settings.yml.sample', 'example'],
    ['dist/index.min.js', 'generated'],
    ['build/server.js', 'generated'],
    ['types/index.d.ts', 'generated'],
    ['support/ticket-4411.txt', 'source'],
  ];
  for (const [path, context] of cases) it(`${path} → ${context}`, () => expect(fileContext(path)).toBe(context));

  it('knows the languages whose literals are quoted', () => {
    expect(['src/a.ts', 'lib/b.mjs', 'x/Main.java', 'app.py', 'main.go'].every(quotesLiterals)).toBe(true);
    expect(['deploy.sh', '.env', 'config.yml', 'Dockerfile', 'notes.txt'].some(quotesLiterals)).toBe(false);
  });
});
