// Client credential stores written by the clients themselves: git, aws, s3cmd, rclone, svn, kubectl, wpa_passphrase.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { alnum, attempt, awsPair, githubToken, need, password, randomFrom, run, sh, user, version } from './lib.js';

const LOWER36 = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `git credential-store store` for an https host with a password and a GitHub host with a token. */
async function gitCredentialStore(rec) {
  await need('git');
  const v = await version('git', ['--version']);
  const file = 'home/.git-credentials';
  const entries = [
    { host: 'git.example.invalid', username: user(), password: password(20), kind: 'git-credential-password' },
    { host: 'github.com', username: 'x-access-token', password: githubToken('ghp_'), kind: 'git-credential-github-token' },
    { host: 'gitlab.example.invalid', username: 'oauth2', password: `glpat-${randomFrom(`${LOWER36}ABCDEFGHIJKLMNOPQRSTUVWXYZ-_`, 20)}`, kind: 'git-credential-gitlab-token' },
  ];
  for (const e of entries) {
    await sh('git', ['credential-store', '--file', rec.abs(file), 'store'], { input: `protocol=https\nhost=${e.host}\nusername=${e.username}\npassword=${e.password}\n\n` });
  }
  // git percent-encodes every byte outside RFC 3986's unreserved set ('!' included); the manifest locates the form it wrote.
  const text = rec.read(file);
  rec.add({ tool: 'git credential-store', writtenBy: 'tool', version: v, file, secrets: entries.map((e) => {
    const enc = e.password.replace(/[^A-Za-z0-9\-._~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
    return { secret: text.includes(enc) ? enc : e.password, accept: enc !== e.password ? [e.password] : undefined, kind: e.kind };
  }) });
}

/** `aws configure set` into AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE in the tree: a default and a named profile with a session token. */
async function awsConfigure(rec) {
  await need('aws');
  const v = await version('aws', ['--version']);
  const env = { AWS_CONFIG_FILE: rec.abs('home/.aws/config'), AWS_SHARED_CREDENTIALS_FILE: rec.abs('home/.aws/credentials') };
  const a = awsPair();
  const b = awsPair();
  b.id = `ASIA${b.id.slice(4)}`;
  const session = Buffer.from(password(200)).toString('base64').replace(/=+$/, '');
  const set = (k, val, profile) => sh('aws', ['configure', 'set', k, val, ...(profile ? ['--profile', profile] : [])], { env });
  await set('aws_access_key_id', a.id);
  await set('aws_secret_access_key', a.secret);
  await set('region', 'eu-west-1');
  await set('aws_access_key_id', b.id, 'deploy');
  await set('aws_secret_access_key', b.secret, 'deploy');
  await set('aws_session_token', session, 'deploy');
  rec.add({ tool: 'aws configure set', writtenBy: 'tool', version: v, file: 'home/.aws/credentials', secrets: [
    { secret: a.id, kind: 'aws-access-key-id' }, { secret: a.secret, kind: 'aws-secret-access-key' },
    { secret: b.id, kind: 'aws-temporary-key-id' }, { secret: b.secret, kind: 'aws-secret-access-key' }, { secret: session, kind: 'aws-session-token' },
  ] });
}

/** s3cmd's own config writer: --dump-config with the keys on the command line (what --configure saves, without the prompts). */
async function s3cmd(rec) {
  await need('s3cmd');
  const v = await version('s3cmd', ['--version']);
  const k = awsPair();
  // A config path that does not exist: s3cmd starts from its defaults instead of reading ~/.s3cfg.
  rec.write('home/.s3cfg', await sh('s3cmd', ['-c', rec.abs('home/.s3cfg.none'), `--access_key=${k.id}`, `--secret_key=${k.secret}`, '--dump-config']));
  rec.add({ tool: 's3cmd', writtenBy: 'tool', version: v, file: 'home/.s3cfg', secrets: [{ secret: k.id, kind: 'aws-access-key-id' }, { secret: k.secret, kind: 'aws-secret-access-key' }] });
}

/** rclone config create for sftp, ftp, webdav (passwords obscured by rclone) and s3 (keys stored plain). */
async function rclone(rec) {
  await need('rclone');
  const v = await version('rclone', ['version']);
  const file = 'home/.config/rclone/rclone.conf';
  const cfg = ['--config', rec.abs(file), '--non-interactive'];
  const plain = { sftp: password(18), ftp: password(18), webdav: password(18) };
  await sh('rclone', ['config', 'create', 'backup-sftp', 'sftp', 'host=sftp.example.invalid', `user=${user()}`, `pass=${plain.sftp}`, '--obscure', ...cfg]);
  await sh('rclone', ['config', 'create', 'legacy-ftp', 'ftp', 'host=ftp.example.invalid', `user=${user()}`, `pass=${plain.ftp}`, '--obscure', ...cfg]);
  await sh('rclone', ['config', 'create', 'nextcloud', 'webdav', 'url=https://cloud.example.invalid/remote.php/dav/files/me', 'vendor=nextcloud', `user=${user()}`, `pass=${plain.webdav}`, '--obscure', ...cfg]);
  const k = awsPair();
  await sh('rclone', ['config', 'create', 'archive', 's3', 'provider=AWS', `access_key_id=${k.id}`, `secret_access_key=${k.secret}`, 'region=eu-west-1', ...cfg]);
  const text = rec.read(file);
  const obscured = (name) => text.split(`[${name}]`)[1].match(/^pass = (\S+)/m)[1];
  rec.add({ tool: 'rclone config create', writtenBy: 'tool', version: v, file, secrets: [
    ...Object.entries({ 'backup-sftp': 'sftp', 'legacy-ftp': 'ftp', nextcloud: 'webdav' }).map(([name, type]) => ({ secret: obscured(name), accept: [plain[type]], kind: `rclone-${type}-obscured-pass` })),
    { secret: k.id, kind: 'aws-access-key-id' }, { secret: k.secret, kind: 'aws-secret-access-key' },
  ], note: 'rclone "obscure" is reversible (fixed AES key): a secret' });
}

/** Subversion's plaintext auth cache, written by `svn` after authenticating to a throwaway svnserve on 127.0.0.1. */
async function subversion(rec, tmp) {
  await need('svn', 'svnadmin', 'svnserve');
  const v = await version('svn', ['--version', '--quiet']);
  const repo = path.join(tmp, 'svnrepo');
  await sh('svnadmin', ['create', repo]);
  const name = user();
  const pass = password(18);
  fs.writeFileSync(path.join(repo, 'conf/svnserve.conf'), '[general]\nanon-access = none\nauth-access = write\npassword-db = passwd\n');
  fs.writeFileSync(path.join(repo, 'conf/passwd'), `[users]\n${name} = ${pass}\n`);
  const port = 30000 + Math.floor(Math.random() * 20000);
  const server = spawn('svnserve', ['-d', '--foreground', '-r', repo, '--listen-host', '127.0.0.1', '--listen-port', String(port)], { stdio: 'ignore' });
  try {
    const configDir = rec.abs('home/.subversion/x').slice(0, -2);
    let r;
    for (let i = 0; i < 20; i += 1) {
      r = await run('svn', ['ls', `svn://127.0.0.1:${port}/`, '--username', name, '--password', pass, '--config-dir', configDir, '--non-interactive',
        '--config-option', 'servers:global:store-plaintext-passwords=yes', '--config-option', 'config:auth:password-stores='], { allowFail: true });
      if (r.code === 0) break;
      await new Promise((res) => setTimeout(res, 200));
    }
    if (r.code !== 0) throw new Error(`svn ls failed: ${r.stderr}`);
    const dir = path.join(configDir, 'auth/svn.simple');
    const file = path.relative(rec.root, path.join(dir, fs.readdirSync(dir)[0]));
    rec.add({ tool: 'svn', writtenBy: 'tool', version: v, file, secrets: [{ secret: pass, kind: 'svn-auth-cache-password' }], note: 'auth cache after svn ls against svnserve on 127.0.0.1, plaintext storage allowed' });
  } finally {
    server.kill('SIGKILL');
  }
  // The server's own password-db (svnadmin writes conf/passwd; svnserve reads "user = password").
  fs.copyFileSync(path.join(repo, 'conf/passwd'), rec.abs('srv/svn/repo/conf/passwd'));
  rec.add({ tool: 'svnserve passwd', writtenBy: 'format', file: 'srv/svn/repo/conf/passwd', secrets: [{ secret: pass, kind: 'svnserve-password' }], note: 'svnserve.conf(5) password-db; svnadmin writes only a commented template' });
}

/** wpa_passphrase output appended to wpa_supplicant.conf, as its man page shows: the PSK, and the passphrase in a comment. */
async function wpaPassphrase(rec) {
  await need('wpa_passphrase');
  const v = `wpa_passphrase (wpasupplicant) ${(await run('dpkg-query', ['-W', '-f', '${Version}', 'wpasupplicant'], { allowFail: true })).stdout}`;
  const pass = password(20);
  const out = await sh('wpa_passphrase', ['office-wifi', pass]);
  rec.write('etc/wpa_supplicant/wpa_supplicant.conf', `ctrl_interface=DIR=/run/wpa_supplicant GROUP=netdev\nupdate_config=1\n\n${out}`);
  const psk = out.match(/^\s*psk=([0-9a-f]{64})/m)[1];
  rec.add({ tool: 'wpa_passphrase', writtenBy: 'tool', version: v, file: 'etc/wpa_supplicant/wpa_supplicant.conf', secrets: [{ secret: pass, kind: 'wpa-passphrase-comment' }, { secret: psk, kind: 'wpa-psk-hex' }] });
}

/** kubectl: Secret manifests (--dry-run=client -o yaml) and a kubeconfig from `kubectl config set-credentials`. */
async function kubectl(rec, tmp) {
  await need('kubectl', 'openssl');
  const v = (await version('kubectl', ['version', '--client'])).replace(/\s+Kustomize.*/, '');
  const dry = ['--dry-run=client', '-o', 'yaml'];
  const b = (s) => Buffer.from(s).toString('base64');

  const dbPass = password(20);
  const apiKey = `sk_live_${alnum(24)}`;
  rec.write('k8s/secret-generic.yaml', await sh('kubectl', ['create', 'secret', 'generic', 'app-secrets', `--from-literal=DB_PASSWORD=${dbPass}`, `--from-literal=STRIPE_KEY=${apiKey}`, ...dry]));
  rec.add({ tool: 'kubectl create secret generic', writtenBy: 'tool', version: v, file: 'k8s/secret-generic.yaml', secrets: [
    { secret: b(dbPass), accept: [dbPass], kind: 'k8s-secret-data-password' }, { secret: b(apiKey), accept: [apiKey], kind: 'k8s-secret-data-stripe-key' },
  ] });

  const regName = user();
  const regPass = password(22);
  rec.write('k8s/secret-docker-registry.yaml', await sh('kubectl', ['create', 'secret', 'docker-registry', 'regcred', '--docker-server=registry.example.invalid', `--docker-username=${regName}`, `--docker-password=${regPass}`, '--docker-email=ops@example.invalid', ...dry]));
  const dockercfg = rec.read('k8s/secret-docker-registry.yaml').match(/\.dockerconfigjson: (\S+)/)[1];
  const auth = b(`${regName}:${regPass}`);
  rec.add({ tool: 'kubectl create secret docker-registry', writtenBy: 'tool', version: v, file: 'k8s/secret-docker-registry.yaml', secrets: [
    { secret: dockercfg, accept: [regPass, auth, `${regName}:${regPass}`], kind: 'k8s-dockerconfigjson' },
  ], note: '.dockerconfigjson is base64 of JSON holding the password and auth (base64 of user:password)' });

  const key = path.join(tmp, 'tls.key');
  const crt = path.join(tmp, 'tls.crt');
  await sh('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', crt, '-days', '30', '-subj', '/CN=eval.example.invalid']);
  rec.write('k8s/secret-tls.yaml', await sh('kubectl', ['create', 'secret', 'tls', 'site-tls', `--cert=${crt}`, `--key=${key}`, ...dry]));
  const tlsKey = rec.read('k8s/secret-tls.yaml').match(/tls\.key: (\S+)/)[1];
  rec.add({ tool: 'kubectl create secret tls', writtenBy: 'tool', version: v, file: 'k8s/secret-tls.yaml', secrets: [{ secret: tlsKey, accept: [fs.readFileSync(key, 'utf8')], kind: 'k8s-tls-key' }], note: 'tls.crt is public' });

  const kubeconfig = ['--kubeconfig', rec.abs('home/.kube/config')];
  // A kubeadm bootstrap token: [a-z0-9]{6}.[a-z0-9]{16}.
  const token = `${randomFrom(LOWER36, 6)}.${randomFrom(LOWER36, 16)}`;
  const basicPass = password(20);
  await sh('kubectl', ['config', 'set-cluster', 'prod', '--server=https://k8s.example.invalid:6443', ...kubeconfig]);
  await sh('kubectl', ['config', 'set-credentials', 'deployer', `--token=${token}`, ...kubeconfig]);
  await sh('kubectl', ['config', 'set-credentials', 'admin-basic', '--username=admin', `--password=${basicPass}`, ...kubeconfig]);
  await sh('kubectl', ['config', 'set-credentials', 'admin-cert', `--client-certificate=${crt}`, `--client-key=${key}`, '--embed-certs=true', ...kubeconfig]);
  await sh('kubectl', ['config', 'set-context', 'prod', '--cluster=prod', '--user=deployer', ...kubeconfig]);
  const clientKeyData = rec.read('home/.kube/config').match(/client-key-data: (\S+)/)[1];
  rec.add({ tool: 'kubectl config set-credentials', writtenBy: 'tool', version: v, file: 'home/.kube/config', secrets: [
    { secret: token, kind: 'kubeconfig-bootstrap-token' }, { secret: basicPass, kind: 'kubeconfig-password' }, { secret: clientKeyData, accept: [fs.readFileSync(key, 'utf8')], kind: 'kubeconfig-client-key-data' },
  ] });
}

export async function generate(rec, tmp) {
  await attempt(rec, 'git credential-store', () => gitCredentialStore(rec));
  await attempt(rec, 'aws configure set', () => awsConfigure(rec));
  await attempt(rec, 's3cmd', () => s3cmd(rec));
  await attempt(rec, 'rclone config create', () => rclone(rec));
  await attempt(rec, 'svn', () => subversion(rec, tmp));
  await attempt(rec, 'wpa_passphrase', () => wpaPassphrase(rec));
  await attempt(rec, 'kubectl', () => kubectl(rec, tmp));
}
