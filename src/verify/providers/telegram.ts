// Telegram: the Bot API takes the token in the path (its documented form); getMe reads only the bot itself.
import type { Verifier } from '../verifier.js';
import { readAnswer } from './bearer.js';

export const telegram: Verifier = {
  id: 'telegram',
  name: 'Telegram',
  rules: ['telegram.bot-token'],
  hosts: ['api.telegram.org'],
  endpoint: 'GET https://api.telegram.org/bot<token>/getMe',
  reveals: 'bot username, id, name',
  requests: (secret) => [{ method: 'GET', url: `https://api.telegram.org/bot${secret}/getMe` }],
  // 401 Unauthorized: a revoked token; 404 Not Found: no bot by that token
  interpret: readAnswer({ fields: { username: 'result.username', id: 'result.id', name: 'result.first_name' }, invalidOn: [401, 404] }),
};
