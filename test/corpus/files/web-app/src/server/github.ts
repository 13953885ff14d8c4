import { Octokit } from '@octokit/rest';
import { createAppAuth } from '@octokit/auth-app';

export const octokit = new Octokit({ auth: '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' });

export const appOctokit = new Octokit({
  authStrategy: createAppAuth,
  auth: {
    appId: 468479,
    privateKey: process.env.GITHUB_APP_PRIVATE_KEY,
    installationId: 88749368,
  },
});

// installation token cached by the release job
export const RELEASE_TOKEN = 'ghs_fIJYiFwJZLGP9yCu1VfoSlCSc8mRNE3OkoNx';
