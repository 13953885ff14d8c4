// Notion: users/me is the integration's own bot user.
import { singleRequest } from './bearer.js';

export const notion = singleRequest({
  id: 'notion',
  name: 'Notion',
  rules: ['notion.integration-token'],
  url: 'https://api.notion.com/v1/users/me',
  headers: { 'notion-version': '2022-06-28' },
  reveals: 'integration name, bot id, workspace name',
  fields: { name: 'name', id: 'id', type: 'type', workspace: 'bot.workspace_name' },
});
