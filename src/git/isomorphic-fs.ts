// A read-only file system for isomorphic-git that answers its repeated metadata calls and absent loose-object lookups from memory.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { FsClient } from 'isomorphic-git';
import { FileSystem } from 'isomorphic-git/models';

const FAN_OUT_DIR = /^[0-9a-f]{2}$/;

function fsError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

/**
 * isomorphic-git looks for every object as a loose file before it consults the packs; one shared
 * error keeps those misses free of stack-trace work (it only reads `code`).
 */
const ABSENT_LOOSE_OBJECT = fsError('ENOENT', 'no such loose object');

/** Loose objects under objects/, as `xx/rest-of-id`. */
export async function listLooseObjects(objectsDir: string): Promise<Set<string>> {
  const fanOut = (await fsp.readdir(objectsDir).catch(() => [])).filter((name) => FAN_OUT_DIR.test(name));
  const names = new Set<string>();
  await Promise.all(
    fanOut.map(async (prefix) => {
      for (const rest of await fsp.readdir(join(objectsDir, prefix))) names.add(`${prefix}/${rest}`);
    }),
  );
  return names;
}

/** Remembers each answer: the repository is read as a snapshot, so nothing here goes stale during a scan. */
function memoize<T>(read: (path: string) => Promise<T>): (path: string) => Promise<T> {
  const answers = new Map<string, Promise<T>>();
  return (path) => {
    let answer = answers.get(path);
    if (!answer) {
      answer = read(path);
      answers.set(path, answer);
    }
    return answer;
  };
}

/**
 * `gitDir` must be the exact (absolute, normalized) string passed to isomorphic-git as `gitdir`.
 * Returned already wrapped in isomorphic-git's FileSystem, which it then uses as is: otherwise every
 * call wraps the client again and probes it (two failing readFile calls) to tell promises from callbacks.
 */
export async function isomorphicFs(gitDir: string): Promise<FsClient> {
  const objectsDir = `${gitDir}/objects/`;
  const looseObjectPathLength = objectsDir.length + 41;
  const loose = await listLooseObjects(objectsDir);
  const refuseWrite = async (): Promise<never> => {
    throw fsError('EROFS', 'leaksweep never writes to the repository');
  };
  const client = {
    promises: {
      // async even for bad arguments: FileSystem probes for a promise API by calling readFile() bare
      async readFile(path: string, options?: { encoding?: BufferEncoding }) {
        const absent = path.length === looseObjectPathLength && path.startsWith(objectsDir) && !loose.has(path.slice(objectsDir.length));
        if (absent) throw ABSENT_LOOSE_OBJECT;
        return fsp.readFile(path, options);
      },
      // asked again for every object: stat of the git dir, readdir of objects/pack
      stat: memoize((path) => fsp.stat(path)),
      readdir: memoize((path) => fsp.readdir(path)),
      lstat: (path: string) => fsp.lstat(path),
      readlink: (path: string) => fsp.readlink(path),
      writeFile: refuseWrite,
      unlink: refuseWrite,
      mkdir: refuseWrite,
      rmdir: refuseWrite,
      symlink: refuseWrite,
    },
  };
  return new FileSystem(client) as unknown as FsClient;
}
