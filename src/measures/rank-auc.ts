import { midranks } from "./ranks.js";

/**
 * Area under the ROC curve of `scores` for telling `positive[i] === 1` from `positive[i] === 0`, by ranks:
 * AUC = (R₊ − n₊(n₊ + 1)/2) / (n₊ n₋) with R₊ the sum of the positives' midranks (the Mann–Whitney U over
 * n₊n₋). Ties count one half, so it equals `sklearn.metrics.roc_auc_score(positive, scores)` (trapezoidal rule).
 * Rows whose score is NaN are left out. NaN when a class is absent. O(n log n).
 */
export function rankAuc(scores: ArrayLike<number>, positive: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < scores.length; i++) if (!Number.isNaN(scores[i])) m++;
  const kept = new Float64Array(m);
  const classes = new Uint8Array(m);
  for (let i = 0, j = 0; i < scores.length; i++) {
    if (Number.isNaN(scores[i])) continue;
    kept[j] = scores[i];
    classes[j] = positive[i] === 1 ? 1 : 0;
    j++;
  }
  let positives = 0;
  for (let i = 0; i < m; i++) positives += classes[i];
  const negatives = m - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  const { ranks } = midranks(kept);
  let rankSum = 0;
  for (let i = 0; i < m; i++) if (classes[i] === 1) rankSum += ranks[i];
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
