// Mistral: listing models is the lightest read its API offers (there is no identity endpoint).
import { countOf, singleRequest } from './bearer.js';

export const mistral = singleRequest({
  id: 'mistral',
  name: 'Mistral',
  rules: ['mistral.api-key'],
  url: 'https://api.mistral.ai/v1/models',
  reveals: 'how many models the key lists',
  more: (_response, body) => ({ models: countOf(body) }),
});
