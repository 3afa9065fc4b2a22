/**
 * How strongly one feature alone tells a target apart: ROC AUC for classes (out-of-fold target encoding for
 * categories, so that ids do not look predictive), correlation ratio or Spearman's ρ for numbers.
 */

import type { Association } from "../format/collection.js";
import type { Column } from "../data/column.js";
import { correlationRatio, spearmanCorrelation } from "../measures/correlation.js";
import { rocAucScore } from "../measures/classification-metrics.js";
import { numericValues, outOfFoldEncoding, usedLevels, type CodedFeature } from "./encode.js";
import { oneVersusRest, type CodedTarget } from "./label.js";

/** ROC AUC of `scores` for `positive` (0/1), leaving out rows whose score or class is NaN; NaN for one class. */
function rankAuc(scores: ArrayLike<number>, positive: ArrayLike<number>): number {
  const keptScores: number[] = [];
  const keptLabels: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (Number.isNaN(scores[i]) || Number.isNaN(positive[i])) continue;
    keptScores.push(scores[i]);
    keptLabels.push(positive[i] === 1 ? 1 : 0);
  }
  return rocAucScore(keptLabels, keptScores);
}

/** Folds of the out-of-fold target encoding. */
const FOLDS = 5;

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Per-class AUC of one feature against one-vs-rest targets, macro-averaged. */
export interface Separation {
  /** AUC for each class against the rest (for numbers: max(AUC, 1 − AUC), direction ignored). */
  perClass: (number | null)[];
  /** Mean of the per-class AUCs (for two classes: the AUC of the positive class, direction ignored for numbers). */
  auc: number | null;
}

function scoresForClass(
  column: Column,
  coded: CodedFeature,
  classTarget: Float64Array,
  seed: number,
): { scores: Float64Array; directional: boolean } {
  const numbers = numericValues(column);
  if (numbers !== undefined && column.kind !== "boolean") {
    const scores = numbers.slice();
    for (let i = 0; i < scores.length; i++) if (Number.isNaN(classTarget[i])) scores[i] = Number.NaN;
    return { scores, directional: false };
  }
  const scores = outOfFoldEncoding(coded.codes, coded.levels.length, classTarget, FOLDS, seed);
  for (let i = 0; i < scores.length; i++) if (Number.isNaN(classTarget[i])) scores[i] = Number.NaN;
  return { scores, directional: true };
}

/**
 * How well `column` alone separates each class of `target` from the others (ROC AUC, one-vs-rest). Numbers are
 * ranked as they are (an AUC below 0.5 counts as its mirror image: high values point to the other classes);
 * categories and booleans are scored by an out-of-fold target encoding (5 seeded folds), so their AUC is an honest
 * out-of-sample figure. O(classes · n log n).
 */
export function separation(
  column: Column,
  coded: CodedFeature,
  target: CodedTarget,
  seed: number,
): Separation {
  const classes = target.task === "binary" ? [target.positive ?? 1] : target.levels.map((_, k) => k);
  const perClass = classes.map((k) => {
    const classTarget = oneVersusRest(target, k);
    const { scores, directional } = scoresForClass(column, coded, classTarget, seed + k);
    const auc = rankAuc(scores, classTarget);
    if (!Number.isFinite(auc)) return null;
    return directional ? auc : Math.max(auc, 1 - auc);
  });
  const defined = perClass.filter((a): a is number => a !== null);
  const auc = defined.length === 0 ? null : defined.reduce((a, b) => a + b, 0) / defined.length;
  return { perClass, auc };
}

/**
 * Kelley's ε (the bias-adjusted correlation ratio): ε² = 1 − (1 − η²)(n − 1)/(n − k), clipped at 0. It removes
 * what k group means explain by chance, so a column with a level per row does not reach 1. NaN when n ≤ k.
 */
function adjustedCorrelationRatio(values: Float64Array, groups: Int32Array, groupCount: number): number {
  const eta = correlationRatio(values, groups, groupCount);
  if (!Number.isFinite(eta)) return Number.NaN;
  let n = 0;
  const kept = new Int32Array(groups.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i]) && groups[i] >= 0) {
      n++;
      kept[i] = groups[i];
    }
  }
  const k = usedLevels(kept, groupCount);
  if (n <= k) return Number.NaN;
  const epsilonSquared = 1 - ((1 - eta * eta) * (n - 1)) / (n - k);
  return Math.sqrt(Math.max(0, epsilonSquared));
}

/**
 * The association of a feature with a label:
 * - two classes: ROC AUC (direction kept for numbers: below 0.5 means high values point to the negative class);
 * - several classes: numbers by the correlation ratio η of the feature across classes, categories by the
 *   macro-averaged one-vs-rest AUC of their out-of-fold encoding;
 * - numeric label: numbers by Spearman's ρ, categories by the bias-adjusted correlation ratio of the label across
 *   the feature's values (Kelley's ε).
 */
export function labelAssociation(
  column: Column,
  coded: CodedFeature,
  target: CodedTarget,
  seed: number,
): Association {
  const numbers = numericValues(column);
  const numeric = numbers !== undefined && column.kind !== "boolean";
  if (target.task === "binary") {
    const positive = oneVersusRest(target, target.positive ?? 1);
    const { scores } = scoresForClass(column, coded, positive, seed);
    const auc = finiteOrNull(rankAuc(scores, positive));
    return { measure: "roc-auc", value: auc, strength: auc === null ? null : Math.abs(2 * auc - 1) };
  }
  if (target.task === "multiclass") {
    if (numeric) {
      const eta = finiteOrNull(correlationRatio(numbers, target.codes, target.levels.length));
      return { measure: "correlation-ratio", value: eta, strength: eta };
    }
    const { auc } = separation(column, coded, target, seed);
    return { measure: "macro-roc-auc", value: auc, strength: auc === null ? null : Math.abs(2 * auc - 1) };
  }
  const labelValues = target.values ?? new Float64Array(0);
  if (numeric) {
    const rho = finiteOrNull(spearmanCorrelation(numbers, labelValues));
    return { measure: "spearman", value: rho, strength: rho === null ? null : Math.abs(rho) };
  }
  const epsilon = finiteOrNull(adjustedCorrelationRatio(labelValues, coded.codes, coded.levels.length));
  return { measure: "correlation-ratio", value: epsilon, strength: epsilon };
}
