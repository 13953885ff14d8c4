// Linear: a GraphQL query of the viewer reads who the key belongs to and changes nothing.
import { singleRequest } from './bearer.js';

export const linear = singleRequest({
  id: 'linear',
  name: 'Linear',
  rules: ['linear.api-key'],
  url: 'https://api.linear.app/graphql',
  method: 'POST',
  // personal API keys go bare in Authorization; Bearer is for OAuth tokens
  auth: (secret) => ({ authorization: secret }),
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: '{ viewer { id name email } }' }),
  reveals: 'user id, name, email',
  fields: { id: 'data.viewer.id', name: 'data.viewer.name', email: 'data.viewer.email' },
  // GraphQL errors may come with 200 or 400: only an authentication error says the key is dead
  classify: (response, body) => {
    const errors: any[] = Array.isArray(body?.errors) ? body.errors : [];
    if (errors.some((error) => error?.extensions?.code === 'AUTHENTICATION_ERROR' || error?.extensions?.type === 'authentication error')) return { status: 'invalid', error: 'authentication error' };
    if (errors.length && !body?.data?.viewer) return { status: 'unknown', error: `linear: ${String(errors[0]?.message ?? 'error')}` };
    return undefined;
  },
});
