// Glue for one repository scan: rules → source → pool → pipeline → findings → report data. Pure: no process, no output.
import { availableParallelism } from 'node:os';
import { LeaksweepError } from '../errors.js';
import { buildFindings } from '../findings/build-findings.js';
import { withoutSecrets, type Finding } from '../findings/finding.js';
import { openSource, type EngineChoice } from '../git/open-source.js';
import { parseCommitMeta } from '../git/parse-commit.js';
import { compileRules } from '../rules/compile-rules.js';
import { DEFAULT_PATTERNS_DIR, loadRuleSpecs } from '../rules/load-rules.js';
import type { RuleSpec } from '../rules/rule-spec.js';
import { VERSION } from '../version.js';
import { scanHistory, type ScanProgress, type SkippedBlob } from './scan-history.js';
import { WorkerPool } from './worker-pool.js';

export interface ScanOptions {
  path: string;
  engine: EngineChoice;
  jobs?: number;
  maxBlobSize: number;
  showSecrets: boolean;
  patternsDir?: string;
  ruleset?: string;
  /** replaces the pattern files (tests, user rules) */
  rules?: RuleSpec[];
  fingerprintKey?: string;
  onProgress?: (progress: ScanProgress) => void;
}

export interface ScanSummary {
  version: string;
  engine: 'git' | 'isomorphic';
  path: string;
  rules: number;
  commits: number;
  blobsScanned: number;
  bytesScanned: number;
  blobsReused: number;
  blobsSkipped: Record<SkippedBlob['reason'], number>;
  skipped: SkippedBlob[];
  findings: number;
  /** true when some blob could not be read or scanned: the result is not a complete answer */
  incomplete: boolean;
  durationMs: number;
}

export interface ScanReport {
  findings: Finding[];
  summary: ScanSummary;
}

export async function runScan(options: ScanOptions): Promise<ScanReport> {
  const started = performance.now();
  const specs = options.rules ?? loadRuleSpecs(options.patternsDir ?? DEFAULT_PATTERNS_DIR, options.ruleset);
  const rules = compileRules(specs);
  const source = await openSource(options.path, options.engine);
  const pool = new WorkerPool({ specs, reader: source.workerReader, maxBlobSize: options.maxBlobSize }, options.jobs ?? availableParallelism());
  try {
    const scan = await scanHistory(source, pool, { maxBlobSize: options.maxBlobSize, onProgress: options.onProgress });
    const findings = withoutSecrets(
      await buildFindings(scan.matched, rules, async (commit) => parseCommitMeta(await source.readCommitObject(commit)), { fingerprintKey: options.fingerprintKey }),
      options.showSecrets,
    );
    const blobsSkipped = { binary: 0, 'too-large': 0, missing: 0, failed: 0 };
    for (const skip of scan.skipped) blobsSkipped[skip.reason] += 1;
    return {
      findings,
      summary: {
        version: VERSION,
        engine: source.engine,
        path: options.path,
        rules: specs.length,
        commits: scan.commits,
        blobsScanned: scan.blobsScanned,
        bytesScanned: scan.bytesScanned,
        blobsReused: scan.blobsReused,
        blobsSkipped,
        skipped: scan.skipped,
        findings: findings.length,
        incomplete: blobsSkipped.missing + blobsSkipped.failed > 0,
        durationMs: Math.round(performance.now() - started),
      },
    };
  } catch (error) {
    if (error instanceof LeaksweepError) throw error;
    throw new LeaksweepError('INTERNAL', `scan failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  } finally {
    await pool.close();
    await source.close();
  }
}
