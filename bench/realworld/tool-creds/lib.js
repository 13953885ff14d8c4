// Shared helpers for the tool-credential generator: fresh random secrets, running tools, and recording what each wrote.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import os from 'node:os';
import { run } from '../../exec.js';

export { run };

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** n characters drawn uniformly from an alphabet with node's CSPRNG. */
export function randomFrom(alphabet, n) {
  let s = '';
  for (let i = 0; i < n; i += 1) s += alphabet[crypto.randomInt(alphabet.length)];
  return s;
}

/**
 * A password as a person's password manager makes it: letters, digits and a few punctuation marks that survive
 * INI, YAML, XML, shell and URL contexts unquoted (no '#', ';', '%', quotes), so every tool stores it verbatim.
 */
export function password(n = 20) {
  // First character alphanumeric: a leading '-' makes some CLIs (gpg --passphrase X) read the password as an option.
  const p = randomFrom(ALNUM, 1) + randomFrom(`${ALNUM}-_.!`, n - 1);
  // Guarantee a digit and both cases so no run produces an all-letters "word" by chance.
  return `${p}${randomFrom('0123456789', 1)}${randomFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1)}${randomFrom('abcdefghijklmnopqrstuvwxyz', 1)}`;
}

export const alnum = (n) => randomFrom(ALNUM, n);
export const hex = (bytes) => crypto.randomBytes(bytes).toString('hex');
export const b64 = (bytes) => crypto.randomBytes(bytes).toString('base64');
export const user = () => `svc_${randomFrom('abcdefghijklmnopqrstuvwxyz', 6)}`;

/** GitHub-style token: prefix + 30 random base62 + CRC32 of those as 6 base62 digits, as GitHub documents its checksum. */
export function githubToken(prefix = 'ghp_') {
  const body = alnum(30);
  let n = zlib.crc32(body);
  let tail = '';
  for (let i = 0; i < 6; i += 1) {
    tail = BASE62[n % 62] + tail;
    n = Math.floor(n / 62);
  }
  return `${prefix}${body}${tail}`;
}

/** AWS access key id and secret as AWS shapes them (AKIA + 16 base32, 40 base64 characters). */
export function awsPair() {
  return { id: `AKIA${randomFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`, secret: randomFrom(`${ALNUM}+/`, 40) };
}

/** ${LEAKSWEEP_EVAL_CACHE:-~/.cache/leaksweep-eval}/tool-creds: outside the repository, since the tree is full of key material. */
export function defaultOutDir() {
  return path.join(process.env.LEAKSWEEP_EVAL_CACHE || path.join(os.homedir(), '.cache', 'leaksweep-eval'), 'tool-creds');
}

/** Runs a tool; throws with its stderr on failure. stdout as a string. */
export async function sh(cmd, args, opts = {}) {
  return (await run(cmd, args, opts)).stdout;
}

export async function which(cmd) {
  const r = await run('sh', ['-c', `command -v ${cmd}`], { allowFail: true });
  return r.code === 0 ? r.stdout.trim() : null;
}

/** First line of `cmd args` (stdout or stderr) matching re, or the first non-empty line; ANSI colours stripped. */
export async function version(cmd, args = ['--version'], re = null) {
  const r = await run(cmd, args, { allowFail: true });
  const text = `${r.stdout}\n${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const hit = re ? lines.find((l) => re.test(l)) : lines[0];
  return hit ? `${cmd} ${hit}`.slice(0, 120) : `${cmd} (version unknown)`;
}

/** 1-based line of the first occurrence of needle in text, and the line it ends on. */
export function locate(text, needle) {
  const at = text.indexOf(needle);
  if (at < 0) return null;
  const line = text.slice(0, at).split('\n').length;
  return { line, endLine: line + needle.replace(/\n$/, '').split('\n').length - 1 };
}

/** The PEM-style block (-----BEGIN … END …-----, or ---- BEGIN SSH2 …) that contains `marker`, whole. */
export function pemBlock(text, marker = 'PRIVATE KEY') {
  const re = /(-{4,5} ?BEGIN ([A-Za-z0-9 -]+?) ?-{4,5}[\s\S]*?-{4,5} ?END \2 ?-{4,5})/g;
  for (const m of text.matchAll(re)) if (m[2].includes(marker)) return m[1];
  return null;
}

/**
 * Collects the manifest. Every file goes under root at the place the tool would put it; secrets are located in the
 * file as written, so a line number is never guessed.
 */
export class Recorder {
  constructor(root) {
    this.root = root;
    this.entries = [];
  }

  abs(rel) {
    const p = path.join(this.root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    return p;
  }

  write(rel, content, mode = 0o600) {
    fs.writeFileSync(this.abs(rel), content, { mode });
  }

  read(rel) {
    return fs.readFileSync(path.join(this.root, rel), 'utf8');
  }

  /**
   * Records a file. Each secret: {secret, accept?, kind, at?, binary?}; `at` is the text to locate when the line holding
   * the secret is found by something else (a PuTTY file starts before its private lines).
   */
  add({ tool, writtenBy, version: v, file, secrets, note }) {
    const text = fs.readFileSync(path.join(this.root, file), 'latin1');
    const out = secrets.map(({ secret, accept, kind, at, binary, span }) => {
      if (binary) return { secret, kind, line: 1, binary: true };
      const where = span ?? locate(text, at ?? secret);
      if (!where) throw new Error(`${tool}: secret of kind ${kind} not found in ${file} (the tool wrote something else)`);
      const rec = { secret, ...(accept?.length ? { accept } : {}), line: where.line, kind };
      if (where.endLine !== where.line) rec.endLine = where.endLine;
      return rec;
    });
    this.entries.push({ tool, writtenBy, ...(v ? { version: v } : {}), file, secrets: out, ...(note ? { note } : {}) });
  }

  unavailable(tool, reason) {
    this.entries.push({ tool, unavailable: true, reason: reason.split('\n')[0].slice(0, 300) });
  }
}

/** Runs one tool's generator; a failure is recorded as the tool being unavailable (never replaced by a fake). */
export async function attempt(rec, tool, fn) {
  try {
    await fn();
  } catch (err) {
    // A failed command's message starts with its argv, which can hold the fresh secret: keep the command name only.
    const reason = err.message.replace(/^(\S+) [^\n]*? exited/, '$1 … exited');
    rec.unavailable(tool, reason);
    process.stderr.write(`tool-creds: ${tool} unavailable: ${reason.split('\n')[0]}\n`);
  }
}

/** Throws "not installed" unless every command is on PATH; returns their paths. */
export async function need(...cmds) {
  for (const c of cmds) if (!(await which(c))) throw new Error(`${c} not installed`);
}
