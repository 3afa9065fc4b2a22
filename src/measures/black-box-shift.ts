import { DriftlabError } from "../errors.js";
import { seededRandom } from "./bootstrap.js";
import { quantileOfSorted } from "./binning.js";
import { solveLinear } from "./linear-algebra.js";

/** Options of {@link blackBoxShiftEstimate}. */
export interface BlackBoxShiftOptions {
  /** Bootstrap resamples for the intervals. Default 500. */
  resamples?: number;
  /** 1 − confidence level. Default 0.05. */
  alpha?: number;
  /** Seed of the bootstrap. Default 0. */
  seed?: number;
}

/** Result of {@link blackBoxShiftEstimate}. */
export interface BlackBoxShiftResult {
  /** P(y = k) in the source (training) data. */
  trainingPrior: number[];
  /** The estimated target (serving) prior q̂ = ŵ ∘ p̂(y), negative parts clipped to 0 and renormalised. */
  servingPrior: number[];
  /** Percentile bootstrap interval of each class's serving prior (training and serving rows resampled). */
  intervals: { lower: number; upper: number }[];
  /** Importance weights ŵ = Ĉ⁻¹ μ̂ (q(y)/p(y)) before clipping. */
  weights: number[];
  /** Ĉ[i][j] = P_train(ŷ = i, y = j) (soft: mean of f_i(x) over rows with y = j, times P(y = j)). */
  confusion: number[][];
  /** μ̂[i] = P_serving(ŷ = i). */
  servingPredicted: number[];
  /** Resamples whose confusion matrix was invertible. */
  resamples: number;
}

interface Sums {
  confusion: Float64Array;
  predicted: Float64Array;
  prior: Float64Array;
}

function estimate(sums: Sums, k: number): { weights: Float64Array; prior: Float64Array } | null {
  const weights = solveLinear(sums.confusion, k, sums.predicted);
  if (weights === null) return null;
  const prior = new Float64Array(k);
  let total = 0;
  for (let j = 0; j < k; j++) {
    prior[j] = Math.max(0, weights[j] * sums.prior[j]);
    total += prior[j];
  }
  if (!(total > 0)) return null;
  for (let j = 0; j < k; j++) prior[j] /= total;
  return { weights, prior };
}

/**
 * Black-box shift estimation (Lipton, Wang & Smola, ICML 2018): under label shift (P(x | y) the same on both
 * sides) a fixed classifier's prediction rates satisfy μ = C w, with C[i][j] = P_src(ŷ = i, y = j) and
 * w = q(y)/p(y), so ŵ = Ĉ⁻¹ μ̂ and q̂ = ŵ ∘ p̂. Predictions are given as class probabilities per row (hard
 * predictions as one-hot rows: `f[i·k + c]`). Needs an invertible confusion matrix: a classifier better than
 * chance on every class. Intervals: percentile bootstrap over training and serving rows.
 *
 * O(resamples · (n_train + n_serving) · k + resamples · k³).
 *
 * @param trainingScores row-major n_train×k class probabilities (or one-hot predictions) on labelled data.
 * @param trainingLabels class index 0…k−1 per training row.
 * @param servingScores row-major n_serving×k class probabilities (or one-hot predictions) on serving data.
 */
export function blackBoxShiftEstimate(
  trainingScores: Float64Array,
  trainingLabels: Int32Array,
  servingScores: Float64Array,
  k: number,
  options: BlackBoxShiftOptions = {},
): BlackBoxShiftResult {
  const nt = trainingLabels.length;
  const ns = servingScores.length / k;
  if (nt === 0 || ns === 0 || trainingScores.length !== nt * k || !Number.isInteger(ns)) {
    throw new DriftlabError(
      "EMPTY_TABLE",
      `Black-box shift estimation needs labelled training rows and serving rows with ${k} class scores each.`,
      { subject: "scores" },
    );
  }
  const resamples = options.resamples ?? 500;
  const alpha = options.alpha ?? 0.05;
  const random = seededRandom(options.seed ?? 0);
  const sumsOf = (trainingRows: Int32Array | null, servingRows: Int32Array | null): Sums => {
    const confusion = new Float64Array(k * k);
    const prior = new Float64Array(k);
    const predicted = new Float64Array(k);
    for (let r = 0; r < nt; r++) {
      const i = trainingRows === null ? r : trainingRows[r];
      const y = trainingLabels[i];
      prior[y] += 1 / nt;
      for (let c = 0; c < k; c++) confusion[c * k + y] += trainingScores[i * k + c] / nt;
    }
    for (let r = 0; r < ns; r++) {
      const i = servingRows === null ? r : servingRows[r];
      for (let c = 0; c < k; c++) predicted[c] += servingScores[i * k + c] / ns;
    }
    return { confusion, prior, predicted };
  };
  const full = sumsOf(null, null);
  const point = estimate(full, k);
  if (point === null) {
    throw new DriftlabError(
      "UNSUPPORTED_INPUT",
      "The training confusion matrix of the score/prediction is not invertible (the classifier does not tell the " +
        "classes apart, or a class never occurs), so black-box shift estimation cannot run. Give a better score.",
      { subject: "score" },
    );
  }
  const draws: number[][] = Array.from({ length: k }, () => []);
  const trainingRows = new Int32Array(nt);
  const servingRows = new Int32Array(ns);
  for (let b = 0; b < resamples; b++) {
    for (let r = 0; r < nt; r++) trainingRows[r] = Math.floor(random() * nt);
    for (let r = 0; r < ns; r++) servingRows[r] = Math.floor(random() * ns);
    const e = estimate(sumsOf(trainingRows, servingRows), k);
    if (e === null) continue;
    for (let j = 0; j < k; j++) draws[j].push(e.prior[j]);
  }
  const intervals = draws.map((d) => {
    const sorted = Float64Array.from(d).sort();
    return sorted.length === 0
      ? { lower: NaN, upper: NaN }
      : { lower: quantileOfSorted(sorted, alpha / 2), upper: quantileOfSorted(sorted, 1 - alpha / 2) };
  });
  const confusion = Array.from({ length: k }, (_, i) =>
    Array.from(full.confusion.subarray(i * k, i * k + k)),
  );
  return {
    trainingPrior: Array.from(full.prior),
    servingPrior: Array.from(point.prior),
    intervals,
    weights: Array.from(point.weights),
    confusion,
    servingPredicted: Array.from(full.predicted),
    resamples: draws[0].length,
  };
}
