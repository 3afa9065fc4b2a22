/**
 * Distances and divergences between two discrete distributions given on the same bins or categories (counts or
 * proportions; each side is normalised by its own total unless stated otherwise). All are O(k) for k bins.
 */

import { DriftlabError } from "../errors.js";
import { checkCounts, checkSameLength, total } from "./input-checks.js";

function normalised(values: ArrayLike<number>, name: string): Float64Array {
  checkCounts(values, name);
  const sum = total(values);
  if (!(sum > 0)) {
    throw new DriftlabError(
      "EMPTY_TABLE",
      `${name} sums to 0; a distribution needs at least one positive entry.`,
      {
        subject: name,
      },
    );
  }
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] / sum;
  return out;
}

function normalisedPair(p: ArrayLike<number>, q: ArrayLike<number>): [Float64Array, Float64Array] {
  checkSameLength(p, q, "p", "q");
  return [normalised(p, "p"), normalised(q, "q")];
}

/** x·log(x/y) with scipy.special.rel_entr's conventions: 0 when x = 0, ∞ when x > 0 and y = 0. */
function relativeEntropyTerm(x: number, y: number): number {
  if (x === 0) return 0;
  if (y === 0) return Infinity;
  return x * Math.log(x / y);
}

/** Options of {@link populationStabilityIndex}. */
export interface PsiOptions {
  /**
   * Replace empty bins before taking logs, as Evidently does (`feel_zeroes=True`): on each side separately, a 0 becomes
   * min_nonzero / 10⁶ when the smallest non-zero proportion is ≤ 1e-4, else 1e-4; the proportions are not
   * renormalised afterwards. Default `true`. With `false` an empty bin on one side only gives ∞.
   */
  fillEmptyBins?: boolean;
}

function fillEmptyBins(proportions: Float64Array): void {
  let smallest = Infinity;
  for (const value of proportions) if (value > 0 && value < smallest) smallest = value;
  const fill = smallest <= 1e-4 ? smallest / 1e6 : 1e-4;
  for (let i = 0; i < proportions.length; i++) if (proportions[i] === 0) proportions[i] = fill;
}

/**
 * Population Stability Index PSI = Σ (r_i − c_i) · ln(r_i / c_i), natural log, as Evidently's `psi` stattest
 * (`evidently/legacy/calculations/stattests/psi.py` with `get_binned_data(feel_zeroes=True)`; research §3.1).
 * Usual reading: < 0.1 stable, 0.1–0.25 moderate shift, > 0.25 major shift (Evidently's drift threshold: 0.1).
 *
 * @param referenceProportions reference counts or proportions per bin (normalised to sum 1 here).
 * @param currentProportions current counts or proportions on the same bins.
 */
export function populationStabilityIndex(
  referenceProportions: ArrayLike<number>,
  currentProportions: ArrayLike<number>,
  options: PsiOptions = {},
): number {
  const [r, c] = normalisedPair(referenceProportions, currentProportions);
  if (options.fillEmptyBins ?? true) {
    fillEmptyBins(r);
    fillEmptyBins(c);
  }
  let psi = 0;
  for (let i = 0; i < r.length; i++) {
    if (r[i] === c[i]) continue;
    if (r[i] === 0 || c[i] === 0) return Infinity;
    psi += (r[i] - c[i]) * Math.log(r[i] / c[i]);
  }
  return psi;
}

/**
 * Kullback–Leibler divergence KL(p‖q) = Σ p_i log(p_i / q_i), matching `scipy.stats.entropy(p, q, base)`: both
 * vectors are normalised to sum 1; terms with p_i = 0 are 0; p_i > 0 with q_i = 0 gives ∞.
 *
 * @param base logarithm base; default e (nats). Use 2 for bits.
 */
export function kullbackLeibler(p: ArrayLike<number>, q: ArrayLike<number>, base: number = Math.E): number {
  const [pn, qn] = normalisedPair(p, q);
  let sum = 0;
  for (let i = 0; i < pn.length; i++) sum += relativeEntropyTerm(pn[i], qn[i]);
  return sum / Math.log(base);
}

/**
 * Jensen–Shannon divergence JSD = ½ KL(p‖m) + ½ KL(q‖m), m = (p + q)/2, after normalising p and q.
 * Bounded by 1 in base 2 and by ln 2 in base e. Equals `scipy.spatial.distance.jensenshannon(p, q, base) ** 2`.
 *
 * @param base logarithm base; default 2, as TFDV's `jensen_shannon_divergence` comparator (TFDV compares the
 *   divergence, not its square root).
 */
export function jensenShannonDivergence(p: ArrayLike<number>, q: ArrayLike<number>, base = 2): number {
  const [pn, qn] = normalisedPair(p, q);
  let sum = 0;
  for (let i = 0; i < pn.length; i++) {
    const m = (pn[i] + qn[i]) / 2;
    sum += relativeEntropyTerm(pn[i], m) + relativeEntropyTerm(qn[i], m);
  }
  return Math.max(0, sum / 2 / Math.log(base));
}

/**
 * Jensen–Shannon distance √JSD, matching `scipy.spatial.distance.jensenshannon(p, q, base)`.
 *
 * @param base logarithm base; default e, as scipy and Evidently's `jensenshannon` stattest (whose values are then at
 *   most √ln2 ≈ 0.833; Evidently's drift threshold is 0.1). NannyML uses base 2.
 */
export function jensenShannonDistance(
  p: ArrayLike<number>,
  q: ArrayLike<number>,
  base: number = Math.E,
): number {
  return Math.sqrt(jensenShannonDivergence(p, q, base));
}

/**
 * Hellinger distance H = √(Σ (√p_i − √q_i)²) / √2 ∈ [0, 1], after normalising p and q (NannyML's `hellinger`;
 * whylogs' `euclidean(√p, √q)/√2`).
 */
export function hellinger(p: ArrayLike<number>, q: ArrayLike<number>): number {
  const [pn, qn] = normalisedPair(p, q);
  let sum = 0;
  for (let i = 0; i < pn.length; i++) {
    const difference = Math.sqrt(pn[i]) - Math.sqrt(qn[i]);
    sum += difference * difference;
  }
  return Math.sqrt(sum) / Math.SQRT2;
}

/** Total variation distance ½ Σ |p_i − q_i| ∈ [0, 1], after normalising p and q. */
export function totalVariation(p: ArrayLike<number>, q: ArrayLike<number>): number {
  const [pn, qn] = normalisedPair(p, q);
  let sum = 0;
  for (let i = 0; i < pn.length; i++) sum += Math.abs(pn[i] - qn[i]);
  return sum / 2;
}

/** Result of {@link lInfinity}. */
export interface LInfinityResult {
  /** max_i |p_i − q_i| after normalising each side by its own total. */
  distance: number;
  /** The bin or category with the largest difference (the first one on ties); TFDV names it in its anomaly. */
  index: number;
}

/**
 * L-infinity distance max_i |p_i − q_i|, each side normalised by its own total, as TFDV's `infinity_norm`
 * comparator (`NormalizationMode::kSeparateTotal`) and NannyML's `l_infinity`.
 */
export function lInfinity(p: ArrayLike<number>, q: ArrayLike<number>): LInfinityResult {
  const [pn, qn] = normalisedPair(p, q);
  let distance = 0;
  let index = 0;
  for (let i = 0; i < pn.length; i++) {
    const difference = Math.abs(pn[i] - qn[i]);
    if (difference > distance) {
      distance = difference;
      index = i;
    }
  }
  return { distance, index };
}
