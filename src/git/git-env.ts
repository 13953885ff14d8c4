// The environment of every git process leaksweep starts: it reads the repository it was given and never reaches the network.

/**
 * A partial clone fetches absent objects from its promisor remote on demand. git 2.39 has no switch
 * to turn that off (GIT_NO_LAZY_FETCH came in 2.44), but an allowlist that names no real protocol
 * refuses every transport, so such a fetch fails at once and the object stays absent.
 */
const NEVER_FETCH = { GIT_ALLOW_PROTOCOL: 'leaksweep-never-fetches', GIT_TERMINAL_PROMPT: '0' } as const;

/** The caller's environment (a hook's GIT_INDEX_FILE names the index being committed), unable to fetch. */
export function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, ...NEVER_FETCH };
}

/** Without the variables a hook may set that would point git at another repository than the one asked for. */
export function repositoryEnv(): NodeJS.ProcessEnv {
  const { GIT_DIR: _dir, GIT_WORK_TREE: _tree, GIT_COMMON_DIR: _common, GIT_INDEX_FILE: _index, ...env } = process.env;
  return { ...env, ...NEVER_FETCH };
}

const REFUSED_FETCH = /could not fetch ([0-9a-f]{40,64}) from promisor remote/;

/** The object a git process died on because it is absent from a partial clone (its lazy fetch was refused). */
export function refusedFetch(stderr: string): string | undefined {
  return REFUSED_FETCH.exec(stderr)?.[1];
}

/** One line saying why a git process failed: its first line of stderr, or what a refused lazy fetch means. */
export function gitFailure(stderr: string, code: number | null): string {
  const oid = refusedFetch(stderr);
  if (oid) return `object ${oid} is not in this partial clone (leaksweep never fetches)`;
  return stderr.trim().split('\n')[0] || `exit code ${code}`;
}
