// Typeform: /me is the token's own account.
import { singleRequest } from './bearer.js';

export const typeform = singleRequest({
  id: 'typeform',
  name: 'Typeform',
  rules: ['typeform.personal-access-token'],
  url: 'https://api.typeform.com/me',
  reveals: 'alias, email, language (a token without accounts:read: valid, restricted)',
  fields: { alias: 'alias', email: 'email', language: 'language' },
  // 403: the token lacks the accounts:read scope
  restrictedOn: [403],
});
