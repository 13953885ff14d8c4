// SendGrid: /v3/scopes lists what the key may do, which is what a leak exposes (mail.send above all).
import { singleRequest } from './bearer.js';

export const sendgrid = singleRequest({
  id: 'sendgrid',
  name: 'SendGrid',
  rules: ['sendgrid.api-key'],
  url: 'https://api.sendgrid.com/v3/scopes',
  reveals: 'number of scopes, whether the key can send mail',
  more: (_response, body) => {
    const scopes: unknown = body?.scopes;
    if (!Array.isArray(scopes)) return undefined;
    return { scopes: String(scopes.length), 'mail.send': scopes.includes('mail.send') ? 'yes' : 'no' };
  },
  // 403: accepted but refused this endpoint (an IP access list, a key without scopes:read)
  restrictedOn: [403],
});
