// Sentry: the API root GET /api/0/ changes nothing and says who the request authenticated as (user, scopes).
// An organization token carries the URL of the Sentry that issued it; one from a self-hosted Sentry is asked there only when configured.
import { baseUrls, jsonOf, pick, type Outcome, type Verifier } from '../verifier.js';

const SENTRY = 'https://sentry.io';

/** The organization token's readable part: sntrys_<base64 JSON {iat, url, region_url, org}>_<secret>. */
function orgTokenClaims(secret: string): { url?: unknown; org?: unknown } | undefined {
  try {
    return JSON.parse(Buffer.from(secret.slice('sntrys_'.length).split('_')[0], 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
}

export const sentry: Verifier = {
  id: 'sentry',
  name: 'Sentry',
  rules: ['sentry.user-auth-token', 'sentry.org-auth-token'],
  hosts: ['sentry.io'],
  endpoint: 'GET https://sentry.io/api/0/ (self-hosted: <endpoint>/api/0/)',
  reveals: 'user (for user tokens), scopes; the organization named in an organization token',
  requests: (secret, context) => {
    let bases = baseUrls(SENTRY, context, 'sentry', '/api/0');
    if (secret.startsWith('sntrys_')) {
      // only the Sentry that issued an organization token knows it
      const issuer = orgTokenClaims(secret)?.url;
      const origin = typeof issuer === 'string' && URL.canParse(issuer) ? new URL(issuer).origin : SENTRY;
      bases = bases.filter((base) => URL.canParse(base) && new URL(base).origin === origin).slice(0, 1);
      if (!bases.length) return { status: 'unknown', error: `issued by ${new URL(origin).host}, a Sentry not configured in verify.endpoints.sentry` };
    }
    return bases.map((base) => ({ method: 'GET', url: `${base}/api/0/`, headers: { authorization: `Bearer ${secret}` } }));
  },
  interpret: (response, request): Outcome => {
    const body = jsonOf(response);
    if (response.status === 401) return { status: 'invalid', error: 'http 401' };
    if (response.status !== 200) return { status: 'unknown', error: `http ${response.status}` };
    // the root answers anonymous requests too: only an `auth` object says the token was taken
    if (!body?.auth) return { status: 'unknown', error: 'answered without authenticating the token' };
    const identity = { ...pick(body.user, { username: 'username', email: 'email' }), ...pick(body.auth, { scopes: 'scopes' }) };
    const org = request.headers?.authorization?.startsWith('Bearer sntrys_') ? orgTokenClaims(request.headers.authorization.slice('Bearer '.length))?.org : undefined;
    if (typeof org === 'string') identity.organization = org;
    return { status: 'valid', identity };
  },
};
