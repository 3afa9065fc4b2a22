import { expectedCalibrationError } from "../measures/classification-metrics.js";
import { seededRandom } from "../measures/bootstrap.js";

/** A fitted isotonic (monotone non-decreasing) map from score to probability: a step function. */
export interface IsotonicMap {
  /** Upper score of each block, increasing. */
  upper: Float64Array;
  /** Fitted probability of each block. */
  value: Float64Array;
}

/**
 * Isotonic regression of 0/1 labels on scores by pool-adjacent-violators (Ayer et al. 1955): the non-decreasing
 * step function that minimises the squared error. O(n log n).
 */
export function fitIsotonic(scores: ArrayLike<number>, labels: ArrayLike<number>): IsotonicMap {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  const sums: number[] = [];
  const weights: number[] = [];
  const uppers: number[] = [];
  for (const i of order) {
    sums.push(labels[i]);
    weights.push(1);
    uppers.push(scores[i]);
    while (sums.length > 1) {
      const k = sums.length - 1;
      if (sums[k - 1] / weights[k - 1] < sums[k] / weights[k]) break;
      sums[k - 1] += sums[k];
      weights[k - 1] += weights[k];
      uppers[k - 1] = uppers[k];
      sums.pop();
      weights.pop();
      uppers.pop();
    }
  }
  return { upper: Float64Array.from(uppers), value: Float64Array.from(sums, (s, k) => s / weights[k]) };
}

/** The fitted probability of a score (scores beyond the fitted range take the nearest block, as out_of_bounds="clip"). */
export function applyIsotonic(map: IsotonicMap, score: number): number {
  let lo = 0;
  let hi = map.upper.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (map.upper[mid] < score) lo = mid + 1;
    else hi = mid;
  }
  return map.value[lo];
}

/**
 * Whether isotonic calibration helps, as NannyML decides it: ECE (10 bins) of the raw scores against ECE of scores
 * calibrated out of fold (two seeded folds). Returns both ECEs.
 */
export function calibrationCheck(
  scores: Float64Array,
  labels: Float64Array,
  seed = 0,
): { raw: number; calibrated: number } {
  const random = seededRandom(seed);
  const fold = Uint8Array.from(scores, () => (random() < 0.5 ? 0 : 1));
  const calibrated = new Float64Array(scores.length);
  for (const f of [0, 1]) {
    const train = scores.map((_, i) => i).filter((i) => fold[i] !== f);
    const map = fitIsotonic(
      Float64Array.from(train, (i) => scores[i]),
      Float64Array.from(train, (i) => labels[i]),
    );
    for (let i = 0; i < scores.length; i++) if (fold[i] === f) calibrated[i] = applyIsotonic(map, scores[i]);
  }
  return {
    raw: expectedCalibrationError(labels, scores),
    calibrated: expectedCalibrationError(labels, calibrated),
  };
}
