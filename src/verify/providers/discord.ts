// Discord: a bot token reads its own bot user; webhook URLs are never called (a post is a write).
import { singleRequest } from './bearer.js';

export const discord = singleRequest({
  id: 'discord',
  name: 'Discord',
  rules: ['discord.bot-token'],
  url: 'https://discord.com/api/v10/users/@me',
  auth: (secret) => ({ authorization: `Bot ${secret}` }),
  reveals: 'bot user id, username, whether it is a bot',
  fields: { id: 'id', username: 'username', bot: 'bot' },
});
