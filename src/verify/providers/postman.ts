// Postman: GET /me reads the API key's user and team.
import { byStatus, jsonOf, pick, type Verifier } from '../verifier.js';

export const postman: Verifier = {
  id: 'postman',
  name: 'Postman',
  rules: ['postman.api-key'],
  hosts: ['api.getpostman.com'],
  endpoint: 'GET https://api.getpostman.com/me',
  reveals: 'username, e-mail, team',
  requests: (secret) => [{ method: 'GET', url: 'https://api.getpostman.com/me', headers: { 'x-api-key': secret } }],
  interpret: (response) => byStatus(response, () => pick(jsonOf(response)?.user, { username: 'username', email: 'email', name: 'fullName', team: 'teamName' }), [401]),
};
