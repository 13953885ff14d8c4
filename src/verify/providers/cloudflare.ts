// Cloudflare: user/tokens/verify is made for this: it reads the token's own id, status and expiry.
import { jsonOf, pick, type Outcome, type Verifier } from '../verifier.js';

export const cloudflare: Verifier = {
  id: 'cloudflare',
  name: 'Cloudflare',
  rules: ['cloudflare.api-token'],
  hosts: ['api.cloudflare.com'],
  endpoint: 'GET https://api.cloudflare.com/client/v4/user/tokens/verify',
  reveals: 'token id, status, expiry (expires_on, not_before)',
  requests: (secret) => [{ method: 'GET', url: 'https://api.cloudflare.com/client/v4/user/tokens/verify', headers: { authorization: `Bearer ${secret}` } }],
  interpret: (response): Outcome => {
    const body = jsonOf(response);
    if (response.status === 200 && body?.success) {
      const identity = pick(body.result, { id: 'id', status: 'status', expires_on: 'expires_on', not_before: 'not_before' });
      // verify answers 200 for tokens that exist but cannot be used: an expired one is dead, a disabled one may be enabled again
      if (body.result?.status === 'expired') return { status: 'invalid', error: 'token expired' };
      if (body.result?.status && body.result.status !== 'active') return { status: 'unknown', error: `token ${String(body.result.status)}` };
      return { status: 'valid', identity };
    }
    // 1000: Invalid API Token
    const codes: unknown[] = Array.isArray(body?.errors) ? body.errors.map((e: { code?: unknown }) => e?.code) : [];
    if (response.status === 401 || (response.status === 400 && codes.includes(1000))) return { status: 'invalid', error: `http ${response.status}` };
    return { status: 'unknown', error: `http ${response.status}` };
  },
};
