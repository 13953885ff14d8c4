// CircleCI: GET /api/v2/me reads the personal token's user (project tokens have no user, so they are not asked).
import { byStatus, jsonOf, pick, type Verifier } from '../verifier.js';

export const circleci: Verifier = {
  id: 'circleci',
  name: 'CircleCI',
  rules: ['circleci.personal-api-token'],
  hosts: ['circleci.com'],
  endpoint: 'GET https://circleci.com/api/v2/me',
  reveals: 'login, name, user id',
  requests: (secret) => [{ method: 'GET', url: 'https://circleci.com/api/v2/me', headers: { 'circle-token': secret, accept: 'application/json' } }],
  interpret: (response) => byStatus(response, () => pick(jsonOf(response), { login: 'login', name: 'name', id: 'id' }), [401]),
};
