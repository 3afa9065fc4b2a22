import { DriftlabError } from "../errors.js";
import { midranks } from "./ranks.js";
import { normalQuantile, normalSf } from "./special.js";

/** Result of {@link rocAuc}. */
export interface RocAucResult {
  /** Area under the ROC curve: P(score of a positive > score of a negative) + ½ P(tie). */
  auc: number;
  /** DeLong's standard error (DeLong, DeLong & Clarke-Pearson 1988). */
  standardError: number;
  /** Normal confidence interval from DeLong's standard error, clipped to [0, 1]. */
  interval: { lower: number; upper: number };
  /**
   * One-sided p-value of "AUC > ½" under the null that scores do not depend on the label, from the exact
   * permutation variance of the Mann–Whitney statistic (n₁ + n₀ + 1)/(12 n₁ n₀) with a tie correction.
   */
  pValue: number;
  positives: number;
  negatives: number;
}

/**
 * ROC AUC of scores against 0/1 labels, by midranks (the Mann–Whitney U / (n₁ n₀)); matches
 * `sklearn.metrics.roc_auc_score`. With DeLong's variance from the structural components V₁₀, V₀₁. O(n log n).
 *
 * @param alpha 1 − confidence level of the interval. Default 0.05.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>, alpha = 0.05): RocAucResult {
  const n = scores.length;
  if (labels.length !== n) {
    throw new DriftlabError("INVALID_OPTION", `${n} scores but ${labels.length} labels.`, {
      subject: "labels",
    });
  }
  let positives = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) {
      throw new DriftlabError("UNSUPPORTED_INPUT", `labels[${i}] is ${labels[i]}; labels must be 0 or 1.`, {
        subject: "labels",
      });
    }
    if (!Number.isFinite(scores[i])) {
      throw new DriftlabError("UNSUPPORTED_INPUT", `scores[${i}] is ${scores[i]}; scores must be finite.`, {
        subject: "scores",
      });
    }
    positives += labels[i];
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) {
    throw new DriftlabError("EMPTY_TABLE", "ROC AUC needs both positive and negative labels.", {
      subject: "labels",
    });
  }
  const all = midranks(scores);
  const pos = new Float64Array(positives);
  const neg = new Float64Array(negatives);
  const posIndex: number[] = [];
  const negIndex: number[] = [];
  for (let i = 0; i < n; i++) (labels[i] === 1 ? posIndex : negIndex).push(i);
  posIndex.forEach((i, k) => (pos[k] = scores[i]));
  negIndex.forEach((i, k) => (neg[k] = scores[i]));
  const posRanks = midranks(pos).ranks;
  const negRanks = midranks(neg).ranks;
  let rankSum = 0;
  for (const i of posIndex) rankSum += all.ranks[i];
  const u = rankSum - (positives * (positives + 1)) / 2;
  const auc = u / (positives * negatives);
  // DeLong: V10_i = (rank of positive i among all − rank among positives) / n0, V01_j = 1 − (rank among all −
  // rank among negatives) / n1.
  let s10 = 0;
  for (let k = 0; k < positives; k++) {
    const v = (all.ranks[posIndex[k]] - posRanks[k]) / negatives;
    s10 += (v - auc) ** 2;
  }
  let s01 = 0;
  for (let k = 0; k < negatives; k++) {
    const v = 1 - (all.ranks[negIndex[k]] - negRanks[k]) / positives;
    s01 += (v - auc) ** 2;
  }
  const variance =
    (positives > 1 ? s10 / (positives - 1) / positives : 0) +
    (negatives > 1 ? s01 / (negatives - 1) / negatives : 0);
  const standardError = Math.sqrt(variance);
  const z = normalQuantile(1 - alpha / 2);
  let ties = 0;
  for (const t of all.tieSizes) ties += t * t * t - t;
  const nullVariance =
    (((positives * negatives) / 12) * (n + 1 - ties / (n * (n - 1)))) / (positives * negatives) ** 2;
  const pValue = nullVariance > 0 ? normalSf((auc - 0.5) / Math.sqrt(nullVariance)) : 1;
  return {
    auc,
    standardError,
    interval: { lower: Math.max(0, auc - z * standardError), upper: Math.min(1, auc + z * standardError) },
    pValue,
    positives,
    negatives,
  };
}
