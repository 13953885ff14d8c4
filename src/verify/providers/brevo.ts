// Brevo: /v3/account is the key's own account.
import { restricted, singleRequest } from './bearer.js';

export const brevo = singleRequest({
  id: 'brevo',
  name: 'Brevo',
  rules: ['brevo.api-key'],
  url: 'https://api.brevo.com/v3/account',
  auth: (secret) => ({ 'api-key': secret }),
  reveals: 'account email, company name (an IP-restricted account: valid, restricted)',
  fields: { email: 'email', company: 'companyName' },
  // an account that accepts only authorised IP addresses refuses others with 401, about the address, not the key
  classify: (response, body) => (response.status === 401 && /\bIP address\b/i.test(String(body?.message ?? '')) ? restricted('the account accepts only authorised IP addresses') : undefined),
});
