#!/usr/bin/env node
// Generates credential files written by real tools (fresh random secrets) plus manifest.json, for eval-tool-creds.js.
//
//   node bench/realworld/tool-creds.js [--install] [--out DIR]
//
// Output: ${LEAKSWEEP_EVAL_CACHE:-~/.cache/leaksweep-eval}/tool-creds/{files/,manifest.json} (outside the repo: key material).
// --install first runs apt-get install for the Debian packages whose commands are missing (root, Debian/Ubuntu).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultOutDir, Recorder, run, which } from './tool-creds/lib.js';
import * as keys from './tool-creds/keys.js';
import * as hashes from './tool-creds/hashes.js';
import * as clients from './tool-creds/clients.js';
import * as devtools from './tool-creds/devtools.js';
import * as formats from './tool-creds/formats.js';

/** Command → Debian package that provides it. Commands already on PATH (git, java, kubectl, aws…) are used as they are. */
export const APT_PACKAGES = {
  'ssh-keygen': 'openssh-client',
  puttygen: 'putty-tools',
  openssl: 'openssl',
  gpg: 'gnupg',
  htpasswd: 'apache2-utils',
  mkpasswd: 'whois',
  doveadm: 'dovecot-core',
  slappasswd: 'slapd',
  'redis-server': 'redis-server',
  rclone: 'rclone',
  wg: 'wireguard-tools',
  openvpn: 'openvpn',
  ruby: 'ruby',
  s3cmd: 's3cmd',
  wpa_passphrase: 'wpasupplicant',
  svn: 'subversion',
  svnserve: 'subversion',
  aws: 'awscli',
  keytool: 'default-jre-headless',
  mvn: 'maven',
  psql: 'postgresql-client',
  initdb: 'postgresql',
  git: 'git',
};

async function install() {
  const missing = [];
  for (const [cmd, pkg] of Object.entries(APT_PACKAGES)) if (!(await which(cmd)) && !missing.includes(pkg)) missing.push(pkg);
  if (missing.length === 0) return console.error('tool-creds: every tool is installed');
  console.error(`tool-creds: apt-get install ${missing.join(' ')}`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  // One package at a time: one that Debian does not have (awscli on some releases) must not stop the others.
  for (const pkg of missing) {
    const r = await run('apt-get', ['install', '-y', '--no-install-recommends', pkg], { env, allowFail: true, stdio: ['ignore', 'ignore', 'inherit'] });
    console.error(`tool-creds: ${pkg}: ${r.code === 0 ? 'installed' : `not installable (apt-get exit ${r.code})`}`);
  }
}

async function main() {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const out = path.resolve(outAt >= 0 ? args[outAt + 1] : defaultOutDir());
  if (args.includes('--install')) await install();
  // The tree is regenerated whole each run: every secret is fresh, nothing from an older run survives.
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true, mode: 0o700 });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leaksweep-tool-creds-'));
  // The tools' files go under files/ and the manifest beside it, so a scan of files/ never reads the manifest.
  const rec = new Recorder(path.join(out, 'files'));
  try {
    for (const family of [keys, hashes, clients, devtools, formats]) await family.generate(rec, tmp);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const manifest = { generatedAt: new Date().toISOString(), host: `${os.type()} ${os.release()}`, files: rec.entries };
  fs.writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  const files = rec.entries.filter((e) => !e.unavailable);
  const secrets = files.reduce((n, e) => n + e.secrets.length, 0);
  const unavailable = rec.entries.filter((e) => e.unavailable).map((e) => e.tool);
  console.log(`tool-creds: ${files.length} files, ${secrets} secrets in ${rec.root}, manifest ${path.join(out, 'manifest.json')}`);
  if (unavailable.length) console.log(`tool-creds: unavailable: ${unavailable.join(', ')}`);
}

main().catch((err) => {
  console.error(`tool-creds: ${err.stack}`);
  process.exit(1);
});
