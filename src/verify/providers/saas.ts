// The verifiers of SaaS API keys: AI, messaging, e-mail, payments, productivity, observability: one module each.
import type { Verifier } from '../verifier.js';
import { airtable } from './airtable.js';
import { anthropic } from './anthropic.js';
import { asana } from './asana.js';
import { brevo } from './brevo.js';
import { discord } from './discord.js';
import { dropbox } from './dropbox.js';
import { elevenlabs } from './elevenlabs.js';
import { figma } from './figma.js';
import { groq } from './groq.js';
import { hubspot } from './hubspot.js';
import { huggingface } from './huggingface.js';
import { linear } from './linear.js';
import { mailchimp } from './mailchimp.js';
import { mailgun } from './mailgun.js';
import { mistral } from './mistral.js';
import { notion } from './notion.js';
import { openai } from './openai.js';
import { openrouter } from './openrouter.js';
import { pagerduty } from './pagerduty.js';
import { replicate } from './replicate.js';
import { sendgrid } from './sendgrid.js';
import { shopify } from './shopify.js';
import { slack } from './slack.js';
import { square } from './square.js';
import { stripe } from './stripe.js';
import { telegram } from './telegram.js';
import { twilio } from './twilio.js';
import { typeform } from './typeform.js';

export const SAAS: readonly Verifier[] = [
  slack, stripe, openai, anthropic, huggingface, sendgrid, mailgun, twilio, shopify, discord, telegram, linear, notion,
  mailchimp, airtable, asana, figma, groq, mistral, replicate, dropbox, square, typeform, pagerduty, elevenlabs, openrouter, brevo, hubspot,
];
