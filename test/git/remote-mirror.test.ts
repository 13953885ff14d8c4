// What counts as a URL, what of it may be shown, and where its mirror goes.
import { describe, expect, it } from 'vitest';
import { displayUrl, isRemoteUrl, mirrorDirFor, mirrorRoot } from '../../src/git/remote-mirror.js';

describe('remote URLs', () => {
  it('knows URLs and scp-like addresses from local paths', () => {
    for (const url of ['https://github.com/a/b.git', 'HTTP://host/x', 'ssh://git@host:22/a/b', 'git://host/a', 'file:///tmp/repo', 'git@github.com:a/b.git', 'me@host:repo']) {
      expect(isRemoteUrl(url), url).toBe(true);
    }
    for (const path of ['.', '/tmp/repo', 'repos/a:b', 'C:/repo', 'a/b@c:d', 'host:path', '']) expect(isRemoteUrl(path), path).toBe(false);
  });

  it('shows no userinfo, query or fragment', () => {
    expect(displayUrl('https://user:ghp_TOKEN@github.com/a/b.git')).toBe('https://github.com/a/b.git');
    expect(displayUrl('https://x-access-token:TOKEN@host/r.git?private_token=T2#frag')).toBe('https://host/r.git');
    expect(displayUrl('ssh://git:pw@host:2222/a/b')).toBe('ssh://host:2222/a/b');
    expect(displayUrl('git@github.com:a/b.git')).toBe('git@github.com:a/b.git');
    expect(displayUrl('/local/path')).toBe('/local/path');
  });

  it('mirrors a URL to one directory whatever its credentials, named without them', () => {
    const one = mirrorDirFor('/cache', 'https://user:TOKEN-1@host/team/app.git');
    expect(one).toMatch(/^\/cache\/app-[0-9a-f]{16}\.git$/);
    expect(mirrorDirFor('/cache', 'https://other:TOKEN-2@host/team/app.git')).toBe(one);
    expect(mirrorDirFor('/cache', 'https://host/team/app.git')).toBe(one);
    expect(mirrorDirFor('/cache', 'https://host/other/app.git')).not.toBe(one);
  });

  it('puts mirrors under the option, else LEAKSWEEP_MIRROR_DIR, else the XDG or home cache', () => {
    expect(mirrorRoot('/opt', { LEAKSWEEP_MIRROR_DIR: '/env' })).toBe('/opt');
    expect(mirrorRoot(undefined, { LEAKSWEEP_MIRROR_DIR: '/env', XDG_CACHE_HOME: '/xdg' })).toBe('/env');
    expect(mirrorRoot(undefined, { XDG_CACHE_HOME: '/xdg' })).toBe('/xdg/leaksweep/mirrors');
    expect(mirrorRoot(undefined, {})).toMatch(/\.cache\/leaksweep\/mirrors$/);
  });
});
