// Small process helpers shared by the bench scripts: run a command, capture or discard its output.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';

/** Runs a command and resolves with { code, stdout, stderr } (stdout as a Buffer unless encoding given). */
export function run(cmd, args, opts = {}) {
  const { input, env, cwd, encoding = 'utf8', allowFail = false, stdio } = opts;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env: env ? { ...process.env, ...env } : process.env,
      stdio: stdio ?? ['pipe', 'pipe', 'pipe'],
    });
    const out = [];
    const err = [];
    child.stdout?.on('data', (d) => out.push(d));
    child.stderr?.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const stdoutBuf = Buffer.concat(out);
      const result = {
        code,
        signal,
        stdout: encoding ? stdoutBuf.toString(encoding) : stdoutBuf,
        stderr: Buffer.concat(err).toString('utf8'),
      };
      if (code !== 0 && !allowFail) {
        const e = new Error(`${cmd} ${args.join(' ')} exited ${code ?? signal}: ${result.stderr.slice(-2000)}`);
        e.result = result;
        reject(e);
      } else {
        resolve(result);
      }
    });
    if (child.stdin) {
      child.stdin.on('error', () => {});
      if (input !== undefined) child.stdin.end(input);
      else child.stdin.end();
    }
  });
}

/** Runs git with the given GIT_DIR-style options; returns trimmed stdout. */
export async function git(repo, args, opts = {}) {
  const r = await run('git', ['-C', repo, ...args], opts);
  return typeof r.stdout === 'string' ? r.stdout.trim() : r.stdout;
}

/** Runs `fn` over `items` with at most `limit` in flight; keeps result order. */
export async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Formats a byte count as MB (10^6) with one decimal. */
export function mb(bytes) {
  return (bytes / 1e6).toFixed(1);
}

/**
 * Runs fn(dir) with a fresh scratch dir, on tmpfs when there is one: building a repo is mostly small-file
 * I/O (tarball extraction, loose objects), several times slower on a busy disk. The dir is removed after.
 */
export async function withScratchDir(cacheDir, fn) {
  let dir = null;
  for (const base of ['/dev/shm', cacheDir]) {
    try {
      fs.accessSync(base, fs.constants.W_OK);
      dir = fs.mkdtempSync(path.join(base, 'leaksweep-bench-'));
      break;
    } catch {}
  }
  if (!dir) throw new Error('no writable scratch dir');
  try {
    return await fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Replaces dest with a copy of src, via dest.tmp so an interrupted copy never looks complete. */
export function copyInto(src, dest) {
  const tmp = `${dest}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.cpSync(src, tmp, { recursive: true });
  fs.rmSync(dest, { recursive: true, force: true });
  fs.renameSync(tmp, dest);
}
