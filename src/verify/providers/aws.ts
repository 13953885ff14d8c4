// AWS: STS GetCallerIdentity, signed with the key id and its secret found together (any key pair may call it, and it changes nothing).
import { signV4 } from '../aws-sigv4.js';
import type { Outcome, Verifier, VerifyContext, VerifyResponse } from '../verifier.js';

const KEY_ID_RULE = 'aws.access-key-id';
const SECRET_RULE = 'aws.secret-access-key';
const STS_URL = 'https://sts.amazonaws.com/';
const BODY = 'Action=GetCallerIdentity&Version=2011-06-15';

/** The first value of one element of STS's XML answer. */
function element(body: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1];
}

function credentialsFor(secret: string, context: VerifyContext): { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | Outcome {
  const isKeyId = context.ruleId === KEY_ID_RULE;
  const accessKeyId = isKeyId ? secret : context.companions('key-id')[0];
  const secretAccessKey = isKeyId ? context.companions('secret')[0] : secret;
  if (!accessKeyId) return { status: 'unknown', error: 'no access key id found near the secret' };
  if (!secretAccessKey) return { status: 'unknown', error: 'no secret access key found near the key id' };
  // ABIA (bearer) and ACCA (context-specific) ids do not sign requests of their own
  if (!/^A[KS]IA/.test(accessKeyId)) return { status: 'unknown', error: `${accessKeyId.slice(0, 4)} key ids cannot call GetCallerIdentity` };
  if (!accessKeyId.startsWith('ASIA')) return { accessKeyId, secretAccessKey };
  const sessionToken = context.companions('session-token')[0];
  if (!sessionToken) return { status: 'unknown', error: 'no session token found near the temporary (ASIA) key id' };
  return { accessKeyId, secretAccessKey, sessionToken };
}

export const aws: Verifier = {
  id: 'aws',
  name: 'AWS',
  rules: [KEY_ID_RULE, SECRET_RULE],
  hosts: ['sts.amazonaws.com'],
  endpoint: 'POST https://sts.amazonaws.com/ Action=GetCallerIdentity (SigV4, us-east-1)',
  reveals: 'account id, ARN (user or role name), user id',
  companions: [
    { name: 'secret', rules: [SECRET_RULE], pattern: '(?i:secret)[^\\n]{0,40}?[=:>\\s"\']([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)' },
    { name: 'key-id', rules: [KEY_ID_RULE], pattern: '\\b((?:AKIA|ASIA)[A-Z2-7]{16})\\b' },
    { name: 'session-token', rules: ['aws.session-token', 'aws.session-token-assigned'] },
  ],
  requests: (secret, context) => {
    const credentials = credentialsFor(secret, context);
    if ('status' in credentials) return credentials;
    const headers = signV4(
      { method: 'POST', url: STS_URL, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: BODY, region: 'us-east-1', service: 'sts', date: new Date() },
      credentials,
    );
    return [{ method: 'POST', url: STS_URL, headers, body: BODY }];
  },
  interpret: (response: VerifyResponse): Outcome => {
    if (response.status === 200) {
      const identity: Record<string, string> = {};
      for (const [label, name] of [['account', 'Account'], ['arn', 'Arn'], ['userId', 'UserId']] as const) {
        const value = element(response.body, name);
        if (value) identity[label] = value;
      }
      return { status: 'valid', identity };
    }
    const code = element(response.body, 'Code');
    // unknown key id, a secret that is not the key id's, or temporary credentials past their expiry
    if ((response.status === 403 || response.status === 400) && code && ['InvalidClientTokenId', 'SignatureDoesNotMatch', 'ExpiredToken'].includes(code)) return { status: 'invalid', error: code };
    return { status: 'unknown', error: `http ${response.status}${code ? ` ${code}` : ''}` };
  },
};
