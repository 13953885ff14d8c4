// Snyk: GET /rest/self reads the token's user. A token answers only in its own region, so each region is asked in turn.
import { byStatus, jsonOf, pick, type Verifier } from '../verifier.js';

// SNYK-US-01, SNYK-US-02, SNYK-EU-01, SNYK-AU-01
const HOSTS = ['api.snyk.io', 'api.us.snyk.io', 'api.eu.snyk.io', 'api.au.snyk.io'];

export const snyk: Verifier = {
  id: 'snyk',
  name: 'Snyk',
  rules: ['snyk.api-token'],
  hosts: HOSTS,
  endpoint: 'GET https://api.snyk.io/rest/self?version=2024-10-15 (then the US-02, EU and AU regions)',
  reveals: 'username, name, e-mail, user id',
  requests: (secret) => HOSTS.map((host) => ({ method: 'GET', url: `https://${host}/rest/self?version=2024-10-15`, headers: { authorization: `token ${secret}`, accept: 'application/vnd.api+json' } })),
  interpret: (response, request) => {
    const identity = () => ({ ...pick(jsonOf(response)?.data, { username: 'attributes.username', name: 'attributes.name', email: 'attributes.email', id: 'id' }), region: new URL(request.url).host });
    return byStatus(response, identity, [401]);
  },
};
