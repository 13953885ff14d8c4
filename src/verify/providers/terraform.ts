// HCP Terraform (Terraform Cloud) and Terraform Enterprise: account/details reads the token's user
// (team and organization tokens answer as their service account).
import { baseUrls, byStatus, jsonOf, pick, type Verifier } from '../verifier.js';

export const terraform: Verifier = {
  id: 'terraform',
  name: 'HCP Terraform',
  rules: ['terraform.api-token'],
  hosts: ['app.terraform.io'],
  endpoint: 'GET https://app.terraform.io/api/v2/account/details (Terraform Enterprise: <endpoint>/api/v2/…)',
  reveals: 'username, e-mail, whether it is a service account (team or organization token)',
  requests: (secret, context) =>
    baseUrls('https://app.terraform.io', context, 'terraform', '/api/v2').map((base) => ({
      method: 'GET',
      url: `${base}/api/v2/account/details`,
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/vnd.api+json' },
    })),
  interpret: (response) =>
    byStatus(response, () => pick(jsonOf(response)?.data, { username: 'attributes.username', email: 'attributes.email', service_account: 'attributes.is-service-account', id: 'id' }), [401]),
};
