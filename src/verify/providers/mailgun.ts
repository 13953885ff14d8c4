// Mailgun: a key lives in one region, US or EU; listing one domain on each tells which (the first valid answer wins).
import type { Verifier } from '../verifier.js';
import { basic, readAnswerByHost } from './bearer.js';

const REGIONS: Record<string, string> = { 'api.mailgun.net': 'US', 'api.eu.mailgun.net': 'EU' };

export const mailgun: Verifier = {
  id: 'mailgun',
  name: 'Mailgun',
  rules: ['mailgun.api-key'],
  hosts: Object.keys(REGIONS),
  endpoint: 'GET https://api.mailgun.net/v3/domains?limit=1 (then api.eu.mailgun.net)',
  reveals: 'region, number of domains, the first domain',
  requests: (secret) => Object.keys(REGIONS).map((host) => ({ method: 'GET', url: `https://${host}/v3/domains?limit=1`, headers: basic('api', secret) })),
  interpret: readAnswerByHost('region', REGIONS, { fields: { domains: 'total_count', domain: 'items.0.name' } }),
};
