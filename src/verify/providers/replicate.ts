// Replicate: /v1/account is the token's user or organization.
import { singleRequest } from './bearer.js';

export const replicate = singleRequest({
  id: 'replicate',
  name: 'Replicate',
  rules: ['replicate.api-token'],
  url: 'https://api.replicate.com/v1/account',
  reveals: 'account type, username, name',
  fields: { type: 'type', username: 'username', name: 'name' },
});
