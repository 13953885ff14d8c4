// PagerDuty: /abilities lists the account's abilities, the lightest read its REST API offers for an account key.
import { singleRequest } from './bearer.js';

export const pagerduty = singleRequest({
  id: 'pagerduty',
  name: 'PagerDuty',
  rules: ['pagerduty.api-key'],
  url: 'https://api.pagerduty.com/abilities',
  auth: (secret) => ({ authorization: `Token token=${secret}` }),
  headers: { accept: 'application/vnd.pagerduty+json;version=2' },
  reveals: 'how many abilities the account has',
  more: (_response, body) => ({ abilities: Array.isArray(body?.abilities) ? String(body.abilities.length) : undefined }),
  // 403: accepted, but this key may not read abilities
  restrictedOn: [403],
});
