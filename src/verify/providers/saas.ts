// The verifiers of SaaS API keys: AI, messaging, e-mail, payments, productivity, observability: one module each.
import type { Verifier } from '../verifier.js';
import { slack } from './slack.js';

export const SAAS: readonly Verifier[] = [slack];
