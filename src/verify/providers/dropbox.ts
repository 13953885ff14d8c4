// Dropbox: get_current_account is a POST only because Dropbox's RPC endpoints all are; it reads and changes nothing.
import { restricted, singleRequest } from './bearer.js';

export const dropbox = singleRequest({
  id: 'dropbox',
  name: 'Dropbox',
  rules: ['dropbox.long-lived-token', 'dropbox.short-lived-token'],
  url: 'https://api.dropboxapi.com/2/users/get_current_account',
  method: 'POST',
  // an RPC call without arguments takes the JSON body null
  headers: { 'content-type': 'application/json' },
  body: 'null',
  reveals: 'account id, name, email, account type (a token without account_info.read: valid, restricted)',
  fields: { account: 'account_id', name: 'name.display_name', email: 'email' },
  // every auth error is a 401; a missing scope or a route the app may not call still means an accepted token
  classify: (response, body) => (response.status === 401 && ['missing_scope', 'route_access_denied'].includes(body?.error?.['.tag']) ? restricted(`http 401: ${body.error['.tag']}`) : undefined),
  // Dropbox tags unions with a ".tag" key, which a dotted path cannot name
  more: (_response, body) => ({ type: typeof body?.account_type?.['.tag'] === 'string' ? body.account_type['.tag'] : undefined }),
});
