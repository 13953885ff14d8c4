// Hugging Face: whoami-v2 names the token's user or organization and the token's role.
import { singleRequest } from './bearer.js';

export const huggingface = singleRequest({
  id: 'huggingface',
  name: 'Hugging Face',
  rules: ['huggingface.access-token'],
  url: 'https://huggingface.co/api/whoami-v2',
  reveals: 'user or organization name, account type, token name and role',
  fields: { name: 'name', type: 'type', token: 'auth.accessToken.displayName', role: 'auth.accessToken.role' },
});
