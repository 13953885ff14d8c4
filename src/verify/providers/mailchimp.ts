// Mailchimp: the key names its datacenter (-us21); the API root of that datacenter describes the account.
import type { Verifier } from '../verifier.js';
import { basic, readAnswer } from './bearer.js';

export const mailchimp: Verifier = {
  id: 'mailchimp',
  name: 'Mailchimp',
  rules: ['mailchimp.api-key'],
  hosts: ['*.api.mailchimp.com'],
  endpoint: 'GET https://<dc>.api.mailchimp.com/3.0/ (dc: the key\'s -usN suffix)',
  reveals: 'account name, id, login email',
  requests: (secret) => {
    const dc = /-(us[0-9]{1,2})$/.exec(secret)?.[1];
    if (!dc) return { status: 'unknown', error: 'no datacenter suffix (-usN) on the key' };
    // Mailchimp ignores the user name of its basic auth
    return [{ method: 'GET', url: `https://${dc}.api.mailchimp.com/3.0/`, headers: basic('leaksweep', secret) }];
  },
  interpret: readAnswer({ fields: { account: 'account_name', id: 'account_id', email: 'email' } }),
};
