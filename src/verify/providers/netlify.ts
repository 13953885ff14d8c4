// Netlify: GET /api/v1/user reads the token's own user (prefixed nfp_ and older unprefixed tokens alike).
import { byStatus, jsonOf, pick, type Verifier } from '../verifier.js';

export const netlify: Verifier = {
  id: 'netlify',
  name: 'Netlify',
  rules: ['netlify.personal-access-token', 'netlify.access-token'],
  hosts: ['api.netlify.com'],
  endpoint: 'GET https://api.netlify.com/api/v1/user',
  reveals: 'e-mail, full name, user id',
  requests: (secret) => [{ method: 'GET', url: 'https://api.netlify.com/api/v1/user', headers: { authorization: `Bearer ${secret}` } }],
  interpret: (response) => byStatus(response, () => pick(jsonOf(response), { email: 'email', name: 'full_name', id: 'id' }), [401]),
};
