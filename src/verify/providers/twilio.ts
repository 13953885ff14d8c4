// Twilio: the auth token authenticates only with its account SID (found near it); an API key secret with its SK key SID.
import { pick, type Verifier, type VerifyRequest } from '../verifier.js';
import { basic, readAnswer } from './bearer.js';

const API = 'https://api.twilio.com/2010-04-01';
/** the nearest few SIDs are tried: a file may name a test account before the live one */
const MOST_SIDS = 3;

// an account, or the account list (an API key without an account SID nearby): its first account
const readAccount = readAnswer({
  more: (_response, body) => pick(body?.accounts?.[0] ?? body, { account: 'friendly_name', status: 'status', type: 'type' }),
  // a standard API key may not read Accounts resources: Twilio refuses it only after authenticating it
  restrictedOn: [403],
});

export const twilio: Verifier = {
  id: 'twilio',
  name: 'Twilio',
  rules: ['twilio.auth-token', 'twilio.api-key-secret'],
  hosts: ['api.twilio.com'],
  endpoint: `GET ${API}/Accounts/<account SID>.json (Basic SID:auth token, or SK key SID:secret)`,
  reveals: 'account name, status (active, suspended, closed), type (trial, full)',
  companions: [
    { name: 'account-sid', pattern: '\\b(AC[0-9a-f]{32})\\b' },
    { name: 'key-sid', pattern: '\\b(SK[0-9a-f]{32})\\b' },
  ],
  requests: (secret, context) => {
    const accounts = context.companions('account-sid').slice(0, MOST_SIDS);
    const account = (sid: string, user: string): VerifyRequest => ({ method: 'GET', url: `${API}/Accounts/${sid}.json`, headers: basic(user, secret) });
    if (context.ruleId === 'twilio.api-key-secret') {
      const keys = context.companions('key-sid').slice(0, MOST_SIDS);
      if (!keys.length) return { status: 'unknown', error: 'no API key SID (SK…) found near the secret' };
      // without an account SID, the account list answers for the key's own account
      return keys.flatMap((key) => (accounts.length ? accounts.map((sid) => account(sid, key)) : [{ method: 'GET' as const, url: `${API}/Accounts.json?PageSize=1`, headers: basic(key, secret) }]));
    }
    if (!accounts.length) return { status: 'unknown', error: 'no account SID found near the auth token' };
    return accounts.map((sid) => account(sid, sid));
  },
  interpret: readAccount,
};
