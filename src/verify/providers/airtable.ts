// Airtable: whoami names the token's user and its scopes.
import { singleRequest } from './bearer.js';

export const airtable = singleRequest({
  id: 'airtable',
  name: 'Airtable',
  rules: ['airtable.personal-access-token'],
  url: 'https://api.airtable.com/v0/meta/whoami',
  reveals: 'user id, scopes, email (with the user.email:read scope)',
  fields: { id: 'id', scopes: 'scopes', email: 'email' },
});
