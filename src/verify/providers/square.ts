// Square: the merchant "me" is the token's own merchant.
import { singleRequest } from './bearer.js';

export const square = singleRequest({
  id: 'square',
  name: 'Square',
  rules: ['square.access-token', 'square.legacy-access-token'],
  url: 'https://connect.squareup.com/v2/merchants/me',
  headers: { 'square-version': '2024-10-17' },
  reveals: 'merchant id, business name, country (a token without MERCHANT_PROFILE_READ: valid, restricted)',
  fields: { merchant: 'merchant.id', business: 'merchant.business_name', country: 'merchant.country' },
  // 403 INSUFFICIENT_SCOPES: the token was accepted
  restrictedOn: [403],
});
