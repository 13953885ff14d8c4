// ElevenLabs: /v1/user is the key's user; a key restricted to other endpoints is told missing_permissions with 401.
import { restricted, singleRequest } from './bearer.js';

export const elevenlabs = singleRequest({
  id: 'elevenlabs',
  name: 'ElevenLabs',
  rules: ['elevenlabs.api-key'],
  url: 'https://api.elevenlabs.io/v1/user',
  auth: (secret) => ({ 'xi-api-key': secret }),
  reveals: 'user id, subscription tier (a key without user_read: valid, restricted)',
  fields: { user: 'user_id', tier: 'subscription.tier' },
  classify: (response, body) => (response.status === 401 && body?.detail?.status === 'missing_permissions' ? restricted('no user_read permission') : undefined),
});
