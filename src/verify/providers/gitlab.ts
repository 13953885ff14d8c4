// GitLab: personal_access_tokens/self reads the token's own record (personal, project and group tokens share glpat-).
import { baseUrls, byStatus, jsonOf, pick, type Verifier } from '../verifier.js';

export const gitlab: Verifier = {
  id: 'gitlab',
  name: 'GitLab',
  rules: ['gitlab.personal-access-token'],
  hosts: ['gitlab.com'],
  endpoint: 'GET https://gitlab.com/api/v4/personal_access_tokens/self (self-hosted: <endpoint>/api/v4/…)',
  reveals: 'token name, scopes, expiry, active, user id',
  requests: (secret, context) =>
    baseUrls('https://gitlab.com', context, 'gitlab', '/api/v4').map((base) => ({
      method: 'GET',
      url: `${base}/api/v4/personal_access_tokens/self`,
      headers: { 'private-token': secret },
    })),
  interpret: (response) => {
    // a token without the api or read_api scope is refused with insufficient_scope: it is live all the same
    if (response.status === 403 && /insufficient_scope/.test(response.body)) return { status: 'valid', identity: { note: 'token accepted; its scopes do not allow reading its own details' } };
    return byStatus(response, () => pick(jsonOf(response), { name: 'name', scopes: 'scopes', expires_at: 'expires_at', active: 'active', user_id: 'user_id' }), [401]);
  },
};
