// `rules check`: every rule compiles alone and in the set, its examples match with the exact secret, its negatives do not.
import { appliesToPath, detectBlob } from './detect-blob.js';
import { errorMessage } from '../errors.js';
import { compileRules, type CompiledRule } from '../rules/compile-rules.js';
import type { RuleExample, RuleSpec } from '../rules/rule-spec.js';

export interface RuleProblem {
  ruleId: string;
  source?: string;
  problem: string;
}

const DEFAULT_EXAMPLE_PATH = 'example.txt';
const MIN_EXAMPLES = 2;

function preview(text: string): string {
  const oneLine = JSON.stringify(text);
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine;
}

/** Secrets one rule alone finds in an example. */
export function exampleSecrets(spec: RuleSpec, example: RuleExample): string[] {
  const rules = compileRules([spec]);
  return detectBlob(rules, Buffer.from(example.text, 'utf8'), example.path ?? DEFAULT_EXAMPLE_PATH)
    .filter((match) => match.ruleId === spec.id)
    .map((match) => match.secret);
}

export function checkRule(spec: RuleSpec): string[] {
  const problems: string[] = [];
  let compiled: CompiledRule;
  try {
    compiled = compileRules([spec]).rules[0];
  } catch (error) {
    return [errorMessage(error)];
  }
  if (spec.examples.length < MIN_EXAMPLES) problems.push(`has ${spec.examples.length} examples, needs ${MIN_EXAMPLES}`);
  if (spec.negativeExamples.length < MIN_EXAMPLES) problems.push(`has ${spec.negativeExamples.length} negative examples, needs ${MIN_EXAMPLES}`);
  for (const example of spec.examples) {
    if (example.secret === undefined) problems.push(`example ${preview(example.text)} does not name its secret`);
    else if (!exampleSecrets(spec, example).includes(example.secret)) problems.push(`example ${preview(example.text)} does not yield its secret`);
  }
  for (const example of spec.negativeExamples) {
    // a negative without a keyword never reaches the regex: it would prove nothing
    const lower = example.text.toLowerCase();
    if (spec.keywords.length > 0 && !spec.keywords.some((keyword) => lower.includes(keyword))) problems.push(`negative example ${preview(example.text)} holds no keyword`);
    if (!appliesToPath(compiled, example.path ?? DEFAULT_EXAMPLE_PATH)) {
      problems.push(`negative example ${preview(example.text)} is at a path the rule does not read`);
    }
    const found = exampleSecrets(spec, example);
    if (found.length > 0) problems.push(`negative example ${preview(example.text)} yields ${found.length} secret(s)`);
  }
  return problems;
}

/** Checks rules one by one, then together; `rulesetIds` are the ids a ruleset turns on (each must exist). */
export function checkRules(specs: RuleSpec[], rulesetIds: string[] = []): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const seen = new Set<string>();
  for (const spec of specs) {
    if (seen.has(spec.id)) problems.push({ ruleId: spec.id, source: spec.source, problem: 'id is defined more than once' });
    seen.add(spec.id);
    for (const problem of checkRule(spec)) problems.push({ ruleId: spec.id, source: spec.source, problem });
  }
  try {
    compileRules(specs);
  } catch (error) {
    problems.push({ ruleId: '*', problem: `the rules do not compile together: ${errorMessage(error)}` });
  }
  for (const id of rulesetIds) if (!seen.has(id)) problems.push({ ruleId: id, problem: 'listed in the ruleset but defined nowhere' });
  return problems;
}
