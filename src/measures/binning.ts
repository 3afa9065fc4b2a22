/**
 * Bin edges and aligned histograms, so that two samples are compared on the same bins or categories.
 */

import { DriftlabError } from "../errors.js";
import { checkSample, sortedCopy } from "./input-checks.js";
import { equalWidthEdges } from "../sketch/edges.js";

/** A numpy bin rule name or a number of equal-width bins. */
export type BinRule = "sturges" | "doane" | "fd" | "auto" | number;

/**
 * Quantile with linear interpolation between order statistics (numpy.percentile's default `"linear"` method, Hyndman
 * & Fan type 7) on an ascending-sorted array: h = (n − 1)·q, then the two neighbours are blended as numpy's `_lerp`.
 * O(1).
 */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  const position = (n - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, n - 1);
  const t = position - below;
  const a = sorted[below];
  const b = sorted[above];
  const difference = b - a;
  return t >= 0.5 ? b - difference * (1 - t) : a + difference * t;
}

/**
 * Equal-width bin edges for `values`, matching `numpy.histogram_bin_edges(values, bins=rule)` (numpy 1.24):
 *
 * - `"sturges"`: width = range / (log₂ n + 1);
 * - `"doane"`: width = range / (1 + log₂ n + log₂(1 + |g₁| / σ_g₁)), g₁ the sample skewness and
 *   σ_g₁ = √(6(n − 2) / ((n + 1)(n + 3))); needs n > 2 and σ > 0, otherwise one bin;
 * - `"fd"` (Freedman–Diaconis): width = 2 · IQR · n^{−1/3} (IQR by linear-interpolated percentiles);
 * - `"auto"`: min(fd, sturges) when the fd width is non-zero, else sturges;
 * - a number k: k equal bins.
 *
 * The bin count is ⌈range / width⌉ (1 when the width is 0); edges are `linspace(min, max, count + 1)`, and a constant
 * sample gets the range [x − 0.5, x + 0.5], as numpy. O(n) (O(n log n) for "fd"/"auto", which sort).
 */
export function binEdges(values: ArrayLike<number>, rule: BinRule = "sturges"): Float64Array {
  checkSample(values, "values");
  let minimum = Infinity;
  let maximum = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < minimum) minimum = values[i];
    if (values[i] > maximum) maximum = values[i];
  }
  const range = maximum - minimum;
  let first = minimum;
  let last = maximum;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  let count: number;
  if (typeof rule === "number") {
    if (!Number.isInteger(rule) || rule < 1) {
      throw new DriftlabError("INVALID_OPTION", `bins = ${rule}; give a positive integer or a rule name.`, {
        subject: "bins",
      });
    }
    count = rule;
  } else {
    const width = binWidth(values, rule, range);
    count = width ? Math.ceil((last - first) / width) : 1;
  }
  return equalWidthEdges(first, last, count);
}

function binWidth(values: ArrayLike<number>, rule: Exclude<BinRule, number>, range: number): number {
  const n = values.length;
  const sturges = range / (Math.log2(n) + 1);
  switch (rule) {
    case "sturges":
      return sturges;
    case "doane":
      return doaneWidth(values, range);
    case "fd":
      return freedmanDiaconisWidth(values);
    case "auto": {
      const fd = freedmanDiaconisWidth(values);
      return fd ? Math.min(fd, sturges) : sturges;
    }
    default:
      throw new DriftlabError(
        "INVALID_OPTION",
        `Unknown bin rule "${String(rule)}"; use "sturges", "doane", "fd", "auto" or a number of bins.`,
        { subject: "bins" },
      );
  }
}

function doaneWidth(values: ArrayLike<number>, range: number): number {
  const n = values.length;
  if (n <= 2) return 0;
  const sg1 = Math.sqrt((6 * (n - 2)) / ((n + 1) * (n + 3)));
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
  const sigma = Math.sqrt(squares / n);
  if (!(sigma > 0)) return 0;
  let cubes = 0;
  for (let i = 0; i < n; i++) cubes += ((values[i] - mean) / sigma) ** 3;
  const g1 = cubes / n;
  return range / (1 + Math.log2(n) + Math.log2(1 + Math.abs(g1) / sg1));
}

function freedmanDiaconisWidth(values: ArrayLike<number>): number {
  const sorted = sortedCopy(values);
  const iqr = quantileOfSorted(sorted, 0.75) - quantileOfSorted(sorted, 0.25);
  return 2 * iqr * Math.pow(values.length, -1 / 3);
}

/**
 * Counts of `values` in the bins [e₀, e₁), [e₁, e₂), …, [e_{k−1}, e_k] (last bin closed), as `numpy.histogram(values,
 * edges)`; values outside [e₀, e_k] are not counted. O(n log k).
 */
export function histogramCounts(values: ArrayLike<number>, edges: ArrayLike<number>): Float64Array {
  const bins = edges.length - 1;
  const counts = new Float64Array(Math.max(bins, 0));
  if (bins < 1) return counts;
  const lastEdge = edges[bins];
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (!(x >= edges[0] && x <= lastEdge)) continue;
    if (x === lastEdge) {
      counts[bins - 1]++;
      continue;
    }
    // Largest index b with edges[b] <= x.
    let low = 0;
    let high = bins;
    while (high - low > 1) {
      const middle = (low + high) >>> 1;
      if (edges[middle] <= x) low = middle;
      else high = middle;
    }
    counts[low]++;
  }
  return counts;
}

/** Two samples counted on shared bins. */
export interface AlignedHistogram {
  edges: Float64Array;
  referenceCounts: Float64Array;
  currentCounts: Float64Array;
  /** referenceCounts / n_reference (sums to 1). */
  referenceProportions: Float64Array;
  /** currentCounts / n_current (sums to 1). */
  currentProportions: Float64Array;
}

/**
 * Histograms of two numeric samples on shared bins, as Evidently's `get_binned_data` for numeric columns: edges are
 * `numpy.histogram_bin_edges(concat(reference, current), bins)` — computed on the **concatenation** of both samples,
 * with Sturges' rule by default — and each sample is counted with `numpy.histogram` on those edges. Proportions are
 * counts over each sample's own size. (Evidently only bins this way when the reference has more than 20 distinct
 * values, and otherwise uses one category per value: {@link alignedCategoryCounts}.) O(n log n).
 */
export function alignedHistogram(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  bins: BinRule = "sturges",
): AlignedHistogram {
  checkSample(reference, "reference sample");
  checkSample(current, "current sample");
  const combined = new Float64Array(reference.length + current.length);
  combined.set(Array.from(reference));
  combined.set(Array.from(current), reference.length);
  const edges = binEdges(combined, bins);
  const referenceCounts = histogramCounts(reference, edges);
  const currentCounts = histogramCounts(current, edges);
  return {
    edges,
    referenceCounts,
    currentCounts,
    referenceProportions: referenceCounts.map((count) => count / reference.length),
    currentProportions: currentCounts.map((count) => count / current.length),
  };
}

/** Two samples counted over the union of their categories. */
export interface AlignedCategoryCounts<T> {
  /** The union of categories: the reference's in order of first appearance, then those seen only in current. */
  categories: T[];
  referenceCounts: Float64Array;
  currentCounts: Float64Array;
}

/**
 * Counts of two categorical samples over the union of their categories (a category present on one side only gets
 * count 0 on the other), in a stable order: reference categories by first appearance, then current-only categories
 * by first appearance. Categories are compared with SameValueZero (Map keys). Drop missing values before calling.
 * O(n).
 */
export function alignedCategoryCounts<T>(
  reference: Iterable<T>,
  current: Iterable<T>,
): AlignedCategoryCounts<T> {
  const index = new Map<T, number>();
  const referenceTally: number[] = [];
  const currentTally: number[] = [];
  const slot = (value: T): number => {
    let i = index.get(value);
    if (i === undefined) {
      i = index.size;
      index.set(value, i);
      referenceTally.push(0);
      currentTally.push(0);
    }
    return i;
  };
  for (const value of reference) referenceTally[slot(value)]++;
  for (const value of current) currentTally[slot(value)]++;
  return {
    categories: [...index.keys()],
    referenceCounts: Float64Array.from(referenceTally),
    currentCounts: Float64Array.from(currentTally),
  };
}
