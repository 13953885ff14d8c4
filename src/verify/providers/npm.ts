// npm: GET /-/whoami on the public registry names the token's user.
import { byStatus, jsonOf, pick, type Verifier } from '../verifier.js';

export const npm: Verifier = {
  id: 'npm',
  name: 'npm',
  rules: ['npm.access-token'],
  hosts: ['registry.npmjs.org'],
  endpoint: 'GET https://registry.npmjs.org/-/whoami',
  reveals: 'username',
  requests: (secret) => [{ method: 'GET', url: 'https://registry.npmjs.org/-/whoami', headers: { authorization: `Bearer ${secret}`, accept: 'application/json' } }],
  interpret: (response) => byStatus(response, () => pick(jsonOf(response), { username: 'username' }), [401]),
};
