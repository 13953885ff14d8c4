// Stripe: GET /v1/account reads the key's own account; a restricted key without that permission is still a live key.
import { basic, singleRequest } from './bearer.js';

export const stripe = singleRequest({
  id: 'stripe',
  name: 'Stripe',
  rules: ['stripe.secret-key', 'stripe.restricted-key', 'stripe.test-key'],
  url: 'https://api.stripe.com/v1/account',
  // Stripe's basic auth: the key is the user name, the password empty
  auth: (secret) => basic(secret, ''),
  reveals: 'account id, email, business name, country (a restricted key without account access: valid, restricted)',
  fields: { id: 'id', email: 'email', business: 'business_profile.name', country: 'country', livemode: 'livemode' },
  // 403 is Stripe's permission error: a restricted key that may not read the account
  restrictedOn: [403],
});
