// Finding identity: HMAC-SHA256 of rule, secret and path, so it survives line moves and reveals nothing without the key.
import { createHmac } from 'node:crypto';

/** Without a configured key the identity is still stable; set LEAKSWEEP_BASELINE_KEY to make it unguessable. */
export const DEFAULT_FINGERPRINT_KEY = 'leaksweep-fingerprint-v1';

export function fingerprint(ruleId: string, secret: string, path: string, key = DEFAULT_FINGERPRINT_KEY): string {
  return createHmac('sha256', key).update(`${ruleId}\0${secret.trim()}\0${path}`).digest('hex');
}
