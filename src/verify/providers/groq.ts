// Groq: listing models is the lightest read its API offers (there is no identity endpoint).
import { countOf, singleRequest } from './bearer.js';

export const groq = singleRequest({
  id: 'groq',
  name: 'Groq',
  rules: ['groq.api-key'],
  url: 'https://api.groq.com/openai/v1/models',
  reveals: 'how many models the key lists',
  more: (_response, body) => ({ models: countOf(body) }),
});
