// The verifiers of source hosting, cloud and infrastructure tokens: one module each.
import type { Verifier } from '../verifier.js';
import { aws } from './aws.js';
import { azureStorage } from './azure-storage.js';
import { buildkite } from './buildkite.js';
import { circleci } from './circleci.js';
import { cloudflare } from './cloudflare.js';
import { datadog } from './datadog.js';
import { digitalocean } from './digitalocean.js';
import { doppler } from './doppler.js';
import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { google } from './google.js';
import { heroku } from './heroku.js';
import { linode } from './linode.js';
import { netlify } from './netlify.js';
import { npm } from './npm.js';
import { postman } from './postman.js';
import { sentry } from './sentry.js';
import { snyk } from './snyk.js';
import { terraform } from './terraform.js';
import { vercel } from './vercel.js';

export const CODE_AND_CLOUD: readonly Verifier[] = [
  github,
  gitlab,
  aws,
  azureStorage,
  google,
  digitalocean,
  heroku,
  cloudflare,
  vercel,
  netlify,
  terraform,
  doppler,
  circleci,
  buildkite,
  snyk,
  npm,
  datadog,
  sentry,
  linode,
  postman,
];
