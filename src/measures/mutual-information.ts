/**
 * Mutual information between two discrete variables given as small integer codes, with the Miller–Madow bias
 * correction and a seeded permutation test, so that "this feature carries no information about the label" is a
 * tested statement rather than a small number.
 */

import { DriftlabError } from "../errors.js";
import { seededRandom } from "./bootstrap.js";
import { regularizedGammaQ } from "./special.js";

/** Counts of (x, y) code pairs: `counts[x * columns + y]`. Rows where either code is negative are left out. */
export interface ContingencyCounts {
  rows: number;
  columns: number;
  counts: Float64Array;
  /** Pairs counted. */
  total: number;
}

/**
 * Cross-tabulates two code arrays of equal length (codes in [0, levels), negative = left out). O(n + rows·columns).
 */
export function contingencyCounts(
  x: Int32Array,
  xLevels: number,
  y: Int32Array,
  yLevels: number,
): ContingencyCounts {
  if (x.length !== y.length) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `contingencyCounts: the two code arrays have ${x.length} and ${y.length} entries; they must be equally long.`,
    );
  }
  const counts = new Float64Array(xLevels * yLevels);
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    if (a < 0 || b < 0) continue;
    counts[a * yLevels + b]++;
    total++;
  }
  return { rows: xLevels, columns: yLevels, counts, total };
}

/** Shannon entropy in nats of the distribution given by `counts` (zeros ignored). */
export function entropy(counts: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  if (total === 0) return 0;
  let h = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c > 0) h -= (c / total) * Math.log(c / total);
  }
  return h;
}

/** Result of {@link mutualInformation}. */
export interface MutualInformation {
  /** Plug-in mutual information in nats: Σ p(x,y) log(p(x,y) / (p(x) p(y))). */
  plugIn: number;
  /**
   * Miller–Madow corrected estimate (Miller 1955; for MI, e.g. Paninski 2003): plug-in minus
   * (R − 1)(C − 1) / 2N with R, C the numbers of occupied rows and columns. Can be slightly negative when there is
   * no dependence.
   */
  corrected: number;
  /** Entropy of x and of y in nats (plug-in). */
  entropyX: number;
  entropyY: number;
  /** Pairs used. */
  n: number;
}

/**
 * Mutual information of a contingency table, matching `sklearn.metrics.mutual_info_score(x, y)` (natural log) for
 * the plug-in value. O(rows·columns).
 */
export function mutualInformation(table: ContingencyCounts): MutualInformation {
  const { rows, columns, counts, total } = table;
  const rowSums = new Float64Array(rows);
  const columnSums = new Float64Array(columns);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const v = counts[r * columns + c];
      rowSums[r] += v;
      columnSums[c] += v;
    }
  }
  let plugIn = 0;
  if (total > 0) {
    for (let r = 0; r < rows; r++) {
      if (rowSums[r] === 0) continue;
      for (let c = 0; c < columns; c++) {
        const v = counts[r * columns + c];
        if (v === 0) continue;
        plugIn += (v / total) * Math.log((v * total) / (rowSums[r] * columnSums[c]));
      }
    }
  }
  // Rounding can leave -1e-17 for independent variables; MI is never negative.
  plugIn = Math.max(0, plugIn);
  let occupiedRows = 0;
  let occupiedColumns = 0;
  for (let r = 0; r < rows; r++) if (rowSums[r] > 0) occupiedRows++;
  for (let c = 0; c < columns; c++) if (columnSums[c] > 0) occupiedColumns++;
  const bias = total > 0 ? ((occupiedRows - 1) * (occupiedColumns - 1)) / (2 * total) : 0;
  return {
    plugIn,
    corrected: plugIn - Math.max(0, bias),
    entropyX: entropy(rowSums),
    entropyY: entropy(columnSums),
    n: total,
  };
}

/** Options of {@link mutualInformationTest}. */
export interface PermutationOptions {
  /** Number of permutations. Default 199 (p-values on a grid of 1/200). */
  permutations?: number;
  /** Seed of the permutations. Default 0. */
  seed?: number;
}

/** Result of {@link mutualInformationTest}. */
export interface MutualInformationTest extends MutualInformation {
  /** Mean plug-in MI over the permutations: what the estimator gives when there is no dependence. */
  baseline: number;
  /** 95th percentile of the permuted plug-in MI. */
  baselineUpper: number;
  /**
   * Permutation p-value (1 + #{permuted ≥ observed}) / (1 + permutations) (Phipson & Smyth 2010). When no
   * permutation reaches the observed value, that grid value 1/(1 + permutations) is only an upper bound; then the
   * tail beyond the observed value of a gamma distribution fitted to the permuted values by their mean and variance
   * (a moment approximation of the permutation distribution, as Pearson type III approximations do) is
   * reported, capped by the bound. This keeps strong signals significant after a correction over many features.
   */
  pValue: number;
  /** "permutation", or "gamma tail" when the value came from the fitted tail. */
  pValueMethod: "permutation" | "gamma tail";
  permutations: number;
}

/**
 * Mutual information of x and y with a permutation test of independence: y is shuffled (seeded Fisher–Yates) over
 * the rows where both are present, and the plug-in MI recomputed. Under independence the p-value is exactly
 * valid (P(p ≤ α) ≤ α). O(permutations · n).
 */
export function mutualInformationTest(
  x: Int32Array,
  xLevels: number,
  y: Int32Array,
  yLevels: number,
  options: PermutationOptions = {},
): MutualInformationTest {
  const permutations = options.permutations ?? 199;
  if (!(Number.isInteger(permutations) && permutations >= 1)) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `permutations = ${permutations}; it must be a whole number ≥ 1 (default 199).`,
      { subject: "permutations" },
    );
  }
  // Keep only the rows where both are present, so the shuffle does not move missingness around.
  let m = 0;
  for (let i = 0; i < x.length; i++) if (x[i] >= 0 && y[i] >= 0) m++;
  const xs = new Int32Array(m);
  const ys = new Int32Array(m);
  for (let i = 0, j = 0; i < x.length; i++) {
    if (x[i] >= 0 && y[i] >= 0) {
      xs[j] = x[i];
      ys[j] = y[i];
      j++;
    }
  }
  const observed = mutualInformation(contingencyCounts(xs, xLevels, ys, yLevels));
  const random = seededRandom(options.seed ?? 0);
  const shuffled = ys.slice();
  const permuted = new Float64Array(permutations);
  const counts = new Float64Array(xLevels * yLevels);
  let atLeast = 0;
  let sum = 0;
  // A relative tolerance so that a permutation equal to the observed table counts as "at least as large".
  const tolerance = 1e-12 * Math.max(1, observed.plugIn);
  for (let p = 0; p < permutations; p++) {
    for (let i = m - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
    counts.fill(0);
    for (let i = 0; i < m; i++) counts[xs[i] * yLevels + shuffled[i]]++;
    const value = mutualInformation({ rows: xLevels, columns: yLevels, counts, total: m }).plugIn;
    permuted[p] = value;
    sum += value;
    if (value >= observed.plugIn - tolerance) atLeast++;
  }
  permuted.sort();
  const mean = sum / permutations;
  let pValue = (1 + atLeast) / (1 + permutations);
  let pValueMethod: MutualInformationTest["pValueMethod"] = "permutation";
  if (atLeast === 0) {
    let variance = 0;
    for (const v of permuted) variance += (v - mean) * (v - mean);
    variance /= Math.max(1, permutations - 1);
    if (mean > 0 && variance > 0) {
      const shape = (mean * mean) / variance;
      const scale = variance / mean;
      pValue = Math.min(pValue, regularizedGammaQ(shape, observed.plugIn / scale));
      pValueMethod = "gamma tail";
    }
  }
  return {
    ...observed,
    baseline: mean,
    baselineUpper: permuted[Math.min(permutations - 1, Math.floor(0.95 * permutations))],
    pValue,
    pValueMethod,
    permutations,
  };
}
