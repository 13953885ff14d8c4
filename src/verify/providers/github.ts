// GitHub: GET /user for personal, fine-grained, OAuth and user-to-server tokens (scopes come in X-OAuth-Scopes);
// an installation token (ghs_) has no user, so it lists one of the installation's repositories instead.
import { baseUrls, jsonOf, pick, type Outcome, type Verifier, type VerifyResponse } from '../verifier.js';

const INSTALLATION_PATH = '/installation/repositories?per_page=1';

function userIdentity(response: VerifyResponse): Record<string, string> {
  const identity = pick(jsonOf(response), { login: 'login', type: 'type', name: 'name' }) ?? {};
  const scopes = response.headers.get('x-oauth-scopes');
  const expiry = response.headers.get('github-authentication-token-expiration');
  // fine-grained tokens send no X-OAuth-Scopes: their permissions are per repository
  if (scopes !== null) identity.scopes = scopes;
  if (expiry) identity.expires = expiry;
  return identity;
}

function installationIdentity(response: VerifyResponse): Record<string, string> {
  const body = jsonOf(response);
  const identity = pick(body, { repositories: 'total_count' }) ?? {};
  const first = pick(body?.repositories?.[0], { repository: 'full_name', owner: 'owner.login' });
  return { kind: 'app installation', ...identity, ...first };
}

export const github: Verifier = {
  id: 'github',
  name: 'GitHub',
  rules: ['github.personal-access-token', 'github.fine-grained-pat', 'github.oauth-token', 'github.app-token'],
  hosts: ['api.github.com'],
  endpoint: `GET https://api.github.com/user; installation tokens (ghs_): GET ${INSTALLATION_PATH} (GitHub Enterprise: <endpoint>/…)`,
  reveals: 'login, account type, OAuth scopes (X-OAuth-Scopes), token expiry; for ghs_: the installation’s repository count and first repository',
  requests: (secret, context) => {
    const path = secret.startsWith('ghs_') ? INSTALLATION_PATH : '/user';
    return baseUrls('https://api.github.com', context, 'github').map((base) => ({
      method: 'GET',
      url: `${base}${path}`,
      headers: { authorization: `Bearer ${secret}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
    }));
  },
  interpret: (response, request): Outcome => {
    const installation = request.url.includes('/installation/repositories');
    if (response.status >= 200 && response.status < 300) return { status: 'valid', identity: installation ? installationIdentity(response) : userIdentity(response) };
    // GitHub answers 401 to a token it does not know (revoked, expired, never issued)
    if (response.status === 401) return { status: 'invalid', error: 'http 401' };
    // 403 is also how GitHub says "rate limit exceeded"; any other 403 came after the token was accepted
    if (response.status === 403 && (response.headers.get('x-ratelimit-remaining') === '0' || /rate limit/i.test(response.body))) return { status: 'unknown', error: 'rate-limited (403)' };
    if (response.status === 403) return { status: 'valid', identity: { note: `token accepted, but ${installation ? 'the installation' : '/user'} refused it (403)` } };
    return { status: 'unknown', error: `http ${response.status}` };
  },
};
