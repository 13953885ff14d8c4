// A small fixed rule set for pipeline tests, so they do not change when the rule pack does.
import type { RuleSpec } from '../../src/rules/rule-spec.js';

function rule(id: string, keywords: string[], regex: string, extra: Partial<RuleSpec> = {}): RuleSpec {
  return { id, name: id, severity: 'high', keywords, regex, secretGroup: 1, examples: [], negativeExamples: [], ...extra };
}

export const TEST_RULES: RuleSpec[] = [
  rule('test.aws-key-id', ['akia'], '\\b(AKIA[A-Z2-7]{16})\\b'),
  rule('test.github-token', ['ghp_'], '\\b(ghp_[A-Za-z0-9]{36})\\b'),
  rule('test.password', ['password'], '(?i)password\\s*[:=]\\s*["\']?([^\\s"\']{6,})', { severity: 'medium' }),
];

/** Invented, shape-valid values. */
export const AWS_KEY = 'AKIAQ3EGRTXMPL7ZK2NB';
export const AWS_KEY_2 = 'AKIAZ7YH2KQ4MWPX5RTE';
export const GITHUB_TOKEN = 'ghp_8fK2mQ9xLp4RtV7nW3sZ1yB6cD0eJ5hA2gUo';
