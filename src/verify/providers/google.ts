// Google API keys: listing the Gemini (Generative Language) models costs nothing; the error's reason tells a dead key
// from a live one whose project has that API off or whose restrictions exclude it.
import { jsonOf, type Outcome, type Verifier } from '../verifier.js';

interface ErrorInfo {
  reason?: string;
  metadata?: { consumer?: string };
}

export const google: Verifier = {
  id: 'google',
  name: 'Google API key',
  rules: ['google.api-key'],
  hosts: ['generativelanguage.googleapis.com'],
  endpoint: 'GET https://generativelanguage.googleapis.com/v1beta/models?pageSize=1 (key in x-goog-api-key)',
  reveals: 'whether the key is live; the project number when the API is off for it',
  // the key goes in a header rather than ?key=, where proxies and logs keep URLs
  requests: (secret) => [{ method: 'GET', url: 'https://generativelanguage.googleapis.com/v1beta/models?pageSize=1', headers: { 'x-goog-api-key': secret } }],
  interpret: (response): Outcome => {
    if (response.status === 200) return { status: 'valid', identity: { api: 'Generative Language API enabled for the key' } };
    const error = jsonOf(response)?.error;
    const info: ErrorInfo | undefined = Array.isArray(error?.details) ? error.details.find((d: ErrorInfo) => typeof d?.reason === 'string') : undefined;
    const reason = info?.reason ?? '';
    // API_KEY_INVALID is also the reason of an expired key
    if (response.status === 400 && (reason === 'API_KEY_INVALID' || /API key not valid/i.test(String(error?.message)))) return { status: 'invalid', error: 'API_KEY_INVALID' };
    if (response.status === 403) {
      const identity: Record<string, string> = { note: reason === 'SERVICE_DISABLED' ? 'the key exists; the Generative Language API is off for its project' : `the key exists; Google refused this API (${reason || String(error?.status ?? 403)})` };
      const project = info?.metadata?.consumer;
      if (typeof project === 'string') identity.project = project;
      return { status: 'valid', identity };
    }
    return { status: 'unknown', error: `http ${response.status}${reason ? ` ${reason}` : ''}` };
  },
};
