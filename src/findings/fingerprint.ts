// Finding identity: HMAC-SHA256 of rule, secret and path, so it survives line moves and reveals nothing without the key.
import { createHmac } from 'node:crypto';
import { LeaksweepError } from '../errors.js';
import type { BaselineKeying } from './baseline.js';

/** Without a configured key the identity is still stable; set LEAKSWEEP_BASELINE_KEY to make it unguessable. */
export const DEFAULT_FINGERPRINT_KEY = 'leaksweep-fingerprint-v1';

/** The variable holding a team's own fingerprint key; a baseline keyed by it stores neither key nor salt. */
export const BASELINE_KEY_ENV = 'LEAKSWEEP_BASELINE_KEY';

export type Env = Readonly<Record<string, string | undefined>>;

export function fingerprint(ruleId: string, secret: string, path: string, key = DEFAULT_FINGERPRINT_KEY): string {
  return createHmac('sha256', key).update(`${ruleId}\0${secret.trim()}\0${path}`).digest('hex');
}

/** The environment key, if any: an empty value counts as unset so `VAR= leaksweep …` does not key with "". */
export function envFingerprintKey(env: Env): string | undefined {
  const value = env[BASELINE_KEY_ENV];
  return value ? value : undefined;
}

/**
 * The key a scan must fingerprint with so its findings compare with `keying` (a baseline's, or none).
 * A mismatch between the baseline and the environment is an error: with the wrong key every finding
 * would silently look new (or, the other way round, nothing would ever match).
 */
export function fingerprintKey(env: Env, keying?: BaselineKeying | null, file = 'the baseline'): string {
  const envKey = envFingerprintKey(env);
  if (!keying) return envKey ?? DEFAULT_FINGERPRINT_KEY;
  if (keying.keyed === 'env') {
    if (envKey) return envKey;
    throw new LeaksweepError(
      'BASELINE_KEY_MISMATCH',
      `${file}: keyed by ${BASELINE_KEY_ENV}, which is not set: set it to the key the baseline was created with`,
    );
  }
  if (envKey) {
    throw new LeaksweepError(
      'BASELINE_KEY_MISMATCH',
      `${file}: keyed by its own salt, but ${BASELINE_KEY_ENV} is set: unset it, or create the baseline again with it set`,
    );
  }
  return keying.salt;
}
