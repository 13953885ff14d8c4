// Azure Storage: reading the Blob service's properties with the account key (Shared Key) proves the key; it changes nothing.
import { sharedKeyAuthorization } from '../azure-sharedkey.js';
import type { Verifier } from '../verifier.js';

const VERSION = '2021-08-06';

export const azureStorage: Verifier = {
  id: 'azure-storage',
  name: 'Azure Storage',
  rules: ['azure.storage-account-key'],
  hosts: ['*.blob.core.windows.net'],
  endpoint: 'GET https://<account>.blob.core.windows.net/?restype=service&comp=properties (Shared Key)',
  reveals: 'the storage account the key opens',
  companions: [
    {
      name: 'account',
      // AccountName=… of the connection string, az --account-name …, AZURE_STORAGE_ACCOUNT=…
      pattern: '(?:(?i:AccountName)=|--account-name[ \\t=]+["\']?|(?i:azure[_-]?storage[_-]?account(?:[_-]?name)?)["\']?[ \\t]*[=:][ \\t]*["\']?)([a-z0-9]{3,24})(?:[^A-Za-z0-9]|$)',
    },
    { name: 'endpoint-suffix', pattern: '(?i:EndpointSuffix)=([A-Za-z0-9.-]+)' },
  ],
  requests: (secret, context) => {
    const account = context.companions('account')[0];
    if (!account) return { status: 'unknown', error: 'no storage account name found near the key' };
    // an account of another Azure cloud (China, US Government) has no blob.core.windows.net host: asking there would say "invalid"
    const suffix = context.companions('endpoint-suffix')[0];
    if (suffix && suffix.toLowerCase() !== 'core.windows.net') return { status: 'unknown', error: `storage account of another Azure cloud (${suffix})` };
    const url = `https://${account}.blob.core.windows.net/?restype=service&comp=properties`;
    const headers = { 'x-ms-date': new Date().toUTCString(), 'x-ms-version': VERSION };
    return [{ method: 'GET', url, headers: { ...headers, authorization: sharedKeyAuthorization({ method: 'GET', url, headers, account, key: secret }) } }];
  },
  interpret: (response, request) => {
    const account = new URL(request.url).hostname.split('.')[0];
    if (response.status === 200) return { status: 'valid', identity: { account } };
    const code = response.headers.get('x-ms-error-code') ?? /<Code>([^<]*)<\/Code>/.exec(response.body)?.[1];
    // AuthenticationFailed: the signature does not verify under any of the account's keys
    if (response.status === 403 && code === 'AuthenticationFailed') return { status: 'invalid', error: code };
    // a firewall (AuthorizationFailure) or disabled Shared Key access (KeyBasedAuthenticationNotPermitted) says nothing of the key
    return { status: 'unknown', error: `http ${response.status}${code ? ` ${code}` : ''}` };
  },
};
