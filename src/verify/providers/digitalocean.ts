// DigitalOcean: GET /v2/account reads the token's own account.
import { byStatus, jsonOf, pick, type Verifier } from '../verifier.js';

export const digitalocean: Verifier = {
  id: 'digitalocean',
  name: 'DigitalOcean',
  rules: ['digitalocean.personal-access-token', 'digitalocean.oauth-token'],
  hosts: ['api.digitalocean.com'],
  endpoint: 'GET https://api.digitalocean.com/v2/account',
  reveals: 'account e-mail, uuid, status, team',
  requests: (secret) =>
    // the oauth rule also finds refresh tokens (dor_v1_): they only buy new tokens, and a 401 would not mean they are dead
    secret.startsWith('dor_')
      ? { status: 'unknown', error: 'a refresh token cannot be checked without using it' }
      : [{ method: 'GET', url: 'https://api.digitalocean.com/v2/account', headers: { authorization: `Bearer ${secret}` } }],
  interpret: (response) =>
    // a token with custom scopes that leave out account:read is refused with 403 once it has been authenticated
    response.status === 403
      ? { status: 'valid', identity: { note: 'token accepted; its scopes exclude account:read' } }
      : byStatus(response, () => pick(jsonOf(response)?.account, { email: 'email', uuid: 'uuid', status: 'status', team: 'team.name' }), [401]),
};
