// Buildkite: GET /v2/access-token describes the token making the request.
import { byStatus, jsonOf, pick, type Verifier } from '../verifier.js';

export const buildkite: Verifier = {
  id: 'buildkite',
  name: 'Buildkite',
  rules: ['buildkite.api-access-token'],
  hosts: ['api.buildkite.com'],
  endpoint: 'GET https://api.buildkite.com/v2/access-token',
  reveals: 'token uuid, scopes, user',
  requests: (secret) => [{ method: 'GET', url: 'https://api.buildkite.com/v2/access-token', headers: { authorization: `Bearer ${secret}` } }],
  interpret: (response) => byStatus(response, () => pick(jsonOf(response), { uuid: 'uuid', scopes: 'scopes', user: 'user.name', email: 'user.email' }), [401]),
};
