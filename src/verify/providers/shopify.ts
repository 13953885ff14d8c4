// Shopify: a token works only on its own shop, so the shop's myshopify.com domain must be found near it.
import type { Verifier } from '../verifier.js';
import { readAnswer } from './bearer.js';

const API_VERSION = '2024-10';
/** the nearest few shops are tried: a file may name a development shop next to the live one */
const MOST_SHOPS = 3;

export const shopify: Verifier = {
  id: 'shopify',
  name: 'Shopify',
  rules: ['shopify.access-token', 'shopify.private-app-password'],
  hosts: ['*.myshopify.com'],
  endpoint: `GET https://<shop>.myshopify.com/admin/api/${API_VERSION}/shop.json`,
  reveals: 'shop name, domain, plan',
  // a shop name is lowercase letters, digits and hyphens: nothing else can reach the URL
  companions: [{ name: 'shop', pattern: '(?i)\\b([a-z0-9][a-z0-9-]{0,62})\\.myshopify\\.com\\b' }],
  requests: (secret, context) => {
    const shops = [...new Set(context.companions('shop').map((shop) => shop.toLowerCase()))].slice(0, MOST_SHOPS);
    if (!shops.length) return { status: 'unknown', error: 'no <shop>.myshopify.com domain found near the token' };
    // private app passwords are accepted in the same header as access tokens
    return shops.map((shop) => ({ method: 'GET', url: `https://${shop}.myshopify.com/admin/api/${API_VERSION}/shop.json`, headers: { 'x-shopify-access-token': secret } }));
  },
  // 403: the app lacks the scope; 402 (a frozen shop) and 404 (no such shop) stay unknown
  interpret: readAnswer({ fields: { shop: 'shop.name', domain: 'shop.myshopify_domain', plan: 'shop.plan_name' }, restrictedOn: [403] }),
};
