// OpenRouter: /api/v1/key describes the calling key itself.
import { singleRequest } from './bearer.js';

export const openrouter = singleRequest({
  id: 'openrouter',
  name: 'OpenRouter',
  rules: ['openrouter.api-key'],
  url: 'https://openrouter.ai/api/v1/key',
  reveals: 'key label, usage, credit limit, free tier',
  fields: { label: 'data.label', usage: 'data.usage', limit: 'data.limit', free: 'data.is_free_tier' },
});
