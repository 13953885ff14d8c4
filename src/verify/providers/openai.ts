// OpenAI: listing models is the lightest read every API key may do; admin keys only reach /v1/organization, so they list one project.
import type { Verifier, VerifyResponse } from '../verifier.js';
import { bearer, countOf, readAnswer, restricted } from './bearer.js';

const MODELS = 'https://api.openai.com/v1/models';
const PROJECTS = 'https://api.openai.com/v1/organization/projects?limit=1';

export const openai: Verifier = {
  id: 'openai',
  name: 'OpenAI',
  rules: ['openai.api-key', 'openai.project-key', 'openai.service-account-key', 'openai.admin-key'],
  hosts: ['api.openai.com'],
  endpoint: `GET ${MODELS} (admin keys: GET ${PROJECTS})`,
  reveals: 'organization and project ids (response headers), how many models the key lists',
  requests: (secret, context) => [{ method: 'GET', url: context.ruleId === 'openai.admin-key' ? PROJECTS : MODELS, headers: bearer(secret) }],
  interpret: readAnswer({
    more: (response: VerifyResponse, body) => ({
      organization: response.headers.get('openai-organization') ?? undefined,
      project: response.headers.get('openai-project') ?? undefined,
      models: body?.object === 'list' && body.data?.[0]?.object === 'model' ? countOf(body) : undefined,
    }),
    // a key with restricted permissions is told it lacks a scope (401 or 403): it was accepted
    classify: (response, body) =>
      [401, 403].includes(response.status) && /insufficient permissions|missing scopes/i.test(String(body?.error?.message ?? '')) ? restricted('lacks the scope to read this endpoint') : undefined,
  }),
};
