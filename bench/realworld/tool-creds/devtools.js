// Developer-tool config written by the tools: npm config set, pip config set, mvn --encrypt-*; Rails master.key from ruby.
import { alnum, attempt, hex, need, password, sh, user, version } from './lib.js';

/** npm config set --userconfig: an _authToken, and _auth / username+_password for a private registry. */
async function npmConfig(rec) {
  await need('npm');
  const v = `npm ${(await sh('npm', ['--version'])).trim()}`;
  const file = 'home/.npmrc';
  const token = `npm_${alnum(36)}`;
  const name = user();
  const pass = password(18);
  const auth = Buffer.from(`${name}:${pass}`).toString('base64');
  const pass2 = password(18);
  const pass2b64 = Buffer.from(pass2).toString('base64');
  const set = (kv) => sh('npm', ['config', 'set', kv, '--userconfig', rec.abs(file)]);
  await set(`//registry.npmjs.org/:_authToken=${token}`);
  await set(`//npm.example.invalid/:_auth=${auth}`);
  await set(`//nexus.example.invalid/repository/npm/:username=${user()}`);
  await set(`//nexus.example.invalid/repository/npm/:_password=${pass2b64}`);
  rec.add({ tool: 'npm config set', writtenBy: 'tool', version: v, file, secrets: [
    { secret: token, kind: 'npm-auth-token' },
    { secret: auth, accept: [`${name}:${pass}`, pass], kind: 'npm-_auth' },
    { secret: pass2b64, accept: [pass2], kind: 'npm-_password' },
  ], note: '_auth is base64(user:password), _password is base64(password)' });
}

/** pip config set (user scope, HOME in the tree): index-url and extra-index-url carrying credentials. */
async function pipConfig(rec) {
  await need('pip');
  const v = await version('pip', ['--version']);
  const home = rec.abs('home/.placeholder').replace(/\/\.placeholder$/, '');
  const env = { HOME: home, XDG_CONFIG_HOME: `${home}/.config`, PIP_CONFIG_FILE: '' };
  const pass = password(20);
  const token = `${alnum(8)}${alnum(32)}`;
  await sh('pip', ['config', '--user', 'set', 'global.index-url', `https://${user()}:${pass}@pypi.example.invalid/simple/`], { env });
  await sh('pip', ['config', '--user', 'set', 'global.extra-index-url', `https://__token__:${token}@gitlab.example.invalid/api/v4/projects/42/packages/pypi/simple`], { env });
  rec.add({ tool: 'pip config set', writtenBy: 'tool', version: v, file: 'home/.config/pip/pip.conf', secrets: [{ secret: pass, kind: 'pip-index-url-password' }, { secret: token, kind: 'pip-index-url-token' }] });
}

/** mvn --encrypt-master-password / --encrypt-password: settings-security.xml and an encrypted server password. */
async function maven(rec) {
  await need('mvn');
  const v = await version('mvn', ['-v'], /Apache Maven/);
  const strip = (s) => s.replace(/\x1b\[[0-9;]*m/g, '').trim().split('\n').pop().trim();
  const master = strip(await sh('mvn', ['-q', '--encrypt-master-password', password(20)]));
  rec.write('home/.m2/settings-security.xml', `<settingsSecurity>\n  <master>${master}</master>\n</settingsSecurity>\n`);
  // --encrypt-password reads the master from ~/.m2/settings-security.xml: point it at the one just written.
  const serverPass = password(20);
  const enc = strip(await sh('mvn', ['-q', `-Dsettings.security=${rec.abs('home/.m2/settings-security.xml')}`, '--encrypt-password', serverPass]));
  const plain = password(20);
  rec.write('home/.m2/settings.xml', `<settings>\n  <servers>\n    <server>\n      <id>releases</id>\n      <username>deploy</username>\n      <password>${enc}</password>\n    </server>\n    <server>\n      <id>snapshots</id>\n      <username>${user()}</username>\n      <password>${plain}</password>\n    </server>\n  </servers>\n</settings>\n`);
  rec.add({ tool: 'mvn --encrypt-master-password', writtenBy: 'tool', version: v, file: 'home/.m2/settings-security.xml', secrets: [{ secret: master, kind: 'maven-master-password-encrypted' }], note: 'value printed by mvn, file layout from the Maven password-encryption guide; encrypted with the fixed key "settings.security", so reversible' });
  rec.add({ tool: 'maven settings.xml', writtenBy: 'format', version: v, file: 'home/.m2/settings.xml', secrets: [{ secret: enc, accept: [serverPass], kind: 'maven-password-encrypted' }, { secret: plain, kind: 'maven-password-plain' }], note: 'encrypted value from mvn --encrypt-password (reversible with settings-security.xml); the second server has a plain password. The team corpus counts {…} values as near-misses' });
}

/** Rails master.key: ruby's SecureRandom.hex(16), what `rails credentials:edit` writes (Rails itself is not installed). */
async function railsMasterKey(rec) {
  let key;
  let writtenBy = 'format';
  let v;
  try {
    await need('ruby');
    key = (await sh('ruby', ['-rsecurerandom', '-e', 'print SecureRandom.hex(16)'])).trim();
    v = await version('ruby', ['--version']);
  } catch {
    key = hex(16);
    v = 'node crypto (ruby not installed)';
  }
  rec.write('rails-app/config/master.key', key);
  rec.add({ tool: 'rails master.key', writtenBy, version: v, file: 'rails-app/config/master.key', secrets: [{ secret: key, kind: 'rails-master-key' }], note: 'no trailing newline, as Rails writes it; value from SecureRandom.hex(16)' });
}

export async function generate(rec) {
  await attempt(rec, 'npm config set', () => npmConfig(rec));
  await attempt(rec, 'pip config set', () => pipConfig(rec));
  await attempt(rec, 'mvn', () => maven(rec));
  await attempt(rec, 'rails master.key', () => railsMasterKey(rec));
}
