// Slack: auth.test reads only who the token is; webhook URLs are never called (a post is a write).
import { jsonOf, pick, type Verifier } from '../verifier.js';

export const slack: Verifier = {
  id: 'slack',
  name: 'Slack',
  rules: ['slack.bot-token', 'slack.user-token', 'slack.legacy-token'],
  hosts: ['slack.com'],
  endpoint: 'POST https://slack.com/api/auth.test',
  reveals: 'team, user, bot id, workspace URL',
  requests: (secret) => [{ method: 'POST', url: 'https://slack.com/api/auth.test', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/x-www-form-urlencoded' }, body: '' }],
  interpret: (response) => {
    const body = jsonOf(response);
    if (response.status !== 200 || typeof body?.ok !== 'boolean') return { status: 'unknown', error: `http ${response.status}` };
    if (body.ok) return { status: 'valid', identity: pick(body, { team: 'team', user: 'user', url: 'url', team_id: 'team_id', bot_id: 'bot_id' }) };
    // Slack answers 200 with ok:false; only these errors say the token itself is dead
    if (['invalid_auth', 'account_inactive', 'token_revoked', 'token_expired', 'not_authed'].includes(body.error)) return { status: 'invalid', error: String(body.error) };
    return { status: 'unknown', error: `slack: ${String(body.error)}` };
  },
};
