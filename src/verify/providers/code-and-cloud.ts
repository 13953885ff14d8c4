// The verifiers of source hosting, cloud and infrastructure tokens: one module each.
import type { Verifier } from '../verifier.js';
import { aws } from './aws.js';
import { azureStorage } from './azure-storage.js';
import { cloudflare } from './cloudflare.js';
import { digitalocean } from './digitalocean.js';
import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { google } from './google.js';
import { heroku } from './heroku.js';

export const CODE_AND_CLOUD: readonly Verifier[] = [github, gitlab, aws, azureStorage, google, digitalocean, heroku, cloudflare];
