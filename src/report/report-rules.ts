// Rule metadata for formats that describe rules (SARIF, HTML): the loaded rules, plus any a finding names that was not passed in.
import type { Finding } from '../findings/finding.js';
import type { RuleSpec, Severity } from '../rules/rule-spec.js';

/** The part of a RuleSpec a report needs; plain data so callers can pass full specs or hand-built ones. */
export type ReportRule = Pick<RuleSpec, 'id' | 'name' | 'severity' | 'references' | 'revoke'>;

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/**
 * Loaded rules in their order, then rules known only from findings (a caller that passed no rules, or a
 * report from another ruleset): a finding must always resolve to a rule entry, or SARIF's ruleIndex breaks.
 */
export function reportRules(findings: readonly Finding[], rules: readonly ReportRule[] = []): ReportRule[] {
  const byId = new Map<string, ReportRule>();
  for (const rule of rules) if (!byId.has(rule.id)) byId.set(rule.id, rule);
  for (const f of findings) if (!byId.has(f.ruleId)) byId.set(f.ruleId, { id: f.ruleId, name: f.ruleName, severity: f.severity });
  return [...byId.values()];
}

/** Only web links become clickable: rule files are user-editable, and a `javascript:` reference must stay text. */
export function isWebLink(reference: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(reference);
}

/** The rule's revocation link when it is a web link (rule files are user-editable). */
export function revokeLink(rule: Pick<ReportRule, 'revoke'>): string | undefined {
  return rule.revoke !== undefined && isWebLink(rule.revoke) ? rule.revoke : undefined;
}
