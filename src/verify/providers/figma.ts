// Figma: /v1/me is the token's user; Figma says a dead token with 403 "Invalid token", a missing scope with another 403.
import { restricted, singleRequest } from './bearer.js';

export const figma = singleRequest({
  id: 'figma',
  name: 'Figma',
  rules: ['figma.personal-access-token'],
  url: 'https://api.figma.com/v1/me',
  auth: (secret) => ({ 'x-figma-token': secret }),
  reveals: 'user id, handle, email (a token without current_user:read: valid, restricted)',
  fields: { id: 'id', handle: 'handle', email: 'email' },
  classify: (response, body) => {
    if (response.status !== 403) return undefined;
    return /invalid token/i.test(String(body?.err ?? body?.message ?? '')) ? { status: 'invalid', error: 'http 403 (invalid token)' } : restricted('http 403: no current_user:read scope');
  },
});
