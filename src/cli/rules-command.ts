// `leaksweep rules list`: the rules a ruleset turns on, one per line.
import { DEFAULT_PATTERNS_DIR, loadRuleSpecs } from '../rules/load-rules.js';

export function rulesList(ruleset: string): string {
  const specs = loadRuleSpecs(DEFAULT_PATTERNS_DIR, ruleset);
  const width = Math.max(...specs.map((spec) => spec.id.length));
  return specs.map((spec) => `${spec.id.padEnd(width)}  ${spec.severity.padEnd(8)}  ${spec.name}\n`).join('');
}
