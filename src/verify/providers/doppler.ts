// Doppler: GET /v3/me describes the token itself (personal, service, service account) and its workplace.
import { byStatus, jsonOf, pick, type Verifier } from '../verifier.js';

export const doppler: Verifier = {
  id: 'doppler',
  name: 'Doppler',
  rules: ['doppler.token'],
  hosts: ['api.doppler.com'],
  endpoint: 'GET https://api.doppler.com/v3/me',
  reveals: 'token type and name, workplace',
  requests: (secret) => [{ method: 'GET', url: 'https://api.doppler.com/v3/me', headers: { authorization: `Bearer ${secret}`, accept: 'application/json' } }],
  interpret: (response) => byStatus(response, () => pick(jsonOf(response), { type: 'type', name: 'name', workplace: 'workplace.name', workplace_slug: 'workplace.slug' }), [401]),
};
