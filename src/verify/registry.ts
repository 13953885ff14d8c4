// Every verifier leaksweep ships: a rule is verified by at most one of them.
import type { Verifier } from './verifier.js';
import { CODE_AND_CLOUD } from './providers/code-and-cloud.js';
import { SAAS } from './providers/saas.js';

export const VERIFIERS: readonly Verifier[] = [...CODE_AND_CLOUD, ...SAAS];
