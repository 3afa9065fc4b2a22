/**
 * Metrics of a model's predictions against the true labels, matching scikit-learn's `sklearn.metrics`
 * (binary: labels 0/1, positive class 1). Every function takes plain arrays; missing values must be removed first.
 * Where scikit-learn warns and returns 0 for an undefined ratio (`zero_division="warn"`), these return NaN, because a
 * monitoring timeline must not show "precision 0" for a window without a positive prediction.
 */

import { DriftlabError } from "../errors.js";
import { midranks } from "./ranks.js";

/** Counts of a binary confusion matrix (positive class 1). */
export interface ConfusionCounts {
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
}

function checkPair(name: string, a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `${name}: labels have ${a.length} values but the predictions have ${b.length}; pass one prediction per label.`,
      { subject: name },
    );
  }
}

function checkBinary(name: string, labels: ArrayLike<number>): void {
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    if (v !== 0 && v !== 1) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `${name}: label ${String(v)} at position ${i} is not 0 or 1. Binary metrics need 0/1 labels (1 = positive class).`,
        { subject: name },
      );
    }
  }
}

function checkProbabilities(name: string, scores: ArrayLike<number>): void {
  for (let i = 0; i < scores.length; i++) {
    const p = scores[i];
    if (!(p >= 0 && p <= 1)) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `${name}: score ${String(p)} at position ${i} is not a probability in [0, 1]. Pass the predicted probability of class 1.`,
        { subject: name },
      );
    }
  }
}

/** The binary confusion matrix of 0/1 `labels` and 0/1 `predictions` (`sklearn.metrics.confusion_matrix`). O(n). */
export function confusionCounts(labels: ArrayLike<number>, predictions: ArrayLike<number>): ConfusionCounts {
  checkPair("confusionCounts", labels, predictions);
  checkBinary("confusionCounts", labels);
  checkBinary("confusionCounts", predictions);
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    if (predictions[i] === 1) {
      if (labels[i] === 1) tp++;
      else fp++;
    } else if (labels[i] === 1) fn++;
    else tn++;
  }
  return { truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn };
}

/** Share of predictions equal to the label (`accuracy_score`); works for any class codes. NaN when empty. */
export function accuracy(labels: ArrayLike<number>, predictions: ArrayLike<number>): number {
  checkPair("accuracy", labels, predictions);
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === predictions[i]) correct++;
  return labels.length === 0 ? NaN : correct / labels.length;
}

/** TP / (TP + FP) (`precision_score`); NaN without a positive prediction. */
export function precision(labels: ArrayLike<number>, predictions: ArrayLike<number>): number {
  const c = confusionCounts(labels, predictions);
  const d = c.truePositives + c.falsePositives;
  return d === 0 ? NaN : c.truePositives / d;
}

/** TP / (TP + FN) (`recall_score`); NaN without a positive label. */
export function recall(labels: ArrayLike<number>, predictions: ArrayLike<number>): number {
  const c = confusionCounts(labels, predictions);
  const d = c.truePositives + c.falseNegatives;
  return d === 0 ? NaN : c.truePositives / d;
}

/** 2 TP / (2 TP + FP + FN), the harmonic mean of precision and recall (`f1_score`); NaN when TP + FP + FN = 0. */
export function f1Score(labels: ArrayLike<number>, predictions: ArrayLike<number>): number {
  const c = confusionCounts(labels, predictions);
  const d = 2 * c.truePositives + c.falsePositives + c.falseNegatives;
  return d === 0 ? NaN : (2 * c.truePositives) / d;
}

/**
 * Area under the ROC curve (`roc_auc_score`), computed as the Mann–Whitney statistic: the probability that a random
 * positive scores above a random negative, ties counting one half (midranks), which equals the trapezoidal area
 * scikit-learn integrates. NaN when only one class is present (scikit-learn raises). O(n log n). For DeLong's
 * standard error, an interval and a test, see {@link rocAuc} (roc-auc.ts).
 */
export function rocAucScore(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkPair("rocAucScore", labels, scores);
  checkBinary("rocAucScore", labels);
  const { ranks } = midranks(scores);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) {
      positives++;
      rankSum += ranks[i];
    }
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Mean binary cross-entropy −(1/n) Σ [y log p + (1 − y) log(1 − p)] (`log_loss`), natural log. Probabilities are
 * clipped to [ε, 1 − ε] first, as scikit-learn does; ε defaults to the float64 machine epsilon (2.22e-16, its
 * `eps="auto"`). O(n).
 *
 * @param epsilon clipping bound; default `Number.EPSILON`.
 */
export function logLoss(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  epsilon = Number.EPSILON,
): number {
  checkPair("logLoss", labels, scores);
  checkBinary("logLoss", labels);
  checkProbabilities("logLoss", scores);
  if (labels.length === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - epsilon, Math.max(epsilon, scores[i]));
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / labels.length;
}

/** Mean squared difference between the probability of class 1 and the 0/1 label (`brier_score_loss`). O(n). */
export function brierScore(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkPair("brierScore", labels, scores);
  checkBinary("brierScore", labels);
  checkProbabilities("brierScore", scores);
  if (labels.length === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum += (scores[i] - labels[i]) ** 2;
  return sum / labels.length;
}

/**
 * Expected calibration error with `bins` equal-width bins on [0, 1]: Σ_b (n_b / n) |mean(y)_b − mean(p)_b|
 * (Naeini et al. 2015). Bins are those of `sklearn.calibration.calibration_curve(strategy="uniform")`: a score on an
 * inner edge belongs to the bin below it (numpy `searchsorted`, side "left"). O(n).
 *
 * @param bins number of bins; default 10.
 */
export function expectedCalibrationError(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  bins = 10,
): number {
  checkPair("expectedCalibrationError", labels, scores);
  checkBinary("expectedCalibrationError", labels);
  checkProbabilities("expectedCalibrationError", scores);
  if (labels.length === 0) return NaN;
  const count = new Float64Array(bins);
  const positive = new Float64Array(bins);
  const scoreSum = new Float64Array(bins);
  // Inner edges as numpy's linspace(0, 1, bins + 1) computes them: k · (1 / bins).
  const step = 1 / bins;
  for (let i = 0; i < labels.length; i++) {
    const p = scores[i];
    let b = 0;
    while (b < bins - 1 && (b + 1) * step < p) b++;
    count[b]++;
    positive[b] += labels[i];
    scoreSum[b] += p;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    if (count[b] > 0) ece += Math.abs(positive[b] - scoreSum[b]) / labels.length;
  }
  return ece;
}

/** Mean absolute error (`mean_absolute_error`). O(n). */
export function meanAbsoluteError(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkPair("meanAbsoluteError", actual, predicted);
  if (actual.length === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(actual[i] - predicted[i]);
  return sum / actual.length;
}

/** Root mean squared error (`root_mean_squared_error`, or `mean_squared_error(squared=False)`). O(n). */
export function rootMeanSquaredError(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkPair("rootMeanSquaredError", actual, predicted);
  if (actual.length === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += (actual[i] - predicted[i]) ** 2;
  return Math.sqrt(sum / actual.length);
}
