// Datadog: /api/v1/validate checks an API key on one site; a key belongs to one site, so a 403 sends the next site the question
// (a site named near the key, DD_SITE=…, first).
import { jsonOf, type Outcome, type Verifier } from '../verifier.js';

const SITES = ['datadoghq.com', 'datadoghq.eu', 'us3.datadoghq.com', 'us5.datadoghq.com', 'ap1.datadoghq.com', 'ddog-gov.com'];

export const datadog: Verifier = {
  id: 'datadog',
  name: 'Datadog',
  rules: ['datadog.api-key'],
  hosts: SITES.map((site) => `api.${site}`),
  endpoint: 'GET https://api.datadoghq.com/api/v1/validate (then the other Datadog sites)',
  reveals: 'the Datadog site the key belongs to',
  companions: [{ name: 'site', pattern: '(?i:site)["\']?[ \\t]*[=:][ \\t]*["\']?((?:us3\\.|us5\\.|ap1\\.)?datadoghq\\.(?:com|eu)|ddog-gov\\.com)(?:[^A-Za-z0-9.-]|$)' }],
  requests: (secret, context) => {
    const named = context.companions('site').find((site) => SITES.includes(site));
    const sites = named ? [named, ...SITES.filter((site) => site !== named)] : SITES;
    return sites.map((site) => ({ method: 'GET', url: `https://api.${site}/api/v1/validate`, headers: { 'dd-api-key': secret, accept: 'application/json' } }));
  },
  interpret: (response, request): Outcome => {
    if (response.status === 200 && jsonOf(response)?.valid === true) return { status: 'valid', identity: { site: new URL(request.url).host.replace(/^api\./, '') } };
    // Datadog answers a key it does not know with 403 Forbidden
    if (response.status === 403 || response.status === 401) return { status: 'invalid', error: `http ${response.status}` };
    return { status: 'unknown', error: `http ${response.status}` };
  },
};
