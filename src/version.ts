// The package version, read once from package.json so reports name the release that wrote them.
import { readFileSync } from 'node:fs';

/** From dist/version.js, or from the CLI bundle one directory deeper (dist/bundle/). */
function packageJson(): { version: string } {
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const parsed = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version: string };
      if (parsed.name === 'leaksweep') return parsed;
    } catch {
      // not this one
    }
  }
  throw new Error('leaksweep: package.json not found beside the compiled code');
}

export const VERSION: string = packageJson().version;
