// Matches a leaksweep JSON report against the planted secrets of the synthetic repo: recall per kind and what else was reported.

const norm = (s) => s.replace(/\s+/g, '');

/** A finding matches a planted secret by path + line span (works without --show-secrets). */
function matchesByLine(f, s) {
  return f.path === s.path && f.line >= s.line && f.line < s.line + s.lineCount;
}

/** A finding matches a planted secret by path + secret text (needs --show-secrets); either may contain the other. */
function matchesBySecret(f, s) {
  if (f.path !== s.path || typeof f.secret !== 'string') return false;
  const a = norm(f.secret);
  const b = norm(s.secret);
  return a.includes(b) || (a.length >= 12 && b.includes(a));
}

/**
 * mode 'line' or 'secret'. Returns { found, total, byKind, atPlantCommit, perSecretFindings, unmatched, unmatchedByRule, missed }.
 * atPlantCommit counts found secrets whose finding names the commit that introduced them.
 */
export function recall(report, planted, mode) {
  const match = mode === 'secret' ? matchesBySecret : matchesByLine;
  const findings = report.findings ?? [];
  const used = new Set();
  const byKind = {};
  let found = 0;
  let atPlantCommit = 0;
  let multi = 0;
  const missed = [];
  for (const s of planted.secrets) {
    const hits = findings.filter((f) => match(f, s));
    hits.forEach((h) => used.add(h));
    const k = (byKind[s.kind] ??= { found: 0, total: 0 });
    k.total++;
    if (hits.length) {
      found++;
      k.found++;
      if (hits.some((h) => h.commit === s.commit)) atPlantCommit++;
      if (hits.length > 1) multi++;
    } else {
      missed.push({ plant: s.plant, kind: s.kind, path: s.path, line: s.line });
    }
  }
  const unmatched = findings.filter((f) => !used.has(f));
  const unmatchedByRule = {};
  for (const f of unmatched) unmatchedByRule[f.ruleId] = (unmatchedByRule[f.ruleId] ?? 0) + 1;
  return {
    mode,
    found,
    total: planted.secrets.length,
    byKind,
    atPlantCommit,
    secretsWithSeveralFindings: multi,
    unmatched: unmatched.length,
    unmatchedByRule,
    unmatchedSamples: unmatched.slice(0, 8).map((f) => ({ ruleId: f.ruleId, path: f.path, line: f.line, redacted: f.redacted, secret: f.secret })),
    missed: missed.slice(0, 20),
    missedTotal: missed.length,
  };
}

/** Findings per rule id, most frequent first. */
export function findingsByRule(report) {
  const counts = {};
  for (const f of report.findings ?? []) counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]));
}
