// HubSpot: account-info details is the token's own portal.
import { singleRequest } from './bearer.js';

export const hubspot = singleRequest({
  id: 'hubspot',
  name: 'HubSpot',
  rules: ['hubspot.private-app-token'],
  url: 'https://api.hubapi.com/account-info/v3/details',
  reveals: 'portal id, account type, data hosting location',
  fields: { portal: 'portalId', type: 'accountType', hosting: 'dataHostingLocation' },
  // 403 MISSING_SCOPES: the token was accepted
  restrictedOn: [403],
});
