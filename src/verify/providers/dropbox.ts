// Dropbox: get_current_account is a POST only because Dropbox's RPC endpoints all are; it reads and changes nothing.
import { singleRequest } from './bearer.js';

export const dropbox = singleRequest({
  id: 'dropbox',
  name: 'Dropbox',
  rules: ['dropbox.long-lived-token', 'dropbox.short-lived-token'],
  url: 'https://api.dropboxapi.com/2/users/get_current_account',
  method: 'POST',
  // an RPC call without arguments takes the JSON body null
  headers: { 'content-type': 'application/json' },
  body: 'null',
  reveals: 'account id, name, email, account type',
  fields: { account: 'account_id', name: 'name.display_name', email: 'email' },
  // Dropbox tags unions with a ".tag" key, which a dotted path cannot name
  more: (_response, body) => ({ type: typeof body?.account_type?.['.tag'] === 'string' ? body.account_type['.tag'] : undefined }),
});
