// Linode (Akamai): GET /v4/profile reads the token's user. Linode says 401 both for a dead token and for one
// whose scopes exclude the profile; the reason tells them apart.
import { jsonOf, pick, type Outcome, type Verifier } from '../verifier.js';

export const linode: Verifier = {
  id: 'linode',
  name: 'Linode',
  rules: ['linode.api-token'],
  hosts: ['api.linode.com'],
  endpoint: 'GET https://api.linode.com/v4/profile',
  reveals: 'username, e-mail, whether the user is restricted',
  requests: (secret) => [{ method: 'GET', url: 'https://api.linode.com/v4/profile', headers: { authorization: `Bearer ${secret}` } }],
  interpret: (response): Outcome => {
    const body = jsonOf(response);
    if (response.status === 200) return { status: 'valid', identity: pick(body, { username: 'username', email: 'email', restricted: 'restricted' }) };
    const reasons: string = Array.isArray(body?.errors) ? body.errors.map((e: { reason?: unknown }) => String(e?.reason)).join('; ') : '';
    if ((response.status === 401 || response.status === 403) && /not authorized to use this endpoint/i.test(reasons)) return { status: 'valid', identity: { note: 'token accepted; its scopes exclude the profile' } };
    if (response.status === 401) return { status: 'invalid', error: reasons || 'http 401' };
    return { status: 'unknown', error: `http ${response.status}` };
  },
};
