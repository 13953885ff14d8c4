// How findings are matched to the corpus labels and scored; shared by eval.js and corpus.test.ts.

/** Whitespace and JSON-style \n / \r escapes removed: a PEM block matches however it was indented or escaped. */
export function normalize(text) {
  return text.replace(/\\[nr]/g, '').replace(/\s+/g, '');
}

/** The forms a label accepts: the secret as written, then any `accept` alternatives (decoded forms, the inner password). */
export function acceptedForms(label) {
  return [label.secret, ...(label.accept ?? [])].map(normalize).filter((form) => form.length > 0);
}

/**
 * A reported secret matches a form when it is the form, holds the form (the finding carries context such as a whole
 * connection string), or is a substantial part of it (a PEM body without its BEGIN/END lines): at least 8 characters,
 * and at least half of the form or 32 characters, whichever is less.
 */
export function secretMatchesForm(reported, form) {
  if (reported === form || reported.includes(form)) return true;
  return form.includes(reported) && reported.length >= Math.min(32, Math.max(8, Math.ceil(form.length / 2)));
}

export function lineMatches(finding, label) {
  return finding.line >= label.line && finding.line <= (label.endLine ?? label.line);
}

export function findingMatchesLabel(finding, label) {
  if (finding.path !== label.path || !lineMatches(finding, label) || typeof finding.secret !== 'string') return false;
  const reported = normalize(finding.secret);
  return reported.length > 0 && acceptedForms(label).some((form) => secretMatchesForm(reported, form));
}

/** Rule id → family, for charging a false alarm to a family: the id's provider part, with a few renames. */
const RULE_FAMILY = {
  pem: 'private-key',
  openssh: 'private-key',
  putty: 'private-key',
  pgp: 'private-key',
  'generic.password': 'password',
};

export function ruleFamily(ruleId) {
  const provider = ruleId.split('.')[0];
  return RULE_FAMILY[ruleId] ?? RULE_FAMILY[provider] ?? provider;
}

const ratio = (num, den) => (den === 0 ? null : num / den);
const f1 = (p, r) => (p === null || r === null || p + r === 0 ? (p === 0 || r === 0 ? 0 : null) : (2 * p * r) / (p + r));

/**
 * Scores a report against the labels.
 * - A required label is found when some finding matches it (recall counts labels, not findings).
 * - A finding that matches a required label is a true positive; one that matches only `optional` labels is neutral
 *   (neither counted nor a false alarm); one that matches no label is a false alarm.
 * - Precision counts findings, so two rules reporting the same secret are two true positives.
 */
export function score(findings, labels, nearMisses = []) {
  const nearMissAt = new Map(nearMisses.map((n) => [`${n.path}:${n.line}`, n.kind]));
  const labelLines = new Set(labels.flatMap((l) => Array.from({ length: (l.endLine ?? l.line) - l.line + 1 }, (_, i) => `${l.path}:${l.line + i}`)));
  const byPath = new Map();
  for (const label of labels) {
    if (!byPath.has(label.path)) byPath.set(label.path, []);
    byPath.get(label.path).push(label);
  }

  const found = new Set();
  const families = new Map();
  const family = (name) => {
    if (!families.has(name)) families.set(name, { family: name, labels: 0, found: 0, truePositives: 0, falseAlarms: 0 });
    return families.get(name);
  };
  for (const label of labels) if (!label.optional) family(label.family).labels += 1;

  const falseAlarms = [];
  let truePositives = 0;
  let neutral = 0;
  for (const finding of findings) {
    const hits = (byPath.get(finding.path) ?? []).filter((label) => findingMatchesLabel(finding, label));
    hits.forEach((label) => found.add(label));
    const required = hits.filter((label) => !label.optional);
    if (required.length > 0) {
      truePositives += 1;
      family(required[0].family).truePositives += 1;
    } else if (hits.length > 0) {
      neutral += 1;
    } else {
      const at = `${finding.path}:${finding.line}`;
      const where = nearMissAt.has(at) ? `near-miss: ${nearMissAt.get(at)}` : labelLines.has(at) ? 'labelled line, other value' : 'unmarked line';
      falseAlarms.push({ path: finding.path, line: finding.line, ruleId: finding.ruleId, where, secret: finding.secret });
      family(ruleFamily(finding.ruleId)).falseAlarms += 1;
    }
  }

  const misses = labels.filter((label) => !label.optional && !found.has(label));
  for (const label of labels) if (!label.optional && found.has(label)) family(label.family).found += 1;

  const required = labels.filter((label) => !label.optional).length;
  const precision = ratio(truePositives, truePositives + falseAlarms.length);
  const recall = ratio(required - misses.length, required);
  const perFamily = [...families.values()]
    .map((f) => {
      const p = ratio(f.truePositives, f.truePositives + f.falseAlarms);
      const r = ratio(f.found, f.labels);
      return { ...f, precision: p, recall: r, f1: f1(p, r) };
    })
    .sort((a, b) => b.labels - a.labels || b.falseAlarms - a.falseAlarms || a.family.localeCompare(b.family));
  return {
    overall: { labels: required, found: required - misses.length, findings: findings.length, truePositives, neutral, falseAlarms: falseAlarms.length, precision, recall, f1: f1(precision, recall) },
    perFamily,
    misses,
    falseAlarms,
  };
}

/** A preview that shows the shape of a secret without printing it whole. */
export function preview(secret) {
  if (typeof secret !== 'string') return '(no secret in report)';
  const lines = secret.split(/\r?\n|\\n/).filter((l) => l.trim() !== '');
  if (lines.length > 1) return `${lines[0].trim().slice(0, 40)} … (${lines.length} lines)`;
  const s = secret.trim();
  if (s.length <= 8) return `${s.slice(0, 2)}${'*'.repeat(s.length - 2)} (${s.length} chars)`;
  return `${s.slice(0, Math.min(8, Math.floor(s.length / 3)))}…${s.slice(-2)} (${s.length} chars)`;
}
