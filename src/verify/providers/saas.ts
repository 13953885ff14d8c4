// The verifiers of SaaS API keys: AI, messaging, e-mail, payments, productivity, observability: one module each.
import type { Verifier } from '../verifier.js';
import { anthropic } from './anthropic.js';
import { discord } from './discord.js';
import { huggingface } from './huggingface.js';
import { linear } from './linear.js';
import { mailgun } from './mailgun.js';
import { notion } from './notion.js';
import { openai } from './openai.js';
import { sendgrid } from './sendgrid.js';
import { shopify } from './shopify.js';
import { slack } from './slack.js';
import { stripe } from './stripe.js';
import { telegram } from './telegram.js';
import { twilio } from './twilio.js';

export const SAAS: readonly Verifier[] = [slack, stripe, openai, anthropic, huggingface, sendgrid, mailgun, twilio, shopify, discord, telegram, linear, notion];
