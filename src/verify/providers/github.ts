// GitHub: GET /user answers for every token kind; scopes come in X-OAuth-Scopes.
import { byStatus, jsonOf, pick, type Verifier } from '../verifier.js';

export const github: Verifier = {
  id: 'github',
  name: 'GitHub',
  rules: ['github.personal-access-token', 'github.fine-grained-pat', 'github.oauth-token', 'github.app-token'],
  hosts: ['api.github.com'],
  endpoint: 'GET https://api.github.com/user (GitHub Enterprise: <endpoint>/user)',
  reveals: 'login, account type, OAuth scopes (X-OAuth-Scopes), token expiry',
  requests: (secret, context) =>
    ['https://api.github.com', ...context.endpoints('github')].map((base) => ({
      method: 'GET',
      url: `${base.replace(/\/+$/, '')}/user`,
      headers: { authorization: `Bearer ${secret}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
    })),
  interpret: (response) =>
    byStatus(
      response,
      () => {
        const identity = pick(jsonOf(response), { login: 'login', type: 'type', name: 'name' }) ?? {};
        const scopes = response.headers.get('x-oauth-scopes');
        const expiry = response.headers.get('github-authentication-token-expiration');
        if (scopes !== null) identity.scopes = scopes;
        if (expiry) identity.expires = expiry;
        return identity;
      },
      [401],
    ),
};
