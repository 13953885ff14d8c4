// How well one feature (or a combination) separates positives from negatives: ROC AUC, thresholds, a class-balanced
// logistic regression with out-of-fold scores, and the best two-threshold AND rule. Used by token-efficiency.js.

/** The share of positives a threshold must keep: a filter may cost at most 1% of the secrets. */
export const RECALL_KEPT = 0.99;

/** ROC AUC by ranks (ties count half): the chance a random positive scores above a random negative. */
export function auc(pos, neg) {
  const all = [...pos.map((v) => [v, 1]), ...neg.map((v) => [v, 0])].sort((a, b) => a[0] - b[0]);
  let rankSumPos = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j][0] === all[i][0]) j++;
    const midRank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (all[k][1]) rankSumPos += midRank;
    i = j;
  }
  return (rankSumPos - (pos.length * (pos.length + 1)) / 2) / (pos.length * neg.length);
}

/**
 * One feature, oriented so that positives score high ("flag when value ≥ t"). Returns the AUC, the threshold of best F1
 * with its precision and recall, and the threshold that keeps ≥ 99% of positives with the negatives it removes.
 */
export function evaluateScores(pos, neg, npmNegMask) {
  let a = auc(pos, neg);
  let sign = 1;
  if (a < 0.5) {
    sign = -1;
    a = 1 - a;
  }
  const p = pos.map((v) => sign * v).sort((x, y) => x - y);
  const n = neg.map((v) => sign * v);
  const candidates = [...new Set(p)].sort((x, y) => x - y);
  let best = { f1: -1 };
  for (const t of candidates) {
    const tp = p.filter((v) => v >= t).length;
    const fp = n.filter((v) => v >= t).length;
    const precision = tp / (tp + fp);
    const recall = tp / p.length;
    const f1 = (2 * precision * recall) / (precision + recall);
    if (f1 > best.f1) best = { f1, threshold: sign * t, precision, recall };
  }
  // The highest threshold that still flags ≥ 99% of positives: the floor(1%) lowest positives may fall below it.
  const t99 = p[Math.floor(p.length * (1 - RECALL_KEPT))];
  const removed = n.filter((v) => v < t99).length;
  const removedNpm = n.filter((v, i) => v < t99 && npmNegMask[i]).length;
  return { direction: sign > 0 ? 'flag if ≥' : 'flag if ≤', auc: a, bestF1: best, at99: { threshold: sign * t99, recall: p.filter((v) => v >= t99).length / p.length, removed, removedNpm } };
}

/** Logistic regression (class-balanced, L2, gradient descent) on standardised columns: a simple two-feature combination. */
export function fitLogistic(X, y, iters = 3000, lr = 0.2, l2 = 1e-3) {
  const d = X[0].length;
  const mean = Array.from({ length: d }, (_, j) => X.reduce((s, r) => s + r[j], 0) / X.length);
  const sd = Array.from({ length: d }, (_, j) => Math.sqrt(X.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / X.length) || 1);
  const Z = X.map((r) => r.map((v, j) => (v - mean[j]) / sd[j]));
  const nPos = y.filter(Boolean).length;
  // Balanced weights: a few hundred positives against a few thousand negatives would otherwise pull toward "negative".
  const w = y.map((t) => (t ? 0.5 / nPos : 0.5 / (y.length - nPos)));
  let beta = new Array(d + 1).fill(0);
  for (let it = 0; it < iters; it++) {
    const g = new Array(d + 1).fill(0);
    for (let i = 0; i < Z.length; i++) {
      const z = beta[0] + Z[i].reduce((s, v, j) => s + v * beta[j + 1], 0);
      const e = (1 / (1 + Math.exp(-z)) - (y[i] ? 1 : 0)) * w[i];
      g[0] += e;
      for (let j = 0; j < d; j++) g[j + 1] += e * Z[i][j];
    }
    beta = beta.map((b, j) => b - lr * (g[j] + (j ? l2 * b : 0)));
  }
  return (row) => beta[0] + row.reduce((s, v, j) => s + ((v - mean[j]) / sd[j]) * beta[j + 1], 0);
}

/** Out-of-fold scores (5 folds, fixed interleaving) so the combination's AUC is not measured on its own training data. */
export function crossValidatedScores(X, y, folds = 5) {
  const out = new Array(X.length);
  for (let k = 0; k < folds; k++) {
    const train = X.map((_, i) => i).filter((i) => i % folds !== k);
    const model = fitLogistic(train.map((i) => X[i]), train.map((i) => y[i]));
    for (let i = k; i < X.length; i += folds) out[i] = model(X[i]);
  }
  return out;
}

/** Best AND rule "flag if entropy ≥ a and chars/token ≤ b" that keeps ≥ 99% of positives; thresholds from quantile grids. */
export function bestAndRule(pos, neg, npmNegMask, tokenFeature) {
  const grid = (vals) => [...new Set(Array.from({ length: 81 }, (_, i) => vals.slice().sort((x, y) => x - y)[Math.floor((i / 80) * (vals.length - 1))]))];
  const as = [-Infinity, ...grid(pos.map((r) => r.entropy))];
  const bs = [Infinity, ...grid(pos.map((r) => r[tokenFeature]))];
  const need = Math.ceil(pos.length * RECALL_KEPT);
  let best = null;
  for (const a of as) {
    for (const b of bs) {
      const kept = pos.filter((r) => r.entropy >= a && r[tokenFeature] <= b).length;
      if (kept < need) continue;
      let removedNpm = 0;
      let removed = 0;
      neg.forEach((r, i) => {
        if (!(r.entropy >= a && r[tokenFeature] <= b)) {
          removed++;
          if (npmNegMask[i]) removedNpm++;
        }
      });
      if (!best || removed > best.removed) best = { entropyMin: a, [`${tokenFeature}Max`]: b, recall: kept / pos.length, removed, removedNpm };
    }
  }
  return best;
}
