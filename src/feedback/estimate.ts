import type { MetricName, MetricValue } from "./types.js";

const Z95 = 1.959963984540054;

/**
 * Confidence-based performance estimation (CBPE, as NannyML): with calibrated probabilities q_i = P(y_i = 1 | score)
 * and predictions ŷ_i, the expected confusion matrix is TP = Σ ŷ q, FP = Σ ŷ (1 − q), FN = Σ (1 − ŷ) q,
 * TN = Σ (1 − ŷ)(1 − q); accuracy, precision, recall and F1 follow from it; ROC AUC from the expected TPR and FPR at
 * every score threshold (trapezoids). Accuracy carries a 95 % interval from the variance of a sum of Bernoulli
 * trials, Σ q(1 − q)/n²; the other estimates carry none. Assumes no concept drift (P(y | score) as in the reference)
 * and scores calibrated on the reference. O(n log n).
 */
export function estimateMetrics(
  calibrated: Float64Array,
  scores: Float64Array,
  predictions: Float64Array,
): Partial<Record<MetricName, MetricValue>> {
  const n = calibrated.length;
  if (n === 0) return {};
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  let variance = 0;
  for (let i = 0; i < n; i++) {
    const q = calibrated[i];
    if (predictions[i] === 1) {
      tp += q;
      fp += 1 - q;
    } else {
      fn += q;
      tn += 1 - q;
    }
    variance += q * (1 - q);
  }
  const acc = (tp + tn) / n;
  const half = (Z95 * Math.sqrt(variance)) / n;
  const point = (value: number): MetricValue => ({
    value: Number.isFinite(value) ? value : null,
    lower: null,
    upper: null,
  });
  const out: Partial<Record<MetricName, MetricValue>> = {
    accuracy: { value: acc, lower: Math.max(0, acc - half), upper: Math.min(1, acc + half) },
    precision: point(tp / (tp + fp)),
    recall: point(tp / (tp + fn)),
    f1: point((2 * tp) / (2 * tp + fp + fn)),
  };
  // ROC AUC from expected positives and negatives above each threshold, highest score first.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const positives = tp + fn;
  const negatives = fp + tn;
  if (positives > 0 && negatives > 0) {
    let area = 0;
    let tpr = 0;
    let fpr = 0;
    let k = 0;
    while (k < n) {
      let dp = 0;
      let dn = 0;
      const s = scores[order[k]];
      while (k < n && scores[order[k]] === s) {
        dp += calibrated[order[k]];
        dn += 1 - calibrated[order[k]];
        k++;
      }
      const nextTpr = tpr + dp / positives;
      const nextFpr = fpr + dn / negatives;
      area += ((nextFpr - fpr) * (tpr + nextTpr)) / 2;
      tpr = nextTpr;
      fpr = nextFpr;
    }
    out.rocAuc = point(area);
  }
  return out;
}
