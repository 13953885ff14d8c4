// Runs the leaksweep CLI in this process and, on exit, writes "<peak RSS KiB> <user s> <sys s>" (like GNU time's
// `%M %U %S`; worker threads included, git child processes not) to $BENCH_RSS_FILE.
// Fallback for machines without GNU /usr/bin/time. Usage: BENCH_RSS_FILE=f node bench/rss.js scan <repo> ...
import fs from 'node:fs';

process.on('exit', () => {
  const u = process.resourceUsage();
  if (process.env.BENCH_RSS_FILE) fs.writeFileSync(process.env.BENCH_RSS_FILE, `${u.maxRSS} ${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6}\n`);
});

// bin/leaksweep.js reads process.argv.slice(2), which here is already the CLI's own arguments.
await import('../bin/leaksweep.js');
