// Commit metadata parsing, checked against what git itself prints for the same commit.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { parseCommitMeta } from '../../src/git/parse-commit.js';
import { makeRepo } from '../helpers/git-fixture.js';

describe('parseCommitMeta', () => {
  it('agrees with git log on author, email, ISO date and message', () => {
    const fixture = makeRepo([{ files: { a: '1' }, message: 'Subject line\n\nBody with détails', author: { name: 'Zoë Q', email: 'zoe@example.org' } }]);
    try {
      const raw = execFileSync('git', ['cat-file', 'commit', 'HEAD'], { cwd: fixture.dir });
      const meta = parseCommitMeta(raw);
      const [name, email, date] = fixture.git('log', '-1', '--format=%an%x00%ae%x00%aI').trim().split('\0');
      expect(meta).toEqual({ authorName: name, authorEmail: email, date: date.replace('+00:00', 'Z'), message: 'Subject line\n\nBody with détails' });
    } finally {
      fixture.cleanup();
    }
  });

  it('keeps the author offset in the date', () => {
    const raw = Buffer.from('tree 0\nauthor A <a@b> 1700000000 -0530\ncommitter A <a@b> 1700000000 -0530\n\nmsg\n');
    expect(parseCommitMeta(raw).date).toBe('2023-11-14T16:43:20-05:30');
  });
});
