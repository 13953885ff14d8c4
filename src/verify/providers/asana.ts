// Asana: users/me is the token's own user.
import { singleRequest } from './bearer.js';

export const asana = singleRequest({
  id: 'asana',
  name: 'Asana',
  rules: ['asana.personal-access-token'],
  url: 'https://app.asana.com/api/1.0/users/me',
  reveals: 'user gid, name, email',
  fields: { gid: 'data.gid', name: 'data.name', email: 'data.email' },
  // 403: the token was accepted but may not read this user
  restrictedOn: [403],
});
