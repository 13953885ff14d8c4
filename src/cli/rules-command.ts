// `leaksweep rules list`: the rules a ruleset turns on, one per line.
import { checkRules } from '../detect/check-rules.js';
import { DEFAULT_PATTERNS_DIR, loadAllRuleSpecs, loadPatternFile, loadRuleSpecs, loadRulesetIds } from '../rules/load-rules.js';

export function rulesList(ruleset: string): string {
  const specs = loadRuleSpecs(DEFAULT_PATTERNS_DIR, ruleset);
  const width = Math.max(...specs.map((spec) => spec.id.length));
  return specs.map((spec) => `${spec.id.padEnd(width)}  ${spec.severity.padEnd(8)}  ${spec.name}\n`).join('');
}

/** `leaksweep rules check [FILE…]`: the given pattern files, or the whole pack with its default ruleset. */
export function rulesCheck(files: string[]): { text: string; ok: boolean } {
  const specs = files.length > 0 ? files.flatMap(loadPatternFile) : loadAllRuleSpecs(DEFAULT_PATTERNS_DIR);
  const problems = checkRules(specs, files.length > 0 ? [] : loadRulesetIds(DEFAULT_PATTERNS_DIR, 'default'));
  const lines = problems.map((p) => `${p.source ? `${p.source}: ` : ''}${p.ruleId}: ${p.problem}`);
  lines.push(`${specs.length} rules checked, ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  return { text: `${lines.join('\n')}\n`, ok: problems.length === 0 };
}
