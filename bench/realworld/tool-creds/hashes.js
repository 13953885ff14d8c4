// Password hashes and server-side password files written by their tools: htpasswd, mkpasswd, doveadm pw, slappasswd, PostgreSQL, Redis.
import fs from 'node:fs';
import path from 'node:path';
import { alnum, attempt, githubToken, need, password, run, sh, user, version } from './lib.js';

/** One .htpasswd, one user per scheme, each added by `htpasswd -b` (the -c run creates the file). */
async function htpasswd(rec) {
  await need('htpasswd');
  const v = `htpasswd (apache2-utils) ${(await run('dpkg-query', ['-W', '-f', '${Version}', 'apache2-utils'], { allowFail: true })).stdout}`;
  const file = 'web/.htpasswd';
  const secrets = [];
  const schemes = [['-B', 'bcrypt'], ['-m', 'apr1-md5'], ['-s', 'sha1'], ['-d', 'crypt-des'], ['-p', 'plaintext']];
  for (const [i, [flag, scheme]] of schemes.entries()) {
    const name = user();
    const pass = password(scheme === 'crypt-des' ? 8 : 18);
    await sh('htpasswd', [...(i === 0 ? ['-c'] : []), '-b', flag, rec.abs(file), name, pass]);
    const line = rec.read(file).split('\n').find((l) => l.startsWith(`${name}:`));
    const value = line.slice(name.length + 1);
    // A plaintext entry is the password itself; a hash is reported as the hash (accept the password it hides: never in the file).
    secrets.push({ secret: value, kind: scheme === 'plaintext' ? 'htpasswd-plaintext' : `htpasswd-${scheme}-hash` });
  }
  rec.add({ tool: 'htpasswd', writtenBy: 'tool', version: v, file, secrets, note: 'hashes: the team corpus calls .htpasswd hashes near-misses; listed here so their recall is visible' });
}

/** shadow(5) lines with the hash mkpasswd prints for every method it lists. */
async function mkpasswd(rec) {
  await need('mkpasswd');
  const v = `mkpasswd (whois) ${(await run('dpkg-query', ['-W', '-f', '${Version}', 'whois'], { allowFail: true })).stdout}`;
  const help = await sh('mkpasswd', ['-m', 'help']);
  const methods = help.split('\n').map((l) => l.trim().split(/\s+/)[0]).filter((m) => m && !/^Available/.test(m));
  const lines = ['root:*:19700:0:99999:7:::', 'daemon:*:19700:0:99999:7:::'];
  const secrets = [];
  for (const m of methods) {
    const r = await run('mkpasswd', ['-m', m, '--stdin'], { input: `${password(m === 'descrypt' ? 8 : 18)}\n`, allowFail: true });
    if (r.code !== 0) continue;
    const hash = r.stdout.trim();
    lines.push(`${user()}:${hash}:19700:0:99999:7:::`);
    secrets.push({ secret: hash, kind: `shadow-${m}` });
  }
  rec.write('etc/shadow', `${lines.join('\n')}\n`);
  rec.add({ tool: 'mkpasswd', writtenBy: 'tool', version: v, file: 'etc/shadow', secrets, note: 'hash from mkpasswd, line in shadow(5) layout; the * entries are locked accounts' });
}

/** A dovecot passwd-file, each line's {SCHEME}hash printed by `doveadm pw`. */
async function doveadm(rec) {
  await need('doveadm');
  const v = await version('doveadm', ['-V']);
  const schemes = ['SHA512-CRYPT', 'SHA256-CRYPT', 'BLF-CRYPT', 'ARGON2ID', 'SSHA512', 'SSHA256', 'PBKDF2', 'SCRAM-SHA-256', 'CRAM-MD5', 'MD5-CRYPT', 'PLAIN'];
  const lines = [];
  const secrets = [];
  for (const s of schemes) {
    const pass = password(18);
    const hash = (await sh('doveadm', ['pw', '-s', s, '-p', pass])).trim();
    const name = `${user()}@example.invalid`;
    lines.push(`${name}:${hash}:5000:5000::/var/mail/vhosts/${name}::`);
    secrets.push({ secret: hash, kind: s === 'PLAIN' ? 'dovecot-plain' : `dovecot-${s.toLowerCase()}-hash`, ...(s === 'PLAIN' ? { accept: [pass] } : {}) });
  }
  rec.write('etc/dovecot/users', `${lines.join('\n')}\n`);
  rec.add({ tool: 'doveadm pw', writtenBy: 'tool', version: v, file: 'etc/dovecot/users', secrets, note: 'passwd-file layout from the dovecot docs, each hash printed by doveadm pw' });
}

/** LDIF userPassword values from slappasswd in each scheme it offers. */
async function slappasswd(rec) {
  await need('slappasswd');
  const v = `slappasswd (slapd) ${(await run('dpkg-query', ['-W', '-f', '${Version}', 'slapd'], { allowFail: true })).stdout}`;
  const blocks = [];
  const secrets = [];
  for (const [scheme, extra] of [['{SSHA}', []], ['{SHA}', []], ['{SMD5}', []], ['{MD5}', []], ['{CRYPT}', ['-c', '$6$%.16s']], ['{CLEARTEXT}', []]]) {
    const pass = password(18);
    const out = (await sh('slappasswd', ['-h', scheme, ...extra, '-s', pass])).trim();
    const uid = user();
    blocks.push(`dn: uid=${uid},ou=people,dc=example,dc=invalid\nobjectClass: inetOrgPerson\nuid: ${uid}\ncn: ${uid}\nsn: ${uid}\nuserPassword: ${out}\n`);
    secrets.push({ secret: out, kind: scheme === '{CLEARTEXT}' ? 'ldap-cleartext' : `ldap-${scheme.slice(1, -1).toLowerCase()}-hash`, ...(scheme === '{CLEARTEXT}' ? { accept: [pass] } : {}) });
  }
  rec.write('ldap/people.ldif', blocks.join('\n'));
  rec.add({ tool: 'slappasswd', writtenBy: 'tool', version: v, file: 'ldap/people.ldif', secrets, note: 'LDIF layout, each userPassword printed by slappasswd' });
}

/**
 * A throwaway PostgreSQL cluster on a unix socket in the temp dir (run as the postgres user: initdb refuses root):
 * roles with SCRAM and MD5 passwords, an app table with bcrypt hashes and API tokens, then pg_dumpall --roles-only and pg_dump.
 */
async function postgres(rec, tmp) {
  await need('initdb', 'pg_ctl', 'pg_dump', 'pg_dumpall', 'psql', 'runuser', 'htpasswd');
  const v = await version('pg_dump', ['--version']);
  const dir = fs.mkdtempSync(path.join('/tmp', 'leaksweep-pg-'));
  fs.chmodSync(dir, 0o777);
  const as = (cmd, args, opts = {}) => sh('runuser', ['-u', 'postgres', '--', cmd, ...args], opts);
  const data = path.join(dir, 'data');
  await as('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres']);
  await as('pg_ctl', ['-D', data, '-w', '-o', `-c listen_addresses='' -c unix_socket_directories=${dir}`, '-l', path.join(dir, 'log'), 'start']);
  try {
    const psql = (sql) => as('psql', ['-h', dir, '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-q', '-d', 'postgres'], { input: sql });
    const scramPass = password(18);
    const md5Pass = password(18);
    await psql(`CREATE ROLE app_rw LOGIN PASSWORD '${scramPass}';\nSET password_encryption = 'md5';\nCREATE ROLE legacy_report LOGIN PASSWORD '${md5Pass}';\nCREATE DATABASE shop OWNER app_rw;\n`);
    const users = [];
    for (let i = 0; i < 3; i += 1) {
      const bcrypt = (await sh('htpasswd', ['-nbB', 'x', password(16)])).trim().slice(2);
      users.push({ email: `user${i}@example.invalid`, bcrypt, token: i === 0 ? githubToken() : `sk_${alnum(40)}` });
    }
    const rows = users.map((u) => `('${u.email}', '${u.bcrypt}', '${u.token}')`).join(',\n');
    await as('psql', ['-h', dir, '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-q', '-d', 'shop'], { input: `CREATE TABLE users (id serial PRIMARY KEY, email text, password_hash text, api_token text);\nINSERT INTO users (email, password_hash, api_token) VALUES\n${rows};\n` });
    rec.write('db/roles.sql', await as('pg_dumpall', ['-h', dir, '-U', 'postgres', '--roles-only']));
    const roles = rec.read('db/roles.sql');
    const verifier = (role) => roles.match(new RegExp(`ROLE ${role} [^\\n]*PASSWORD '([^']+)'`))[1];
    rec.add({ tool: 'pg_dumpall', writtenBy: 'tool', version: v, file: 'db/roles.sql', secrets: [{ secret: verifier('app_rw'), kind: 'postgres-scram-verifier' }, { secret: verifier('legacy_report'), kind: 'postgres-md5-hash' }] });
    rec.write('db/shop.sql', await as('pg_dump', ['-h', dir, '-U', 'postgres', 'shop']));
    rec.add({ tool: 'pg_dump', writtenBy: 'tool', version: v, file: 'db/shop.sql', secrets: users.flatMap((u, i) => [{ secret: u.bcrypt, kind: 'dump-bcrypt-hash' }, { secret: u.token, kind: i === 0 ? 'dump-github-token' : 'dump-api-token' }]), note: 'COPY rows, tab-separated' });
  } finally {
    await as('pg_ctl', ['-D', data, '-m', 'immediate', 'stop'], { allowFail: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** redis.conf rewritten by the server itself after CONFIG SET requirepass/masterauth (CONFIG REWRITE). */
async function redis(rec, tmp) {
  await need('redis-server', 'redis-cli');
  const v = await version('redis-server', ['--version']);
  const file = 'etc/redis/redis.conf';
  rec.write(file, `# minimal config; the server rewrites it\nport 0\nunixsocket ${path.join(tmp, 'redis.sock')}\ndir ${tmp}\ndaemonize no\n`, 0o644);
  const server = (await import('node:child_process')).spawn('redis-server', [rec.abs(file)], { stdio: 'ignore' });
  try {
    const sock = path.join(tmp, 'redis.sock');
    for (let i = 0; i < 50 && !fs.existsSync(sock); i += 1) await new Promise((r) => setTimeout(r, 100));
    const requirepass = password(24);
    const masterauth = password(24);
    const cli = (...args) => sh('redis-cli', ['-s', sock, ...args]);
    await cli('CONFIG', 'SET', 'masterauth', masterauth);
    await cli('CONFIG', 'SET', 'requirepass', requirepass);
    await sh('redis-cli', ['-s', sock, '-a', requirepass, '--no-auth-warning', 'CONFIG', 'REWRITE']);
    await sh('redis-cli', ['-s', sock, '-a', requirepass, '--no-auth-warning', 'SHUTDOWN', 'NOSAVE'], { allowFail: true });
    // The rewrite also stores the default user's ACL: '#' + SHA-256 of requirepass.
    const acl = rec.read(file).match(/^user default .*?#([0-9a-f]{64})/m);
    const secrets = [{ secret: requirepass, kind: 'redis-requirepass' }, { secret: masterauth, kind: 'redis-masterauth' }];
    if (acl) secrets.push({ secret: acl[1], kind: 'redis-acl-sha256' });
    rec.add({ tool: 'redis-server', writtenBy: 'tool', version: v, file, secrets, note: 'CONFIG SET then CONFIG REWRITE' });
  } finally {
    // SIGTERM alone left the server running under node; SIGKILL after SHUTDOWN NOSAVE is certain and loses nothing.
    server.kill('SIGKILL');
    server.unref();
  }
}

export async function generate(rec, tmp) {
  await attempt(rec, 'htpasswd', () => htpasswd(rec));
  await attempt(rec, 'mkpasswd', () => mkpasswd(rec));
  await attempt(rec, 'doveadm pw', () => doveadm(rec));
  await attempt(rec, 'slappasswd', () => slappasswd(rec));
  await attempt(rec, 'postgres (pg_dump)', () => postgres(rec, tmp));
  await attempt(rec, 'redis-server', () => redis(rec, tmp));
}
