// Vercel: GET /v2/user reads the token's own user; Vercel says "invalid token" with a 403 and invalidToken: true.
import { jsonOf, pick, type Outcome, type Verifier } from '../verifier.js';

export const vercel: Verifier = {
  id: 'vercel',
  name: 'Vercel',
  // vci_ (integration), vca_ (app) and vck_ (AI Gateway) tokens are not account tokens: /v2/user would say little of them
  rules: ['vercel.personal-access-token', 'vercel.access-token'],
  hosts: ['api.vercel.com'],
  endpoint: 'GET https://api.vercel.com/v2/user',
  reveals: 'username, e-mail, user id',
  requests: (secret) => [{ method: 'GET', url: 'https://api.vercel.com/v2/user', headers: { authorization: `Bearer ${secret}` } }],
  interpret: (response): Outcome => {
    const body = jsonOf(response);
    if (response.status === 200) return { status: 'valid', identity: pick(body?.user, { username: 'username', email: 'email', id: 'id' }) };
    if (response.status === 401 || (response.status === 403 && body?.error?.invalidToken === true)) return { status: 'invalid', error: `http ${response.status}` };
    return { status: 'unknown', error: `http ${response.status}${body?.error?.code ? ` ${String(body.error.code)}` : ''}` };
  },
};
