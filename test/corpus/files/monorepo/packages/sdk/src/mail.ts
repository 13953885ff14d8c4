import formData from 'form-data';
import Mailgun from 'mailgun.js';

const mailgun = new Mailgun(formData);
export const mg = mailgun.client({ username: 'api', key: 'key-e43c85836beded81b2f27ffb1bc2518e', url: 'https://api.eu.mailgun.net' });
