// Files no installable tool here writes, in the exact layout their own documentation gives ("writtenBy": "format"), and the real tools that could not run.
import crypto from 'node:crypto';
import { alnum, attempt, awsPair, githubToken, hex, password, randomFrom, user } from './lib.js';

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const base64 = (s) => Buffer.from(s).toString('base64');

/** WinSCP's stored-password obfuscation (its documented "simple" algorithm: key = user + host, each byte ~(b ^ 0xA3) as hex, padded to 50 bytes). */
function winscpEncrypt(pass, userName, host) {
  const enc = (b) => ((~(b ^ 0xa3)) & 0xff).toString(16).toUpperCase().padStart(2, '0');
  const s = Buffer.from(userName + host + pass, 'latin1');
  const shift = s.length < 50 ? Math.floor(Math.random() * (50 - s.length)) : 0;
  let out = enc(0xff) + enc(0) + enc(s.length) + enc(shift);
  for (let i = 0; i < shift; i += 1) out += enc(Math.floor(Math.random() * 256));
  for (const b of s) out += enc(b);
  while (out.length < 100) out += enc(Math.floor(Math.random() * 256));
  return out;
}

/** HeidiSQL's password encoding in its settings export: each char + a salt digit as two hex digits, the salt appended. */
function heidiEncode(pass) {
  const salt = 1 + Math.floor(Math.random() * 9);
  return [...pass].map((c) => (c.charCodeAt(0) + salt).toString(16).toUpperCase().padStart(2, '0')).join('') + salt;
}

/** Each builder returns {file, content, secrets, note?}; secrets as in Recorder.add. */
const builders = {
  netrc() {
    const ftp = password(18);
    const heroku = crypto.randomUUID();
    return { file: 'home/.netrc', content: `machine ftp.example.invalid\n  login ${user()}\n  password ${ftp}\nmachine api.heroku.com\n  login ops@example.invalid\n  password ${heroku}\nmachine git.heroku.com\n  login ops@example.invalid\n  password ${heroku}\n`,
      secrets: [{ secret: ftp, kind: 'netrc-password' }, { secret: heroku, kind: 'heroku-api-key-netrc', span: { line: 6, endLine: 9 } }], note: 'netrc(5) layout as curl and ftp read it; the heroku entries as the Heroku CLI writes them: one key on two lines (api and git), so either line counts' };
  },
  pgpass() {
    const a = password(18);
    const b = password(18);
    return { file: 'home/.pgpass', content: `# hostname:port:database:username:password\ndb.example.invalid:5432:shop:app_rw:${a}\n*:5432:*:replicator:${b}\n`,
      secrets: [{ secret: a, kind: 'pgpass-password' }, { secret: b, kind: 'pgpass-password' }], note: 'PostgreSQL libpq-pgpass format (no PostgreSQL tool writes this file)' };
  },
  mycnf() {
    const p = password(18);
    return { file: 'home/.my.cnf', content: `[client]\nuser=app\npassword=${p}\nhost=db.example.invalid\n\n[mysqldump]\nsingle-transaction\n`, secrets: [{ secret: p, kind: 'mycnf-password' }], note: 'MySQL option-file [client] section' };
  },
  msmtp() {
    const p = password(18);
    return { file: 'home/.msmtprc', content: `defaults\nauth on\ntls on\ntls_trust_file /etc/ssl/certs/ca-certificates.crt\n\naccount example\nhost smtp.example.invalid\nport 587\nfrom alerts@example.invalid\nuser alerts@example.invalid\npassword ${p}\n\naccount default : example\n`, secrets: [{ secret: p, kind: 'msmtp-password' }], note: 'msmtp(1) configuration file' };
  },
  fetchmail() {
    const p = password(18);
    return { file: 'home/.fetchmailrc', content: `set daemon 300\npoll pop.example.invalid protocol pop3\n  user "inbox@example.invalid" there with password "${p}" is "me" here\n  ssl\n`, secrets: [{ secret: p, kind: 'fetchmail-password' }], note: 'fetchmail(1) run-control syntax' };
  },
  mutt() {
    const imap = password(18);
    const smtp = password(18);
    return { file: 'home/.muttrc', content: `set imap_user = "me@example.invalid"\nset imap_pass = "${imap}"\nset folder = "imaps://imap.example.invalid:993"\nset spoolfile = "+INBOX"\nset smtp_url = "smtp://me@example.invalid@smtp.example.invalid:587/"\nset smtp_pass = "${smtp}"\n`,
      secrets: [{ secret: imap, kind: 'mutt-imap-pass' }, { secret: smtp, kind: 'mutt-smtp-pass' }], note: 'muttrc(5) variables' };
  },
  pypirc() {
    const token = `pypi-AgEIcHlwaS5vcmcCJ${randomFrom(B64URL, 150)}`;
    const p = password(18);
    return { file: 'home/.pypirc', content: `[distutils]\nindex-servers =\n    pypi\n    internal\n\n[pypi]\nusername = __token__\npassword = ${token}\n\n[internal]\nrepository = https://pypi.example.invalid/\nusername = ${user()}\npassword = ${p}\n`,
      secrets: [{ secret: token, kind: 'pypi-token' }, { secret: p, kind: 'pypirc-password' }], note: '.pypirc as the PyPA packaging guide documents it' };
  },
  gradle() {
    const a = password(18);
    const b = password(18);
    return { file: 'home/.gradle/gradle.properties', content: `org.gradle.jvmargs=-Xmx2g\nsigning.keyId=${hex(4).toUpperCase()}\nsigning.password=${a}\nsigning.secretKeyRingFile=/home/me/.gnupg/secring.gpg\nossrhUsername=${user()}\nossrhPassword=${b}\n`,
      secrets: [{ secret: a, kind: 'gradle-signing-password' }, { secret: b, kind: 'gradle-repo-password' }], note: 'gradle.properties as the Gradle signing plugin and OSSRH guide document it' };
  },
  docker() {
    const name = user();
    const p = password(20);
    const auth = base64(`${name}:${p}`);
    return { file: 'home/.docker/config.json', content: `{\n\t"auths": {\n\t\t"registry.example.invalid": {\n\t\t\t"auth": "${auth}"\n\t\t}\n\t}\n}`,
      secrets: [{ secret: auth, accept: [`${name}:${p}`, p], kind: 'docker-auth' }], note: 'docker login writes this with no credential helper; docker login itself needs a daemon and a registry' };
  },
  cargo() {
    const t = `cio${alnum(32)}`;
    return { file: 'home/.cargo/credentials.toml', content: `[registry]\ntoken = "${t}"\n`, secrets: [{ secret: t, kind: 'crates-token' }], note: 'what cargo login writes' };
  },
  composer() {
    const p = password(18);
    const gh = githubToken('ghp_');
    return { file: 'home/.composer/auth.json', content: `{\n    "http-basic": {\n        "repo.example.invalid": {\n            "username": "${user()}",\n            "password": "${p}"\n        }\n    },\n    "github-oauth": {\n        "github.com": "${gh}"\n    }\n}\n`,
      secrets: [{ secret: p, kind: 'composer-http-basic-password' }, { secret: gh, kind: 'github-token' }], note: 'composer auth.json as composer config --global writes it' };
  },
  yarnrc() {
    const t = `npm_${alnum(36)}`;
    return { file: 'project/.yarnrc.yml', content: `nodeLinker: node-modules\nnpmRegistryServer: "https://registry.npmjs.org"\nnpmAuthToken: ${t}\n`, secrets: [{ secret: t, kind: 'npm-auth-token' }], note: 'Yarn Berry .yarnrc.yml (yarn config set npmAuthToken)' };
  },
  gh() {
    const t = `gho_${alnum(36)}`;
    return { file: 'home/.config/gh/hosts.yml', content: `github.com:\n    user: octo-eval\n    oauth_token: ${t}\n    git_protocol: https\n`, secrets: [{ secret: t, kind: 'github-oauth-token' }], note: 'gh 2.x hosts.yml with the token stored in the file (no keyring)' };
  },
  doctl() {
    const t = `dop_v1_${hex(32)}`;
    return { file: 'home/.config/doctl/config.yaml', content: `access-token: ${t}\ncontext: default\noutput: text\n`, secrets: [{ secret: t, kind: 'digitalocean-token' }], note: 'doctl auth init writes this' };
  },
  terraform() {
    const t = `${alnum(14)}.atlasv1.${alnum(67)}`;
    return { file: 'home/.terraform.d/credentials.tfrc.json', content: `{\n  "credentials": {\n    "app.terraform.io": {\n      "token": "${t}"\n    }\n  }\n}\n`, secrets: [{ secret: t, kind: 'terraform-cloud-token' }], note: 'what terraform login writes' };
  },
  vault() {
    const t = `hvs.${randomFrom(B64URL, 91)}`;
    return { file: 'home/.vault-token', content: t, secrets: [{ secret: t, kind: 'vault-token' }], note: 'the vault CLI token helper file (no newline)' };
  },
  databricks() {
    const t = `dapi${hex(16)}`;
    return { file: 'home/.databrickscfg', content: `[DEFAULT]\nhost = https://adb-1234567890123456.7.azuredatabricks.net\ntoken = ${t}\n`, secrets: [{ secret: t, kind: 'databricks-token' }], note: 'databricks configure --token writes this' };
  },
  huggingface() {
    const t = `hf_${randomFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34)}`;
    return { file: 'home/.cache/huggingface/token', content: t, secrets: [{ secret: t, kind: 'huggingface-token' }], note: 'huggingface-cli login writes the bare token' };
  },
  smbcredentials() {
    const p = password(18);
    return { file: 'home/.smbcredentials', content: `username=${user()}\npassword=${p}\ndomain=EXAMPLE\n`, secrets: [{ secret: p, kind: 'smb-credentials-password' }], note: 'smbclient -A / mount.cifs credentials= file' };
  },
  fstab() {
    const p = password(18);
    return { file: 'etc/fstab', content: `# <file system> <mount point> <type> <options> <dump> <pass>\nUUID=0a1b2c3d-0000-4000-8000-000000000001 / ext4 errors=remount-ro 0 1\n//nas.example.invalid/share /mnt/share cifs username=${user()},password=${p},uid=1000,gid=1000,iocharset=utf8 0 0\n`,
      secrets: [{ secret: p, kind: 'fstab-cifs-password' }], note: 'mount.cifs options inline in fstab(5)' };
  },
  davfs2() {
    const p = password(18);
    return { file: 'etc/davfs2/secrets', content: `# davfs2 secrets file\nhttps://dav.example.invalid/remote.php/webdav ${user()} ${p}\n`, secrets: [{ secret: p, kind: 'davfs2-password' }], note: 'davfs2.conf(5) secrets file: url user password' };
  },
  postfix() {
    const p = password(18);
    return { file: 'etc/postfix/sasl_passwd', content: `[smtp.example.invalid]:587 relay@example.invalid:${p}\n`, secrets: [{ secret: p, kind: 'postfix-sasl-password' }], note: 'postfix SASL_README smtp_sasl_password_maps source (postmap makes the binary .db)' };
  },
  aptAuth() {
    const p = password(18);
    return { file: 'etc/apt/auth.conf.d/private.conf', content: `machine apt.example.invalid/debian\nlogin ${user()}\npassword ${p}\n`, secrets: [{ secret: p, kind: 'apt-auth-password' }], note: 'apt_auth.conf(5)' };
  },
  s3fs() {
    const k = awsPair();
    return { file: 'etc/passwd-s3fs', content: `${k.id}:${k.secret}\n`, secrets: [{ secret: k.id, kind: 'aws-access-key-id' }, { secret: k.secret, kind: 'aws-secret-access-key' }], note: 's3fs passwd file ACCESS_KEY_ID:SECRET_ACCESS_KEY' };
  },
  tomcat() {
    const p = password(18);
    return { file: 'etc/tomcat/tomcat-users.xml', content: `<?xml version="1.0" encoding="UTF-8"?>\n<tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">\n  <role rolename="manager-gui"/>\n  <user username="admin" password="${p}" roles="manager-gui"/>\n</tomcat-users>\n`, secrets: [{ secret: p, kind: 'tomcat-users-password' }], note: 'Tomcat tomcat-users.xml' };
  },
  gitlabRunner() {
    const t = `glrt-${randomFrom(B64URL, 20)}`;
    return { file: 'etc/gitlab-runner/config.toml', content: `concurrent = 2\n\n[[runners]]\n  name = "build-01"\n  url = "https://gitlab.example.invalid/"\n  token = "${t}"\n  executor = "docker"\n  [runners.docker]\n    image = "alpine:3.19"\n`, secrets: [{ secret: t, kind: 'gitlab-runner-token' }], note: 'what gitlab-runner register writes' };
  },
  nuget() {
    const p = password(18);
    return { file: 'project/NuGet.Config', content: `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n    <add key="internal" value="https://nuget.example.invalid/v3/index.json" />\n  </packageSources>\n  <packageSourceCredentials>\n    <internal>\n      <add key="Username" value="${user()}" />\n      <add key="ClearTextPassword" value="${p}" />\n    </internal>\n  </packageSourceCredentials>\n</configuration>\n`,
      secrets: [{ secret: p, kind: 'nuget-cleartext-password' }], note: 'nuget sources add -StorePasswordInClearText writes this' };
  },
  filezilla() {
    const p = password(18);
    return { file: 'home/.config/filezilla/sitemanager.xml', content: `<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>\n<FileZilla3 version="3.63.2" platform="*nix">\n\t<Servers>\n\t\t<Server>\n\t\t\t<Host>ftp.example.invalid</Host>\n\t\t\t<Port>21</Port>\n\t\t\t<Protocol>0</Protocol>\n\t\t\t<Type>0</Type>\n\t\t\t<User>${user()}</User>\n\t\t\t<Pass encoding="base64">${base64(p)}</Pass>\n\t\t\t<Logontype>1</Logontype>\n\t\t\t<PasvMode>MODE_DEFAULT</PasvMode>\n\t\t\t<EncodingType>Auto</EncodingType>\n\t\t\t<BypassProxy>0</BypassProxy>\n\t\t\t<Name>Production</Name>\n\t\t\t<SyncBrowsing>0</SyncBrowsing>\n\t\t\t<DirectoryComparison>0</DirectoryComparison>\n\t\t</Server>\n\t</Servers>\n</FileZilla3>\n`,
      secrets: [{ secret: base64(p), accept: [p], kind: 'filezilla-base64-pass' }], note: 'FileZilla 3 site manager, password stored (no master password)' };
  },
  filezillaRecent() {
    const p = password(18);
    return { file: 'home/.config/filezilla/recentservers.xml', content: `<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>\n<FileZilla3 version="3.63.2" platform="*nix">\n\t<RecentServers>\n\t\t<Server>\n\t\t\t<Host>sftp.example.invalid</Host>\n\t\t\t<Port>22</Port>\n\t\t\t<Protocol>1</Protocol>\n\t\t\t<Type>0</Type>\n\t\t\t<User>${user()}</User>\n\t\t\t<Pass encoding="base64">${base64(p)}</Pass>\n\t\t\t<Logontype>1</Logontype>\n\t\t</Server>\n\t</RecentServers>\n</FileZilla3>\n`,
      secrets: [{ secret: base64(p), accept: [p], kind: 'filezilla-base64-pass' }] };
  },
  winscp() {
    const name = user();
    const host = 'sftp.example.invalid';
    const p = password(14);
    const enc = winscpEncrypt(p, name, host);
    return { file: 'windows/WinSCP.ini', content: `[Configuration\\Interface]\r\nRandomSeedFile=%APPDATA%\\winscp.rnd\r\n\r\n[Sessions\\${name}@${host}]\r\nHostName=${host}\r\nUserName=${name}\r\nPassword=${enc}\r\nFSProtocol=2\r\n`,
      secrets: [{ secret: enc, accept: [p], kind: 'winscp-obfuscated-password' }], note: 'WinSCP.ini (CRLF), password with WinSCP\'s reversible obfuscation' };
  },
  heidisql() {
    const p = password(16);
    const enc = heidiEncode(p);
    return { file: 'windows/heidisql_portable_settings.txt', content: `Servers\\Prod DB\\Host<|||>1<|||>db.example.invalid\r\nServers\\Prod DB\\User<|||>1<|||>app\r\nServers\\Prod DB\\Password<|||>1<|||>${enc}\r\nServers\\Prod DB\\Port<|||>1<|||>3306\r\n`,
      secrets: [{ secret: enc, accept: [p], kind: 'heidisql-encoded-password' }], note: 'HeidiSQL settings export, password with its reversible encoding' };
  },
  sublimeSftp() {
    const p = password(18);
    return { file: 'project/sftp-config.json', content: `{\n    "type": "sftp",\n    "save_before_upload": true,\n    "upload_on_save": false,\n    "host": "www.example.invalid",\n    "user": "deploy",\n    "password": "${p}",\n    "remote_path": "/var/www/site/",\n    "connect_timeout": 30\n}\n`,
      secrets: [{ secret: p, kind: 'sftp-config-password' }], note: 'Sublime SFTP sftp-config.json' };
  },
};

/** Real tools that write one of these files but could not run here, and why (the file above is then format-only). */
const UNAVAILABLE = {
  'mysql_config_editor': 'Debian 12 has no mysql-client; MariaDB does not ship mysql_config_editor (.mylogin.cnf)',
  'docker login': 'needs a Docker daemon and a registry; the docker CLI here has no daemon',
  'terraform login': 'talks to app.terraform.io (no network)',
  'gh auth login': 'validates the token against api.github.com (no network)',
  'cargo login': 'rustup has no toolchain installed and none can be downloaded',
  'doctl auth init': 'not packaged in Debian; validates against the API',
  'vault login': 'not packaged in Debian; needs a Vault server',
  'heroku login': 'not packaged; needs the Heroku API',
  'huggingface-cli login': 'not packaged in Debian; validates the token online',
  'nuget sources add': 'nuget (mono) not installed here: about 300 MB of mono for one file',
  'gitlab-runner register': 'not packaged in Debian 12; registers against a GitLab server',
  'databricks configure': 'not packaged',
  'FileZilla / WinSCP / HeidiSQL': 'desktop GUI programs: files written in their documented format',
};

export async function generate(rec) {
  for (const [name, build] of Object.entries(builders)) {
    await attempt(rec, name, async () => {
      const { file, content, secrets, note } = build();
      rec.write(file, content);
      rec.add({ tool: name, writtenBy: 'format', file, secrets, note });
    });
  }
  for (const [tool, reason] of Object.entries(UNAVAILABLE)) rec.unavailable(tool, reason);
}
