// How each kind of invented secret is written into a file: the lines to insert and where the secrets sit in them.
import { SECRET_MAKERS } from './synthetic-text.js';

const indent = (block, pad) => block.split('\n').map((l) => pad + l);

/**
 * Each kind lists the file extensions it fits and a writer returning { lines, secrets: [{ kind, secret, offset, lineCount }] }.
 * `offset` is the 0-based line within `lines` where the secret starts.
 */
export const PLANT_KINDS = {
  aws: {
    exts: ['ini', 'py'],
    write(rng, ext) {
      const id = SECRET_MAKERS['aws-access-key-id'](rng);
      const key = SECRET_MAKERS['aws-secret-access-key'](rng);
      const q = ext === 'py' ? '"' : '';
      return {
        lines: [`aws_access_key_id = ${q}${id}${q}`, `aws_secret_access_key = ${q}${key}${q}`],
        secrets: [
          { kind: 'aws-access-key-id', secret: id, offset: 0, lineCount: 1 },
          { kind: 'aws-secret-access-key', secret: key, offset: 1, lineCount: 1 },
        ],
      };
    },
  },
  github: {
    exts: ['yaml', 'sh', 'js'],
    write(rng, ext) {
      const t = SECRET_MAKERS['github-pat'](rng);
      const line = ext === 'yaml' ? `  token: ${t}` : ext === 'sh' ? `export GITHUB_TOKEN=${t}` : `const githubToken = "${t}";`;
      return { lines: [line], secrets: [{ kind: 'github-pat', secret: t, offset: 0, lineCount: 1 }] };
    },
  },
  slack: {
    exts: ['env', 'js', 'py'],
    write(rng, ext) {
      const t = SECRET_MAKERS['slack-bot-token'](rng);
      const line = ext === 'env' ? `SLACK_BOT_TOKEN=${t}` : ext === 'js' ? `  slackToken: '${t}',` : `SLACK_TOKEN = "${t}"`;
      return { lines: [line], secrets: [{ kind: 'slack-bot-token', secret: t, offset: 0, lineCount: 1 }] };
    },
  },
  stripe: {
    exts: ['env', 'py', 'ts'],
    write(rng, ext) {
      const t = SECRET_MAKERS['stripe-live-key'](rng);
      const line = ext === 'env' ? `STRIPE_SECRET_KEY=${t}` : ext === 'py' ? `stripe.api_key = "${t}"` : `const stripeKey = '${t}';`;
      return { lines: [line], secrets: [{ kind: 'stripe-live-key', secret: t, offset: 0, lineCount: 1 }] };
    },
  },
  pem: {
    // 'pem' means a new key file of its own; yaml embeds the block under a key.
    exts: ['pem', 'yaml'],
    write(rng, ext) {
      const block = SECRET_MAKERS['rsa-private-key'](rng);
      const n = block.split('\n').length;
      if (ext === 'pem') return { lines: block.split('\n'), secrets: [{ kind: 'rsa-private-key', secret: block, offset: 0, lineCount: n }] };
      return {
        lines: ['  private_key: |', ...indent(block, '    ')],
        secrets: [{ kind: 'rsa-private-key', secret: block, offset: 1, lineCount: n }],
      };
    },
  },
  password: {
    exts: ['py', 'ini', 'js'],
    write(rng, ext) {
      const p = SECRET_MAKERS.password(rng);
      const line = ext === 'js' ? `const password = "${p}";` : `password = "${p}"`;
      return { lines: [line], secrets: [{ kind: 'password', secret: p, offset: 0, lineCount: 1 }] };
    },
  },
};
