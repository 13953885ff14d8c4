// The verifiers of source hosting, cloud and infrastructure tokens: one module each.
import type { Verifier } from '../verifier.js';
import { github } from './github.js';

export const CODE_AND_CLOUD: readonly Verifier[] = [github];
