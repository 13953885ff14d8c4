// What a commit would add: blobs in the index that differ from HEAD (every staged blob in a repository without commits).
import { spawn } from 'node:child_process';
import { LeaksweepError } from '../errors.js';
import { gitEnv } from './git-env.js';
import { notARepository } from './repository-errors.js';

export interface StagedFile {
  oid: string;
  path: string;
  /** the blob at this path in HEAD; null for a new file */
  previous: string | null;
}

const SKIPPED_MODES = new Set(['160000', '120000']);
const ZERO_OID = /^0+$/;

/** Runs git in the work tree with the caller's environment: a hook's GIT_INDEX_FILE names the index being committed. */
function git(dir: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: gitEnv() });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', (error) => reject(new LeaksweepError('GIT_ENGINE_UNAVAILABLE', `git binary not usable: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      // outside a repository `git diff` falls back to --no-index, which has no --cached
      else if (/not a git repository|--no-index/i.test(err)) reject(notARepository(dir));
      else reject(new LeaksweepError('GIT_COMMAND_FAILED', `git ${args[0]} failed: ${err.trim().split('\n')[0] || `exit code ${code}`}`));
    });
  });
}

export async function stagedFiles(dir: string): Promise<StagedFile[]> {
  // against HEAD, or everything staged when HEAD is unborn (git compares with the empty tree then): no rev-parse first
  const raw = await git(dir, ['diff', '--cached', '--raw', '-z', '--no-renames', '--no-abbrev', '--no-color', '--no-ext-diff']);
  const tokens = raw.toString('latin1').split('\0');
  const pathTokens = raw.length ? splitPaths(raw) : [];
  const files: StagedFile[] = [];
  for (let i = 0, p = 0; i + 1 < tokens.length; i += 2, p += 1) {
    const meta = tokens[i].replace(/^\n/, '');
    if (!meta.startsWith(':')) break;
    const [, mode, previous, oid, status] = meta.slice(1).split(' ');
    if (status.startsWith('D') || SKIPPED_MODES.has(mode) || ZERO_OID.test(oid)) continue;
    files.push({ oid, path: pathTokens[p], previous: ZERO_OID.test(previous) ? null : previous });
  }
  return files;
}

/** Paths decoded as UTF-8 (the metadata fields are ASCII): every second NUL-separated token. */
function splitPaths(raw: Buffer): string[] {
  const paths: string[] = [];
  let start = 0;
  let index = 0;
  for (let end = raw.indexOf(0, start); end !== -1; end = raw.indexOf(0, start)) {
    if (index % 2 === 1) paths.push(raw.subarray(start, end).toString('utf8'));
    index += 1;
    start = end + 1;
  }
  return paths;
}
