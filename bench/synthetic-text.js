// Deterministic text for the synthetic repo: a seeded PRNG, filler lines per file type, decoys, and invented secrets.
import zlib from 'node:zlib';

/** mulberry32: small, fast, and identical on every platform. */
export function makeRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return {
    next,
    int,
    range: (lo, hi) => lo + int(hi - lo + 1),
    chance: (p) => next() < p,
    pick: (arr) => arr[int(arr.length)],
    str: (alphabet, n) => {
      let s = '';
      for (let i = 0; i < n; i++) s += alphabet[int(alphabet.length)];
      return s;
    },
  };
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = UPPER + LOWER + DIGITS;
const BASE32 = UPPER + '234567';
const B64 = ALNUM + '+/';
const HEX = '0123456789abcdef';

const WORDS = (
  'account buffer cache client config cursor data delta entry event filter frame handler index item key ' +
  'layer limit list loader manager message metric node offset option order page parser payload queue ' +
  'record region report request result retry route schema session shard signal source state stream ' +
  'task tenant token timer user value vector window worker'
).split(' ');
const VERBS = 'build check create decode emit fetch flush format load merge parse read render resolve send sync update write'.split(' ');

export function ident(rng) {
  const w = rng.pick(WORDS);
  return rng.chance(0.5) ? rng.pick(VERBS) + w[0].toUpperCase() + w.slice(1) : w;
}

function sentence(rng) {
  const n = rng.range(4, 12);
  const words = Array.from({ length: n }, () => rng.pick(rng.chance(0.3) ? VERBS : WORDS));
  return words.join(' ');
}

function expr(rng) {
  switch (rng.int(6)) {
    case 0: return String(rng.int(10000));
    case 1: return `'${rng.pick(WORDS)}-${rng.pick(WORDS)}'`;
    case 2: return `${ident(rng)}(${ident(rng)}, ${rng.int(100)})`;
    case 3: return `${ident(rng)}.${rng.pick(WORDS)} ?? ${rng.int(64)}`;
    case 4: return `[${ident(rng)}, ${ident(rng)}]`;
    default: return `${ident(rng)} + ${ident(rng)}.length`;
  }
}

/**
 * Plausible look-alikes: empty or variable-backed credentials, documentation placeholders, checksums.
 * None is a secret; a scanner flagging them is a false positive worth knowing about.
 */
const DECOYS = [
  () => 'password = os.environ.get("DB_PASSWORD")',
  () => 'password: ${DB_PASSWORD}',
  () => 'aws_secret_access_key = <your-secret-access-key>',
  () => 'token = "xoxb-your-token-here"',
  () => 'github_token: ${{ secrets.GITHUB_TOKEN }}',
  () => 'const password = process.env.ADMIN_PASSWORD;',
  (rng) => `checksum = "${rng.str(HEX, 40)}"`,
  (rng) => `integrity: sha512-${rng.str(B64, 86)}==`,
  (rng) => `request_id = "${rng.str(HEX, 8)}-${rng.str(HEX, 4)}-${rng.str(HEX, 4)}-${rng.str(HEX, 4)}-${rng.str(HEX, 12)}"`,
];

export const FILE_TYPES = ['js', 'ts', 'py', 'yaml', 'ini', 'env', 'md', 'sh', 'json'];

/** One filler line for a file of the given extension. */
export function fillerLine(rng, ext) {
  if (rng.chance(0.004)) return rng.pick(DECOYS)(rng);
  switch (ext) {
    case 'js':
    case 'ts': {
      const r = rng.int(7);
      if (r === 0) return `export function ${ident(rng)}(${ident(rng)}, ${ident(rng)}) {`;
      if (r === 1) return `  const ${ident(rng)} = ${expr(rng)};`;
      if (r === 2) return `  if (${ident(rng)} > ${rng.int(512)}) return ${expr(rng)};`;
      if (r === 3) return `  // ${sentence(rng)}`;
      if (r === 4) return `import { ${ident(rng)} } from './${rng.pick(WORDS)}.${ext}';`;
      if (r === 5) return '}';
      return `  ${ident(rng)}.${rng.pick(VERBS)}(${expr(rng)});`;
    }
    case 'py': {
      const r = rng.int(5);
      if (r === 0) return `def ${ident(rng)}(${ident(rng)}, ${ident(rng)}=None):`;
      if (r === 1) return `    ${ident(rng)} = ${expr(rng)}`;
      if (r === 2) return `    # ${sentence(rng)}`;
      if (r === 3) return `    return ${ident(rng)}`;
      return `from ${rng.pick(WORDS)}.${rng.pick(WORDS)} import ${ident(rng)}`;
    }
    case 'yaml':
      return rng.chance(0.2) ? `${rng.pick(WORDS)}:` : `  ${rng.pick(WORDS)}_${rng.pick(WORDS)}: ${rng.chance(0.5) ? rng.int(9999) : rng.pick(WORDS)}`;
    case 'ini':
      return rng.chance(0.1) ? `[${rng.pick(WORDS)}]` : `${rng.pick(WORDS)}_${rng.pick(WORDS)} = ${rng.chance(0.5) ? rng.int(9999) : rng.pick(WORDS)}`;
    case 'env':
      return `${rng.pick(WORDS).toUpperCase()}_${rng.pick(WORDS).toUpperCase()}=${rng.chance(0.5) ? rng.int(9999) : rng.pick(WORDS)}`;
    case 'md':
      return rng.chance(0.1) ? `## ${sentence(rng)}` : sentence(rng) + '.';
    case 'sh':
      return rng.chance(0.3) ? `export ${rng.pick(WORDS).toUpperCase()}_DIR="/srv/${rng.pick(WORDS)}"` : `${rng.pick(['echo', 'mkdir -p', 'rm -f', 'cp'])} ${rng.pick(WORDS)}/${rng.pick(WORDS)}`;
    default:
      return `  "${rng.pick(WORDS)}_${rng.pick(WORDS)}": ${rng.chance(0.5) ? rng.int(9999) : `"${rng.pick(WORDS)}"`},`;
  }
}

// ---- invented, shape-valid secrets -------------------------------------------------------------------

function base62(n, width) {
  let s = '';
  while (n > 0) {
    s = ALNUM[n % 62] + s; // ordering of the alphabet does not matter for shape
    n = Math.floor(n / 62);
  }
  return s.padStart(width, '0');
}

export const SECRET_MAKERS = {
  'aws-access-key-id': (rng) => 'AKIA' + rng.str(BASE32, 16),
  'aws-secret-access-key': (rng) => rng.str(B64, 40),
  // GitHub tokens end in a CRC32 of the random part, base62-encoded, so checksum-aware rules accept them.
  'github-pat': (rng) => {
    const body = rng.str(ALNUM, 30);
    return 'ghp_' + body + base62(zlib.crc32(body), 6);
  },
  'slack-bot-token': (rng) => `xoxb-${rng.str(DIGITS, 1).replace('0', '1')}${rng.str(DIGITS, 11)}-${rng.str(DIGITS, 13)}-${rng.str(ALNUM, 24)}`,
  'stripe-live-key': (rng) => 'sk_live_' + rng.str(ALNUM, rng.range(24, 34)),
  'rsa-private-key': (rng) => {
    const body = 'MIIEowIBAAKCAQEA' + rng.str(B64, 1570) + 'AQAB';
    const lines = ['-----BEGIN RSA PRIVATE KEY-----'];
    for (let i = 0; i < body.length; i += 64) lines.push(body.slice(i, i + 64));
    lines.push('-----END RSA PRIVATE KEY-----');
    return lines.join('\n');
  },
  password: (rng) => {
    const alphabet = ALNUM + '!#%&*+-=?@^_';
    for (;;) {
      const p = rng.str(alphabet, 16);
      if (new Set(p).size >= 13 && /[A-Z]/.test(p) && /[a-z]/.test(p) && /[0-9]/.test(p)) return p;
    }
  },
};
