// Runs the CLI in this process (src/, no build needed) with stdout and stderr captured; scan workers still come from dist/.
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';

export async function runCli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const chunks = { stdout: '', stderr: '' };
  const sink = (name: 'stdout' | 'stderr') =>
    new Writable({
      write(chunk, _encoding, done) {
        chunks[name] += String(chunk);
        done();
      },
    });
  const code = await main(argv, { stdout: sink('stdout'), stderr: sink('stderr') });
  return { code, ...chunks };
}
