// Heroku: GET /account (Platform API v3) reads the token's own account.
import { byStatus, jsonOf, pick, type Verifier } from '../verifier.js';

export const heroku: Verifier = {
  id: 'heroku',
  name: 'Heroku',
  rules: ['heroku.api-key', 'heroku.platform-api-token'],
  hosts: ['api.heroku.com'],
  endpoint: 'GET https://api.heroku.com/account',
  reveals: 'account e-mail and id',
  requests: (secret) => [{ method: 'GET', url: 'https://api.heroku.com/account', headers: { authorization: `Bearer ${secret}`, accept: 'application/vnd.heroku+json; version=3' } }],
  interpret: (response) => byStatus(response, () => pick(jsonOf(response), { email: 'email', id: 'id' }), [401]),
};
