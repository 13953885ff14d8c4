// Which later layer deletes a file: a whiteout of it or of a directory above it, or an opaque directory above it.
import { describe, expect, it } from 'vitest';
import { Deletions } from '../../src/image/deletions.js';

describe('deletions', () => {
  const deletions = new Deletions();
  deletions.add('L2', 'app/.env', false);
  deletions.add('L3', 'srv', false);
  deletions.add('L4', 'etc/ssl', true);

  it('names the first later layer that hides the path', () => {
    expect(deletions.deletedIn('app/.env', ['L2', 'L3'])).toBe('L2');
    expect(deletions.deletedIn('srv/keys/id_rsa', ['L2', 'L3', 'L4'])).toBe('L3');
    expect(deletions.deletedIn('etc/ssl/private/key.pem', ['L4'])).toBe('L4');
  });

  it('leaves alone what no later layer hides', () => {
    expect(deletions.deletedIn('app/.env', ['L3', 'L4'])).toBeUndefined();
    expect(deletions.deletedIn('app/.env.example', ['L2'])).toBeUndefined();
    // an opaque directory hides what lower layers put below it, not the directory's neighbours
    expect(deletions.deletedIn('etc/ssl.conf', ['L4'])).toBeUndefined();
  });
});
