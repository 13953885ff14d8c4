// Brevo: /v3/account is the key's own account.
import { singleRequest } from './bearer.js';

export const brevo = singleRequest({
  id: 'brevo',
  name: 'Brevo',
  rules: ['brevo.api-key'],
  url: 'https://api.brevo.com/v3/account',
  auth: (secret) => ({ 'api-key': secret }),
  reveals: 'account email, company name',
  fields: { email: 'email', company: 'companyName' },
});
