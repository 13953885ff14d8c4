// What the text around a match says about it: the marks real code leaves on values that are not live secrets.
import RE2 from 're2';

// RE2, not V8: these run on text from the scanned repository, so their time must stay linear whatever it holds.

/**
 * - comment: the line is a code or markup comment (`//`, `#`, `*`, `<!--`, `--`, `;`, `REM`)
 * - local-host: the line names a local or documentation host (localhost, 127.0.0.1, example.com, *.local, *.test)
 * - user-equals-password: the value is also the user name beside it (`postgres:postgres@`, `user: admin … password: admin`)
 * - default-password: a product's stock password or a filler word (`postgres`, `changeit`, `secret123`)
 * - identifier: the value names something (a version range, path, URL, ARN, route, CSS selector, i18n key, a name made of words)
 * - form-token: a form or CSRF token in HTML (`<input type="hidden" name="csrf_token" value="…">`), made per page view
 * - named-hash: the name it is assigned to says hash or public value (`hashed_secret`, `checksum`, `pubkey`, `integrity`)
 * - named-stand-in: the name says stand-in (`dummyHash`, `fakeToken`, `EXAMPLE_KEY`, `mockSecret`)
 * - encrypted: a ciphertext with a known header (OpenSSL `Salted__`, an AWS KMS blob), useless without its key
 * - unquoted: no quote before the value; in a language whose literals are quoted, it is a variable (`token: token2`)
 */
export type MatchSignal =
  | 'comment'
  | 'local-host'
  | 'user-equals-password'
  | 'default-password'
  | 'identifier'
  | 'form-token'
  | 'named-hash'
  | 'named-stand-in'
  | 'encrypted'
  | 'unquoted';

const COMMENT_START = new RE2(/^\s*(?:\/\/|#(?:[^!{]|$)|\*|\/\*|<!--|--\s|;|%|REM\s|'\s)/i);
const LOCAL_HOST = new RE2(/(?:\blocalhost\b|\b127\.0\.0\.1\b|\b0\.0\.0\.0\b|\[::1\]|host\.docker\.internal|\bexample\.(?:com|org|net)\b|\.example\b|\.local\b|\.localhost\b|\.test\b|\.invalid\b)/i);
const FORM_TOKEN = new RE2(/(?:type\s*=\s*["']?hidden|name\s*=\s*["']?(?:[\w-]*(?:csrf|xsrf)[\w-]*|authenticity_token|_token|__RequestVerificationToken)\b|<meta\s+name\s*=\s*["'](?:csrf|xsrf)-token)/i);

/** Stock passwords of databases, brokers and dev images, and words people type as a stand-in. */
const DEFAULT_PASSWORDS = new Set([
  'postgres', 'postgresql', 'mysql', 'mariadb', 'mongo', 'mongodb', 'redis', 'rabbitmq', 'guest', 'root', 'toor', 'admin', 'administrator',
  'password', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'pass', 'passwd', 'pwd', 'secret', 'secrets', 'test', 'testing', 'tester', 'testpass',
  'testpassword', 'user', 'username', 'demo', 'default', 'changeit', 'changeme', 'letmein', 'qwerty', 'hunter2', 'foobar', 'foo', 'bar',
  'baz', 'oracle', 'tiger', 'manager', 'sa', 'minio', 'minioadmin', 'minio123', 'elastic', 'kibana', 'keycloak', 'vagrant', 'docker',
  'ubuntu', 'raspberry', 'jenkins', 'sonar', 'nexus', 'neo4j', 'couchbase', 'cassandra', 'airflow', 'grafana', 'superset', 'airbyte',
  'admin123', 'admin1234', 'password1', 'password123', 'pass123', 'pass1234', 'secret123', 'secret1', 's3cr3t', 's3cret', 'mypassword',
  'mypass', 'mysecret', 'yourpassword', 'topsecret', 'supersecret', 'abc123', '123456', '1234567', '12345678', '123456789', '1234567890',
  'dbpass', 'dbpassword', 'db_password', 'app', 'apppassword', 'example', 'sample', 'dummy', 'fake', 'mock', 'local', 'dev', 'development',
]);

const COUNTING_TAIL = new RE2(/^(?:1|12|123|1234|12345|123456|1234567|12345678|123456789)?!?$/);

/** A stock password, or one with a counting tail (`admin123`, `Password1!`): how people fill in a default. */
function isDefaultPassword(secret: string): boolean {
  const lower = secret.toLowerCase();
  if (DEFAULT_PASSWORDS.has(lower)) return true;
  let base = lower.length;
  while (base > 0 && ((lower.charCodeAt(base - 1) >= 0x30 && lower.charCodeAt(base - 1) <= 0x39) || lower[base - 1] === '!')) base -= 1;
  return base < lower.length && base >= 3 && DEFAULT_PASSWORDS.has(lower.slice(0, base)) && COUNTING_TAIL.test(lower.slice(base));
}

const VERSION_RANGE = new RE2(/^(?:[\^~]|[<>]=?|=)?\s*v?\d+(?:\.(?:\d+|x|\*))*(?:[-+][\w.-]+)?(?:\s*(?:\|\||-|\s)\s*(?:[\^~]|[<>]=?)?v?\d+(?:\.(?:\d+|x|\*))*(?:[-+][\w.-]+)?)*$/i);
const DEPENDENCY_SPEC = new RE2(/^(?:workspace:|npm:|file:|link:|git\+|github:|catalog:|latest$|next$|\*$)/);
const URL_WITHOUT_CREDENTIALS = new RE2(/^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i);
/** a file path or route; base64 holds slashes too, so it must also read as words */
const PATH_LIKE = new RE2(/^(?:~|\.{1,2})?\/[\w.@%+~/-]*$/);
const ARN = new RE2(/^arn:[\w-]*:/);
/** an e-mail address: a login name, not its password (signIn("tenant", "ann@acme.io", …)) */
const EMAIL = new RE2(/^[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}$/);
const CSS_SELECTOR = new RE2(/^(?:[.#][A-Za-z_-][\w-]*|\[[\w-]+(?:[~|^$*]?=[^\]]*)?\])(?:[\s>+~.#:[][\w\s>+~.#:[\]="'-]*)?$/);
/** i18n keys and property paths (`auth.password.label`): letters only between the dots, as generated values rarely are */
/** a phrase: UI text, not a credential (secrets carry no spaces between words) */
const PHRASE = new RE2(/^[A-Za-z][A-Za-z'’,.!?]*(?:\s+[A-Za-z'’,.!?:]+){2,}$/);
const DOTTED_KEY = new RE2(/^[A-Za-z_]+(?:\.[A-Za-z_]+)+$/);
/** Lowercase words joined by `_`, `-`, `.` or camelCase humps, with no digits: how names look, not how generated secrets look. */
const WORDS_ONLY = new RE2(/^[A-Za-z]+(?:[_.-]?[A-Za-z]+)*$/);
const NAMING_WORD = new RE2(/(?:pass|pwd|secret|token|key|auth|cred|login|user|name|field|input|label|hash|salt)/i);

const QUOTES_AROUND = new RE2(/^["'`]|["'`]$/g);

/** Type names and keywords that stand where a value would (`password: 'string'`, `password: '?string'`). */
const TYPE_WORDS = new Set(['string', 'number', 'boolean', 'bool', 'object', 'any', 'unknown', 'null', 'undefined', 'true', 'false', 'private', 'public',
  'protected', 'required', 'optional', 'text', 'varchar', 'char', 'bytes', 'buffer', 'secret', 'password', 'token', 'str', 'int']);
/** Code rather than a literal: optional chaining, non-null assertions, calls, statement ends, generics, hex constants. */
const CODE = new RE2(/(?:=[\w$]+\.[\w$]|\$\{[^}]*\}|\?\.|[\w$)\]]![.,;)]|->|\+\+|[;,]$|;\S|\(\)|[\w$]\(|\)\{|=>|<[\w$]+>|\[[\w$-]*\]\.|^0x[0-9a-f]+$)/i);
const URN = new RE2(/^urn:[a-z0-9][a-z0-9-]{0,31}:/i);
/** `word:` a user name prefix (`x-token-auth:`), and UPPER_SNAKE constants (`V1_ACCESS_TOKEN`) */
const NAME_PREFIX_OR_CONSTANT = new RE2(/^[A-Za-z][\w-]*:$|^_*[A-Z][A-Z0-9]*(?:_+[A-Z0-9]+)+_*$/);
/** words joined by / or : (`auth/invalid-api-key`, `dd:has-missing-map-files`): names, when made of words */
const SLASHED = new RE2(/^[\w@.$-]+(?:[/:][\w@.$-]+)+$/);
const IDENTIFIER_CHARS = new RE2(/^[A-Za-z_$][\w$]*$/);
const CAPITALIZED_WORD = new RE2(/[A-Z][a-z]{2,}/g);

/**
 * Share of letters that sit in word-like runs (three or more lowercase letters, with the capital before them):
 * near 1 for identifiers and words (`serializePostOAuth2Token`, `auth/invalid-api-key`), around 0.3 for random base64.
 */
export function wordiness(value: string): number {
  let letters = 0;
  let inWords = 0;
  const isLower = (c: number) => c >= 0x61 && c <= 0x7a;
  const isUpper = (c: number) => c >= 0x41 && c <= 0x5a;
  for (let i = 0; i < value.length; ) {
    const c = value.charCodeAt(i);
    if (!isLower(c)) {
      if (isUpper(c)) letters += 1;
      i += 1;
      continue;
    }
    let j = i;
    while (j < value.length && isLower(value.charCodeAt(j))) j += 1;
    letters += j - i;
    const run = j - i + (i > 0 && isUpper(value.charCodeAt(i - 1)) ? 1 : 0);
    if (run >= 3) inWords += run;
    i = j;
  }
  return letters === 0 ? 0 : inWords / letters;
}

/** camelCase and PascalCase names of three or more words, as generated SDKs are full of; random tokens rarely are. */
function isCamelIdentifier(value: string): boolean {
  const bare = value.replace(TRAILING_PADDING, '');
  if (bare.length < 12 || !IDENTIFIER_CHARS.test(bare)) return false;
  CAPITALIZED_WORD.lastIndex = 0;
  let humps = 0;
  while (CAPITALIZED_WORD.exec(bare) && humps < 3) humps += 1;
  return humps >= 3 && wordiness(bare) >= 0.8;
}
const TRAILING_PADDING = new RE2(/=+$/);

/** Mostly letters outside ASCII (CJK, Thai, Cyrillic …): UI text in a translation, not a credential. */
function isForeignText(value: string): boolean {
  let foreign = 0;
  for (const char of value) if (char.charCodeAt(0) > 0x2ff) foreign += 1;
  return foreign >= 2 && foreign * 2 >= [...value].length;
}

function isIdentifier(secret: string, name: string | undefined): boolean {
  const value = secret.replace(QUOTES_AROUND, '');
  // an enum member whose value is its own name: v1Token: "v1Token"
  if (name !== undefined && name.toLowerCase() === value.toLowerCase()) return true;
  if (isForeignText(value)) return true;
  if (TYPE_WORDS.has((value.startsWith('?') ? value.slice(1) : value).toLowerCase()) || CODE.test(value) || URN.test(value) || NAME_PREFIX_OR_CONSTANT.test(value)) return true;
  if (SLASHED.test(value) && wordiness(value) >= 0.8) return true;
  if (isCamelIdentifier(value)) return true;
  if (VERSION_RANGE.test(value) || DEPENDENCY_SPEC.test(value)) return true;
  if (URL_WITHOUT_CREDENTIALS.test(value) || ARN.test(value) || EMAIL.test(value) || (PATH_LIKE.test(value) && wordiness(value) >= 0.6)) return true;
  if (CSS_SELECTOR.test(value) || DOTTED_KEY.test(value)) return true;
  if (PHRASE.test(value)) return true;
  return WORDS_ONLY.test(value) && NAMING_WORD.test(value);
}

const USER_NEARBY = new RE2(/\b(?:user(?:_?name)?|login|uid|db_?user|POSTGRES_USER|MYSQL_USER)["']?\s*(?:[:=]|=>)\s*["']?([^\s"',;]+)/gi);

/** `scheme://user:password@` with both the same, or a user field within two lines that holds the same value. */
function userEqualsPassword(lines: string, secret: string): boolean {
  if (lines.includes(`://${secret}:${secret}@`)) return true;
  USER_NEARBY.lastIndex = 0;
  for (let match = USER_NEARBY.exec(lines); match; match = USER_NEARBY.exec(lines)) if (match[1] === secret) return true;
  return false;
}

/** Lines are read at most this far from the match: bounded on minified files with thousands of matches on one line. */
const READ_CAP = 2048;

/** The match's line and `extra` lines on each side, cut at READ_CAP bytes each way. */
function linesAround(data: Buffer, offset: number, end: number, extra: number): string {
  let start = offset;
  const lowest = Math.max(0, offset - READ_CAP);
  for (let seen = 0; start > lowest; start -= 1) if (data[start - 1] === 0x0a && ++seen > extra) break;
  let stop = end;
  const highest = Math.min(data.length, end + READ_CAP);
  for (let seen = 0; stop < highest; stop += 1) if (data[stop] === 0x0a && ++seen > extra) break;
  return data.toString('utf8', start, stop);
}

/** The name a value is assigned to on its line: `hashed_secret": "`, `const dummyHash = '`, `pubkey: '`. */
const ASSIGNED_NAME = new RE2(/([A-Za-z_$][\w$-]*)["'`]?\s*(?:[:=]|=>|:=)\s*["'`]?$/);
const HASH_NAME = new RE2(/(?:hash|sha\d*|md5|digest|checksum|integrity|fingerprint|etag|pub_?key|public_?key|publickey)/i);
const BARE_DIGEST = new RE2(/^[A-Za-z0-9+/=_-]+$/);
const STAND_IN_NAME = new RE2(/(?:dummy|fake|example|sample|mock|placeholder|fixture)/i);
/** OpenSSL `Salted__` (base64 U2FsdGVkX1) and AWS KMS ciphertext blobs (AQICAH / AQIDAH) */
const ENCRYPTED = new RE2(/^(?:U2FsdGVkX1|AQ[IE]C?AH)/);

function assignedName(data: Buffer, offset: number): string | undefined {
  let start = offset;
  const lowest = Math.max(0, offset - 160);
  while (start > lowest && data[start - 1] !== 0x0a) start -= 1;
  return ASSIGNED_NAME.exec(data.toString('utf8', start, offset))?.[1];
}

/** Signals for one match: what the line (and the two around it, for a user name) says; the secret and its offset must come from `data`. */
export function matchSignals(data: Buffer, offset: number, length: number, secret: string): MatchSignal[] {
  const signals: MatchSignal[] = [];
  const line = linesAround(data, offset, offset + length, 0);
  if (COMMENT_START.test(line)) signals.push('comment');
  if (LOCAL_HOST.test(line)) signals.push('local-host');
  if (userEqualsPassword(linesAround(data, offset, offset + length, 2), secret)) signals.push('user-equals-password');
  if (isDefaultPassword(secret)) signals.push('default-password');
  const name = assignedName(data, offset);
  if (isIdentifier(secret, name)) signals.push('identifier');
  if (FORM_TOKEN.test(line)) signals.push('form-token');
  // a bare hex or base64 digest under such a name; a crypt-format hash ($2y$…) under it is what the hash rules are for
  if (name !== undefined && HASH_NAME.test(name) && BARE_DIGEST.test(secret)) signals.push('named-hash');
  if (name !== undefined && STAND_IN_NAME.test(name)) signals.push('named-stand-in');
  if (ENCRYPTED.test(secret)) signals.push('encrypted');
  // a value standing alone after = or :, unquoted; a password inside a URI (…:pw@host) is part of a literal
  let at = offset;
  while (at > 0 && (data[at - 1] === 0x20 || data[at - 1] === 0x09)) at -= 1;
  const operator = at > 0 ? data[at - 1] : 0;
  if ((operator === 0x3d || operator === 0x3a) && data[offset + length] !== 0x40) signals.push('unquoted');
  return signals;
}
