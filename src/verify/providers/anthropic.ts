// Anthropic: listing models reads nothing of the account and costs no tokens.
import { countOf, singleRequest } from './bearer.js';

export const anthropic = singleRequest({
  id: 'anthropic',
  name: 'Anthropic',
  rules: ['anthropic.api-key'],
  url: 'https://api.anthropic.com/v1/models',
  auth: (secret) => ({ 'x-api-key': secret }),
  headers: { 'anthropic-version': '2023-06-01' },
  reveals: 'organization id (response header), how many models the key lists',
  more: (response, body) => ({ organization: response.headers.get('anthropic-organization-id') ?? undefined, models: countOf(body) }),
  // permission_error: the key was accepted but may not use this resource
  restrictedOn: [403],
});
