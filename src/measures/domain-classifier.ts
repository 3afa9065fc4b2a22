import { DriftlabError } from "../errors.js";
import { seededRandom } from "./bootstrap.js";
import { logisticPredict, logisticRegression, type LogisticModel } from "./logistic-regression.js";
import { rocAuc, type RocAucResult } from "./roc-auc.js";

/** Options of {@link domainClassifier}. */
export interface DomainClassifierOptions {
  /** Stratified cross-validation folds for the out-of-fold probabilities. Default 5 (NannyML). */
  folds?: number;
  /** L2 penalty λ of the logistic regression (scikit-learn's C = 1/λ). Default 1. */
  l2?: number;
  /** Seed of the fold assignment. Default 0. */
  seed?: number;
  /** 1 − confidence level of the AUC interval. Default 0.05. */
  alpha?: number;
}

/** Result of {@link domainClassifier}. */
export interface DomainClassifierResult {
  /** Out-of-fold ROC AUC of telling serving (1) from training (0), DeLong interval, one-sided p-value of AUC > ½. */
  auc: RocAucResult;
  /** Out-of-fold P(serving | x) of every training row, then every serving row. */
  probabilities: Float64Array;
  /** The model fitted on all rows (for coefficients: which columns separate the sides). */
  model: LogisticModel;
}

/**
 * A domain classifier (Rabanser et al. 2019, "Failing Loudly"; NannyML's multivariate drift): a logistic
 * regression that tells serving rows from training rows, evaluated by the out-of-fold ROC AUC of stratified
 * K-fold cross-validation. Under no shift the out-of-fold scores of a fold do not depend on its rows' side, so
 * the AUC's permutation null applies fold by fold; pooled over stratified folds it is close to exact (slightly
 * conservative). O(folds · Newton iterations · n · p²).
 *
 * @param training row-major n_train×p design of the training rows.
 * @param serving row-major n_serving×p design of the serving rows.
 */
export function domainClassifier(
  training: Float64Array,
  serving: Float64Array,
  p: number,
  options: DomainClassifierOptions = {},
): DomainClassifierResult {
  const folds = options.folds ?? 5;
  const l2 = options.l2 ?? 1;
  const nt = training.length / p;
  const ns = serving.length / p;
  if (nt < folds || ns < folds) {
    throw new DriftlabError(
      "EMPTY_TABLE",
      `A domain classifier with ${folds} folds needs at least ${folds} rows per side; got ${nt} and ${ns}.`,
      { subject: "rows" },
    );
  }
  const n = nt + ns;
  const x = new Float64Array(n * p);
  x.set(training);
  x.set(serving, nt * p);
  const side = new Float64Array(n);
  side.fill(1, nt);
  // Stratified folds: shuffle each side's rows, deal them round-robin.
  const random = seededRandom(options.seed ?? 0);
  const fold = new Int32Array(n);
  for (const [start, count] of [
    [0, nt],
    [nt, ns],
  ]) {
    const order = Array.from({ length: count }, (_, i) => start + i);
    for (let i = count - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    order.forEach((row, r) => (fold[row] = r % folds));
  }
  const probabilities = new Float64Array(n);
  for (let f = 0; f < folds; f++) {
    let inCount = 0;
    for (let i = 0; i < n; i++) if (fold[i] !== f) inCount++;
    const xf = new Float64Array(inCount * p);
    const yf = new Float64Array(inCount);
    const heldOut: number[] = [];
    let r = 0;
    for (let i = 0; i < n; i++) {
      if (fold[i] === f) {
        heldOut.push(i);
        continue;
      }
      xf.set(x.subarray(i * p, i * p + p), r * p);
      yf[r++] = side[i];
    }
    const model = logisticRegression(xf, p, yf, { l2, maxIterations: 50, tolerance: 1e-8 });
    const xh = new Float64Array(heldOut.length * p);
    heldOut.forEach((row, k) => xh.set(x.subarray(row * p, row * p + p), k * p));
    const predicted = logisticPredict(model, xh, p);
    heldOut.forEach((row, k) => (probabilities[row] = predicted[k]));
  }
  const model = logisticRegression(x, p, side, { l2, maxIterations: 50, tolerance: 1e-8 });
  return { auc: rocAuc(probabilities, side, options.alpha ?? 0.05), probabilities, model };
}
