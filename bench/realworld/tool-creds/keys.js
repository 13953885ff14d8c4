// Private keys written by the tools that make them: ssh-keygen, puttygen, openssl, gpg, keytool, wg, openvpn.
import fs from 'node:fs';
import path from 'node:path';
import { attempt, need, password, pemBlock, sh, version } from './lib.js';

const COMMENT = 'leaksweep-eval-throwaway';

/** Every key type × OpenSSH/PEM/PKCS8 format × with/without passphrase that this ssh-keygen accepts. */
async function sshKeygen(rec) {
  await need('ssh-keygen');
  const v = await version('ssh', ['-V']);
  const types = [['rsa', ['-b', '3072']], ['ecdsa', ['-b', '256']], ['ed25519', []], ['dsa', []]];
  for (const [type, bits] of types) {
    for (const format of ['openssh', 'pem', 'pkcs8']) {
      for (const enc of [false, true]) {
        const file = `home/.ssh/id_${type}${format === 'openssh' ? '' : `_${format}`}${enc ? '_enc' : ''}`;
        const pass = enc ? password(16) : '';
        const fmt = format === 'openssh' ? [] : ['-m', format.toUpperCase()];
        const r = await sh('ssh-keygen', ['-q', '-t', type, ...bits, ...fmt, '-N', pass, '-C', COMMENT, '-f', rec.abs(file)], { allowFail: true });
        if (!fs.existsSync(rec.abs(file))) {
          rec.unavailable(`ssh-keygen -t ${type} -m ${format}`, `ssh-keygen wrote no key ${r}`.trim());
          continue;
        }
        const text = rec.read(file);
        const block = pemBlock(text);
        // ed25519 has no PEM encoding: ssh-keygen silently writes its own format, which the kind records.
        const wrote = /BEGIN OPENSSH/.test(block) ? 'openssh' : format;
        rec.add({ tool: 'ssh-keygen', writtenBy: 'tool', version: v, file, secrets: [{ secret: block, kind: `ssh-${type}-${wrote}${enc ? '-encrypted' : ''}` }], note: wrote !== format ? `asked for -m ${format.toUpperCase()}, ssh-keygen wrote an OpenSSH key` : undefined });
      }
    }
  }
}

/** PuTTY .ppk v3 (default) and v2, with and without passphrase, and the SSH.com export puttygen can write. */
async function puttygen(rec, tmp) {
  await need('puttygen');
  const v = await version('puttygen', ['--version']);
  const passFile = path.join(tmp, 'putty-pass');
  for (const type of ['ed25519', 'rsa', 'ecdsa']) {
    for (const ver of ['3', '2']) {
      for (const enc of [false, true]) {
        const file = `home/putty/${type}-v${ver}${enc ? '-enc' : ''}.ppk`;
        fs.writeFileSync(passFile, enc ? `${password(16)}\n` : '\n');
        const args = ['-t', type, ...(type === 'rsa' ? ['-b', '2048'] : []), '-C', COMMENT, '-O', 'private', '-o', rec.abs(file), '--new-passphrase', passFile];
        if (ver === '2') args.push('--ppk-param', 'version=2');
        await sh('puttygen', args);
        rec.add({ tool: 'puttygen', writtenBy: 'tool', version: v, file, secrets: [ppkSecret(rec.read(file), `ppk-v${ver}-${type}${enc ? '-encrypted' : ''}`)] });
      }
    }
  }
  fs.writeFileSync(passFile, '\n');
  await sh('puttygen', ['-t', 'rsa', '-b', '2048', '-C', COMMENT, '-O', 'private-sshcom', '-o', rec.abs('home/putty/rsa-sshcom.key'), '--new-passphrase', passFile]);
  const sshcom = rec.read('home/putty/rsa-sshcom.key');
  rec.add({ tool: 'puttygen', writtenBy: 'tool', version: v, file: 'home/putty/rsa-sshcom.key', secrets: [{ secret: pemBlock(sshcom), kind: 'sshcom-rsa' }] });
}

/** The secret of a .ppk is its Private-Lines; a finding may start at line 1 and span the file, so the span is the file. */
function ppkSecret(text, kind) {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Private-Lines:'));
  const count = Number(lines[start].split(':')[1]);
  return { secret: lines.slice(start + 1, start + 1 + count).join('\n'), kind, span: { line: 1, endLine: lines.filter(Boolean).length } };
}

/** openssl's key encodings: PKCS#1, PKCS#8, SEC1 EC (with and without its parameters block), Ed25519, encrypted forms, a key+cert bundle, PKCS#12. */
async function openssl(rec, tmp) {
  await need('openssl');
  const v = await version('openssl', ['version']);
  const o = (file, args, kind, note) => ({ file, args, kind, note });
  const pass = password(16);
  const jobs = [
    o('pki/rsa-pkcs8.key', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'], 'pkcs8-rsa'),
    o('pki/rsa-pkcs1.key', ['genrsa', '-traditional', '2048'], 'pkcs1-rsa'),
    o('pki/ec-p256.key', ['ecparam', '-genkey', '-name', 'prime256v1', '-noout'], 'sec1-ec'),
    o('pki/ec-p384-with-params.key', ['ecparam', '-genkey', '-name', 'secp384r1'], 'sec1-ec-with-params'),
    o('pki/ed25519.key', ['genpkey', '-algorithm', 'ed25519'], 'pkcs8-ed25519'),
    o('pki/rsa-pkcs8-encrypted.key', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-aes-256-cbc', '-pass', `pass:${pass}`], 'pkcs8-encrypted'),
  ];
  for (const j of jobs) {
    fs.writeFileSync(rec.abs(j.file), await sh('openssl', j.args), { mode: 0o600 });
    rec.add({ tool: 'openssl', writtenBy: 'tool', version: v, file: j.file, secrets: [{ secret: pemBlock(rec.read(j.file)), kind: j.kind }] });
  }
  // Traditional (OpenSSL 1.x style) encryption: Proc-Type/DEK-Info headers inside the block.
  await sh('openssl', ['rsa', '-in', rec.abs('pki/rsa-pkcs1.key'), '-traditional', '-aes256', '-passout', `pass:${pass}`, '-out', rec.abs('pki/rsa-traditional-encrypted.key')]);
  rec.add({ tool: 'openssl', writtenBy: 'tool', version: v, file: 'pki/rsa-traditional-encrypted.key', secrets: [{ secret: pemBlock(rec.read('pki/rsa-traditional-encrypted.key')), kind: 'pkcs1-rsa-encrypted' }] });
  // A self-signed server bundle: certificate first, key after it, as nginx/haproxy take it in one file.
  const key = path.join(tmp, 'srv.key');
  const crt = path.join(tmp, 'srv.crt');
  await sh('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', crt, '-days', '30', '-subj', '/CN=eval.example.invalid']);
  fs.writeFileSync(rec.abs('pki/server-bundle.pem'), fs.readFileSync(crt, 'utf8') + fs.readFileSync(key, 'utf8'));
  rec.add({ tool: 'openssl', writtenBy: 'tool', version: v, file: 'pki/server-bundle.pem', secrets: [{ secret: pemBlock(rec.read('pki/server-bundle.pem')), kind: 'pkcs8-rsa-in-bundle' }], note: 'certificate then key, concatenated as haproxy takes them; the certificate is not a secret' });
  fs.copyFileSync(crt, rec.abs('pki/server.crt'));
  rec.add({ tool: 'openssl', writtenBy: 'tool', version: v, file: 'pki/server.crt', secrets: [], note: 'certificate alone: public, any finding here is a false alarm' });
  // PKCS#12 is DER: binary, so a text scanner can only skip it. Recorded so the eval shows it.
  await sh('openssl', ['pkcs12', '-export', '-inkey', key, '-in', crt, '-passout', `pass:${pass}`, '-out', rec.abs('pki/server.p12')]);
  rec.add({ tool: 'openssl', writtenBy: 'tool', version: v, file: 'pki/server.p12', secrets: [{ secret: fs.readFileSync(rec.abs('pki/server.p12')).toString('base64'), kind: 'pkcs12-binary', binary: true }], note: 'binary DER; secret is the file as base64' });
}

/** gpg --export-secret-keys --armor of batch-generated RSA and Ed25519 keys, unprotected and with a passphrase. */
async function gpg(rec, tmp) {
  await need('gpg');
  const v = await version('gpg', ['--version']);
  for (const [algo, params] of [['rsa', 'Key-Type: RSA\nKey-Length: 2048'], ['ed25519', 'Key-Type: eddsa\nKey-Curve: ed25519']]) {
    for (const enc of [false, true]) {
      const home = fs.mkdtempSync(path.join(tmp, 'gnupg-'));
      const pass = password(16);
      const spec = `${params}\nName-Real: Eval Throwaway\nName-Email: throwaway@example.invalid\nExpire-Date: 0\n${enc ? `Passphrase: ${pass}` : '%no-protection'}\n%commit\n`;
      const env = { GNUPGHOME: home };
      await sh('gpg', ['--batch', '--pinentry-mode', 'loopback', '--gen-key'], { input: spec, env });
      const out = await sh('gpg', ['--batch', '--pinentry-mode', 'loopback', `--passphrase=${pass}`, '--armor', '--export-secret-keys'], { env });
      const file = `home/gpg/${algo}${enc ? '-protected' : ''}-secret.asc`;
      rec.write(file, out);
      rec.add({ tool: 'gpg', writtenBy: 'tool', version: v, file, secrets: [{ secret: out.trim(), kind: `pgp-${algo}${enc ? '-protected' : ''}` }] });
      if (!enc) {
        rec.write(`home/gpg/${algo}-public.asc`, await sh('gpg', ['--armor', '--export'], { env }));
        rec.add({ tool: 'gpg', writtenBy: 'tool', version: v, file: `home/gpg/${algo}-public.asc`, secrets: [], note: 'public key: any finding here is a false alarm' });
      }
      await sh('gpgconf', ['--kill', 'gpg-agent'], { env, allowFail: true });
    }
  }
}

/** Java keystores from keytool (PKCS12, the default since Java 9, and JKS): binary files. */
async function keytool(rec) {
  await need('keytool');
  const v = await version('java', ['-version']);
  for (const type of ['PKCS12', 'JKS']) {
    const file = `java/keystore.${type === 'JKS' ? 'jks' : 'p12'}`;
    const pass = password(16);
    await sh('keytool', ['-genkeypair', '-alias', 'app', '-keyalg', 'RSA', '-keysize', '2048', '-dname', 'CN=eval.example.invalid', '-validity', '30', '-storetype', type, '-keystore', rec.abs(file), '-storepass', pass, '-keypass', pass], { allowFail: false });
    rec.add({ tool: 'keytool', writtenBy: 'tool', version: v, file, secrets: [{ secret: fs.readFileSync(rec.abs(file)).toString('base64'), kind: `keystore-${type.toLowerCase()}`, binary: true }], note: 'binary keystore; secret is the file as base64' });
  }
}

/** WireGuard keys from wg genkey/genpsk; the tool writes key files, wg0.conf is in wg-quick's documented format. */
async function wireguard(rec) {
  await need('wg');
  const v = await version('wg', ['--version']);
  const priv = (await sh('wg', ['genkey'])).trim();
  const peerPriv = (await sh('wg', ['genkey'])).trim();
  const peerPub = (await sh('wg', ['pubkey'], { input: `${peerPriv}\n` })).trim();
  const psk = (await sh('wg', ['genpsk'])).trim();
  rec.write('etc/wireguard/privatekey', `${priv}\n`);
  rec.add({ tool: 'wg genkey', writtenBy: 'tool', version: v, file: 'etc/wireguard/privatekey', secrets: [{ secret: priv, kind: 'wireguard-private-key' }], note: 'wg genkey > privatekey, as wg(8) shows' });
  rec.write('etc/wireguard/wg0.conf', `[Interface]\nAddress = 10.200.0.1/24\nListenPort = 51820\nPrivateKey = ${priv}\n\n[Peer]\nPublicKey = ${peerPub}\nPresharedKey = ${psk}\nAllowedIPs = 10.200.0.2/32\nEndpoint = vpn.example.invalid:51820\n`);
  rec.add({ tool: 'wireguard wg0.conf', writtenBy: 'format', version: v, file: 'etc/wireguard/wg0.conf', secrets: [{ secret: priv, kind: 'wireguard-private-key' }, { secret: psk, kind: 'wireguard-psk' }], note: 'wg-quick(8) format; keys from wg genkey/genpsk; PublicKey is public' });
}

/** OpenVPN static keys: `openvpn --genkey secret` and a tls-crypt-v2 server key. */
async function openvpn(rec) {
  await need('openvpn');
  const v = await version('openvpn', ['--version']);
  for (const [file, args, kind] of [['etc/openvpn/static.key', ['secret'], 'openvpn-static-key'], ['etc/openvpn/tls-crypt-v2-server.key', ['tls-crypt-v2-server'], 'openvpn-tls-crypt-v2']]) {
    await sh('openvpn', ['--genkey', ...args, rec.abs(file)]);
    const text = rec.read(file);
    rec.add({ tool: 'openvpn', writtenBy: 'tool', version: v, file, secrets: [{ secret: pemBlock(text, ' ') ?? text.slice(text.indexOf('-----BEGIN')).trim(), kind }] });
  }
}

export async function generate(rec, tmp) {
  await attempt(rec, 'ssh-keygen', () => sshKeygen(rec));
  await attempt(rec, 'puttygen', () => puttygen(rec, tmp));
  await attempt(rec, 'openssl', () => openssl(rec, tmp));
  await attempt(rec, 'gpg', () => gpg(rec, tmp));
  await attempt(rec, 'keytool', () => keytool(rec));
  await attempt(rec, 'wg', () => wireguard(rec));
  await attempt(rec, 'openvpn', () => openvpn(rec));
}
