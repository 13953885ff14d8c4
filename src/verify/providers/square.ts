// Square: the merchant "me" is the token's own merchant; sandbox tokens look like production ones, so the sandbox is asked second.
import type { Verifier } from '../verifier.js';
import { bearer, readAnswerByHost } from './bearer.js';

const ENVIRONMENTS: Record<string, string> = { 'connect.squareup.com': 'production', 'connect.squareupsandbox.com': 'sandbox' };

export const square: Verifier = {
  id: 'square',
  name: 'Square',
  rules: ['square.access-token', 'square.legacy-access-token'],
  hosts: Object.keys(ENVIRONMENTS),
  endpoint: 'GET https://connect.squareup.com/v2/merchants/me (then connect.squareupsandbox.com)',
  reveals: 'environment, merchant id, business name, country (a token without MERCHANT_PROFILE_READ: valid, restricted)',
  requests: (secret) =>
    Object.keys(ENVIRONMENTS).map((host) => ({ method: 'GET', url: `https://${host}/v2/merchants/me`, headers: { ...bearer(secret), 'square-version': '2024-10-17' } })),
  interpret: readAnswerByHost('environment', ENVIRONMENTS, {
    fields: { merchant: 'merchant.id', business: 'merchant.business_name', country: 'merchant.country' },
    // 403 INSUFFICIENT_SCOPES: the token was accepted
    restrictedOn: [403],
  }),
};
