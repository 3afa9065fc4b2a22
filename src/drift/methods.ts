import { shortLabel } from "../report/limits.js";
import { DriftlabError } from "../errors.js";
import type { Comparison, DriftMethod } from "../format/drift.js";
import {
  andersonDarlingKSample,
  binEdges,
  chiSquareContingency,
  cramerVonMisesTwoSample,
  energyDistance,
  fisherExact,
  hellinger,
  histogramCounts,
  jensenShannonDistance,
  jensenShannonDivergence,
  kolmogorovSf,
  ksTwoSample,
  kullbackLeibler,
  lInfinity,
  mannWhitneyU,
  populationStabilityIndex,
  totalVariation,
  twoProportionZTest,
  wasserstein1,
} from "../measures/index.js";
import { sketchOf, type CategorySide, type NumericSide } from "./sides.js";

export type { Comparison, DriftMethod } from "../format/drift.js";

export interface MethodResult {
  /** The test statistic or the distance. */
  statistic: number;
  /** The p-value, for tests. */
  pValue?: number;
  /** True when computed from sketches or binned approximations of the raw test. */
  approximate: boolean;
  /** E.g. the category with the largest difference (L-infinity). */
  detail?: string;
  /** From sketches with a known error: ε and the statistic's and p-value's intervals (see FeatureDrift.bound). */
  bound?: { error: number; statistic: [number, number]; pValue: [number, number] | null };
}

/** A method that does not apply to a feature's data, and why (the report states the reason). */
export interface MethodSkip {
  skipped: string;
}

/** Whether a method's outcome is a skip rather than a result. */
export function isSkip(outcome: MethodResult | MethodSkip): outcome is MethodSkip {
  return "skipped" in outcome;
}

export interface MethodSpec {
  name: DriftMethod;
  label: string;
  /** Tests give p-values (drift when p is small); distances give scores (drift when large). */
  type: "p-value" | "distance";
  comparison: Comparison;
  /** Default threshold (Evidently's default for the method where it has one). */
  threshold: number;
  /** Feature kinds it applies to. */
  numeric?: (reference: NumericSide, current: NumericSide) => MethodResult | MethodSkip;
  categorical?: (reference: CategorySide, current: CategorySide) => MethodResult | MethodSkip;
}

// ---------------------------------------------------------------------------------------------------------------
// Aligned counts

interface AlignedCounts {
  labels: string[];
  reference: Float64Array;
  current: Float64Array;
  approximate: boolean;
}

/**
 * Category counts of both sides over the union of categories: reference categories by count (descending, then
 * label), then current-only ones. Sketched sides add an "(other)" bucket for what the sketch did not list.
 */
export function alignCategories(reference: CategorySide, current: CategorySide): AlignedCounts {
  const labels = [...reference.counts.keys()].sort(
    (a, b) => reference.counts.get(b)! - reference.counts.get(a)! || (a < b ? -1 : a > b ? 1 : 0),
  );
  const extra = [...current.counts.keys()]
    .filter((l) => !reference.counts.has(l))
    .sort((a, b) => current.counts.get(b)! - current.counts.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  labels.push(...extra);
  const approximate = !reference.exact || !current.exact;
  if (approximate) labels.push("(other)");
  const r = new Float64Array(labels.length);
  const c = new Float64Array(labels.length);
  labels.forEach((label, i) => {
    r[i] = reference.counts.get(label) ?? 0;
    c[i] = current.counts.get(label) ?? 0;
  });
  if (approximate) {
    r[labels.length - 1] = reference.other;
    c[labels.length - 1] = current.other;
  }
  return { labels, reference: r, current: c, approximate };
}

/** Sturges' bin count for n values, as numpy: ceil(log2(n) + 1) equal bins over the range. */
function sturgesEdges(min: number, max: number, n: number): Float64Array {
  const probe = new Float64Array(Math.max(2, n));
  // binEdges only needs min, max and n for the Sturges rule: fill a probe with min and max.
  probe.fill(min);
  probe[probe.length - 1] = max;
  return binEdges(probe, "sturges");
}

/**
 * Numeric values of both sides binned on shared edges, as Evidently: when the reference has more than 20 distinct
 * values, Sturges' rule over the union of both samples; otherwise one bin per distinct value.
 * From sketches, bin counts come from the sketches' CDFs (approximate).
 */
export function alignNumeric(reference: NumericSide, current: NumericSide): AlignedCounts {
  if (reference.sorted !== undefined && current.sorted !== undefined) {
    if (countDistinct(reference.sorted, 21) <= 20) {
      const r = valueCounts(reference.sorted);
      const c = valueCounts(current.sorted);
      const keys = [...new Set([...r.keys(), ...c.keys()])].sort((a, b) => a - b);
      return {
        labels: keys.map(String),
        reference: Float64Array.from(keys, (k) => r.get(k) ?? 0),
        current: Float64Array.from(keys, (k) => c.get(k) ?? 0),
        approximate: false,
      };
    }
    const edges = sturgesEdges(
      Math.min(reference.min, current.min),
      Math.max(reference.max, current.max),
      reference.n + current.n,
    );
    return {
      labels: binLabels(edges),
      reference: histogramCounts(reference.sorted, edges),
      current: histogramCounts(current.sorted, edges),
      approximate: false,
    };
  }
  const edges = agreedEdges(reference, current);
  return {
    labels: binLabels(edges),
    reference: sketchCounts(reference, edges),
    current: sketchCounts(current, edges),
    approximate: !(exactCountsOn(reference, edges) && exactCountsOn(current, edges)),
  };
}

/**
 * The edges both sides of a numeric feature are binned on when a side is not raw values: Sturges' rule over the
 * union of both ranges. Drift of two sources asks each engine for exact counts on these edges first.
 */
export function agreedEdges(
  reference: { min: number; max: number; n: number },
  current: { min: number; max: number; n: number },
): Float64Array {
  return sturgesEdges(
    Math.min(reference.min, current.min),
    Math.max(reference.max, current.max),
    reference.n + current.n,
  );
}

/** Exact counts of a side on `edges`, when it has them (an engine's, or raw values); else undefined. */
function binnedOn(side: NumericSide, edges: ArrayLike<number>): number[] | undefined {
  return side.binned?.find((b) => b.edges.length === edges.length && b.edges.every((e, i) => e === edges[i]))
    ?.counts;
}

function exactCountsOn(side: NumericSide, edges: ArrayLike<number>): boolean {
  return side.sorted !== undefined || binnedOn(side, edges) !== undefined;
}

function countDistinct(sorted: Float64Array, limit: number): number {
  let distinct = sorted.length > 0 ? 1 : 0;
  for (let i = 1; i < sorted.length && distinct < limit; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  return distinct;
}

function valueCounts(sorted: Float64Array): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < sorted.length; i++) counts.set(sorted[i], (counts.get(sorted[i]) ?? 0) + 1);
  return counts;
}

function binLabels(edges: ArrayLike<number>): string[] {
  const labels: string[] = [];
  for (let i = 0; i + 1 < edges.length; i++)
    labels.push(`[${edges[i]}, ${edges[i + 1]}${i + 2 === edges.length ? "]" : ")"}`);
  return labels;
}

/**
 * Counts per bin [e_i, e_i+1): exact when the side has an engine's counts on these edges or raw values, else
 * estimated from the side's sketch CDF.
 */
export function sketchCounts(side: NumericSide, edges: ArrayLike<number>): Float64Array {
  const binned = binnedOn(side, edges);
  if (binned !== undefined) return Float64Array.from(binned);
  if (side.sorted !== undefined) return histogramCounts(side.sorted, Float64Array.from(edges));
  const sketch = sketchOf(side);
  const inner = Array.from(edges).slice(1, -1);
  const cdf = inner.length > 0 ? sketch.cdf(inner, false) : [];
  const counts = new Float64Array(edges.length - 1);
  let previous = 0;
  for (let i = 0; i < inner.length; i++) {
    const cumulative = cdf[i] * side.n;
    counts[i] = cumulative - previous;
    previous = cumulative;
  }
  counts[counts.length - 1] = side.n - previous;
  return counts;
}

// ---------------------------------------------------------------------------------------------------------------
// Sketch-based approximations of tests on raw values

/** Both sides' step CDFs evaluated at every sketch item of either side. */
function sketchCdfs(
  reference: NumericSide,
  current: NumericSide,
): { points: Float64Array; a: number[]; b: number[] } {
  const ra = sketchOf(reference).sortedItems().items;
  const ca = sketchOf(current).sortedItems().items;
  const all = new Float64Array(ra.length + ca.length);
  all.set(ra);
  all.set(ca, ra.length);
  all.sort();
  let distinct = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[distinct++] = all[i];
  const points = all.subarray(0, distinct);
  return { points, a: sketchOf(reference).cdf(points), b: sketchOf(current).cdf(points) };
}

/**
 * Error of a side's CDF: 0 for raw values or a sketch that has not compacted, else the KLL bound for all points of a
 * CDF at once (DataSketches' PMF/CDF normalized rank error, 99% confidence).
 */
export function cdfError(side: NumericSide): number {
  if (side.sorted !== undefined) return 0;
  if (side.rankError !== undefined) return side.rankError;
  const sketch = sketchOf(side);
  return sketch.exact ? 0 : sketch.normalizedRankError(true);
}

/**
 * KS from both sides' sketch CDFs. Each CDF is within its rank error of the true one at every point, so the sketch
 * D is within ε = ε_reference + ε_current of the exact D; the p-value is reported with the interval
 * [p(D + ε), p(D − ε)].
 */
function sketchKs(reference: NumericSide, current: NumericSide): MethodResult {
  const { a, b } = sketchCdfs(reference, current);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  const en = Math.round((reference.n * current.n) / (reference.n + current.n));
  const error = cdfError(reference) + cdfError(current);
  const pValue = kolmogorovSf(en, d);
  if (error === 0) return { statistic: d, pValue, approximate: true };
  const low = Math.max(0, d - error);
  const high = Math.min(1, d + error);
  return {
    statistic: d,
    pValue,
    approximate: true,
    bound: { error, statistic: [low, high], pValue: [kolmogorovSf(en, high), kolmogorovSf(en, low)] },
  };
}

function sketchWasserstein(reference: NumericSide, current: NumericSide): number {
  const { points, a, b } = sketchCdfs(reference, current);
  let integral = 0;
  for (let i = 0; i + 1 < points.length; i++) integral += Math.abs(a[i] - b[i]) * (points[i + 1] - points[i]);
  return integral;
}

function needsValues(method: string, side: NumericSide): Float64Array {
  if (side.sorted === undefined) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `The ${method} test needs raw values; one side is a profile. Pass data, or choose ks, wasserstein, psi, jensenshannon, kl, hellinger, tvd or linf, which work from profiles.`,
      { subject: method },
    );
  }
  return side.sorted;
}

/** A test that needs every value of both sides (refuses profiles). */
function onRawValues(
  method: string,
  test: (a: Float64Array, b: Float64Array) => { statistic: number; pValue: number },
): (reference: NumericSide, current: NumericSide) => MethodResult {
  return (r, c) => {
    const result = test(needsValues(method, r), needsValues(method, c));
    return { statistic: result.statistic, pValue: result.pValue, approximate: false };
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Categorical tests

function binaryCounts(aligned: AlignedCounts): [number, number, number, number] {
  const n1 = aligned.reference.reduce((t, v) => t + v, 0);
  const n2 = aligned.current.reduce((t, v) => t + v, 0);
  return [aligned.reference[0] ?? 0, n1, aligned.current[0] ?? 0, n2];
}

/** Drops bins and categories empty on both sides (a zero column total makes the contingency test undefined). */
function withoutEmptyColumns(aligned: AlignedCounts): AlignedCounts {
  const keep: number[] = [];
  for (let i = 0; i < aligned.labels.length; i++) {
    if (aligned.reference[i] > 0 || aligned.current[i] > 0) keep.push(i);
  }
  if (keep.length === aligned.labels.length) return aligned;
  return {
    labels: keep.map((i) => aligned.labels[i]),
    reference: Float64Array.from(keep, (i) => aligned.reference[i]),
    current: Float64Array.from(keep, (i) => aligned.current[i]),
    approximate: aligned.approximate,
  };
}

function chiSquareOnAligned(all: AlignedCounts): MethodResult {
  const aligned = withoutEmptyColumns(all);
  if (aligned.labels.length < 2) return { statistic: 0, pValue: 1, approximate: aligned.approximate };
  const result = chiSquareContingency([aligned.reference, aligned.current]);
  return { statistic: result.statistic, pValue: result.pValue, approximate: aligned.approximate };
}

function zOnAligned(aligned: AlignedCounts): MethodResult {
  const [x1, n1, x2, n2] = binaryCounts(aligned);
  const result = twoProportionZTest(x1, n1, x2, n2);
  return { statistic: result.statistic, pValue: result.pValue, approximate: aligned.approximate };
}

function fisherOnAligned(all: AlignedCounts): MethodResult | MethodSkip {
  const aligned = withoutEmptyColumns(all);
  if (aligned.labels.length > 2) {
    return {
      skipped: `Fisher's exact test needs a 2×2 table; this feature has ${aligned.labels.length} ${aligned.approximate ? "buckets" : "values or bins"}`,
    };
  }
  if (aligned.approximate)
    return { skipped: "Fisher's exact test needs exact counts; this side is a sketch" };
  const [x1, n1, x2, n2] = binaryCounts(aligned);
  const result = fisherExact([
    [x1, n1 - x1],
    [x2, n2 - x2],
  ]);
  return { statistic: result.oddsRatio, pValue: result.pValue, approximate: aligned.approximate };
}

function distanceOn(fn: (p: Float64Array, q: Float64Array) => number) {
  return (aligned: AlignedCounts): MethodResult => ({
    statistic: fn(aligned.reference, aligned.current),
    approximate: aligned.approximate,
  });
}

function linfOnAligned(aligned: AlignedCounts): MethodResult {
  const result = lInfinity(aligned.reference, aligned.current);
  return {
    statistic: result.distance,
    approximate: aligned.approximate,
    detail: shortLabel(aligned.labels[result.index]),
  };
}

function onCategories(fn: (aligned: AlignedCounts) => MethodResult | MethodSkip) {
  return (reference: CategorySide, current: CategorySide) => fn(alignCategories(reference, current));
}

function onBinned(fn: (aligned: AlignedCounts) => MethodResult | MethodSkip) {
  return (reference: NumericSide, current: NumericSide) => fn(alignNumeric(reference, current));
}

const jsDistance = distanceOn((p, q) => jensenShannonDistance(p, q, Math.E));
const jsDivergence = distanceOn((p, q) => jensenShannonDivergence(p, q, 2));
const psi = distanceOn((p, q) => populationStabilityIndex(p, q));
// Evidently's kl_div: empty bins filled (as PSI), then renormalised by scipy.stats.entropy.
const kl = distanceOn((p, q) => kullbackLeibler(p, q, Math.E, { fillEmptyBins: true }));
const hellingerDistance = distanceOn(hellinger);
const tvd = distanceOn(totalVariation);

/**
 * Every method with its defaults. Thresholds follow Evidently's defaults (p-value 0.05 for KS, chi-square, z and
 * Mann–Whitney; 0.1 for distances; 0.1 for Anderson–Darling, Cramér–von Mises and Fisher as p-values); TFDV has no
 * defaults, and its comparators (`linf`, `js-divergence`) get 0.1 here.
 */
export const METHODS: Record<DriftMethod, MethodSpec> = {
  ks: {
    name: "ks",
    label: "Kolmogorov–Smirnov",
    type: "p-value",
    comparison: "p<=",
    threshold: 0.05,
    numeric: (r, c) => {
      if (r.sorted === undefined || c.sorted === undefined) return sketchKs(r, c);
      const result = ksTwoSample(r.sorted, c.sorted);
      return { statistic: result.statistic, pValue: result.pValue, approximate: false };
    },
  },
  chisquare: {
    name: "chisquare",
    label: "chi-square",
    type: "p-value",
    comparison: "p<",
    threshold: 0.05,
    numeric: onBinned(chiSquareOnAligned),
    categorical: onCategories(chiSquareOnAligned),
  },
  z: {
    name: "z",
    label: "two-proportion z-test",
    type: "p-value",
    comparison: "p<",
    threshold: 0.05,
    numeric: onBinned(zOnAligned),
    categorical: onCategories(zOnAligned),
  },
  fisher: {
    name: "fisher",
    label: "Fisher exact",
    type: "p-value",
    comparison: "p<",
    threshold: 0.1,
    numeric: onBinned(fisherOnAligned),
    categorical: onCategories(fisherOnAligned),
  },
  anderson: {
    name: "anderson",
    label: "Anderson–Darling",
    type: "p-value",
    comparison: "p<",
    threshold: 0.1,
    numeric: (r, c) => {
      if (r.n + c.n < 4) {
        return {
          skipped: `Anderson–Darling needs at least 4 values on the two sides together; got ${r.n + c.n}`,
        };
      }
      return onRawValues("anderson", (a, b) => andersonDarlingKSample([a, b]))(r, c);
    },
  },
  cvm: {
    name: "cvm",
    label: "Cramér–von Mises",
    type: "p-value",
    comparison: "p<",
    threshold: 0.1,
    numeric: onRawValues("cvm", cramerVonMisesTwoSample),
  },
  mannwhitney: {
    name: "mannwhitney",
    label: "Mann–Whitney U",
    type: "p-value",
    comparison: "p<",
    threshold: 0.05,
    numeric: onRawValues("mannwhitney", mannWhitneyU),
  },
  wasserstein: {
    name: "wasserstein",
    label: "Wasserstein (normed)",
    type: "distance",
    comparison: ">=",
    threshold: 0.1,
    numeric: (r, c) => {
      const scale = Math.max(r.std, 0.001);
      if (r.sorted === undefined || c.sorted === undefined) {
        return { statistic: sketchWasserstein(r, c) / scale, approximate: true };
      }
      return { statistic: wasserstein1(r.sorted, c.sorted) / scale, approximate: false };
    },
  },
  energy: {
    name: "energy",
    label: "energy distance",
    type: "distance",
    comparison: ">=",
    threshold: 0.1,
    numeric: (r, c) => ({
      statistic: energyDistance(needsValues("energy", r), needsValues("energy", c)),
      approximate: false,
    }),
  },
  psi: {
    name: "psi",
    label: "PSI",
    type: "distance",
    comparison: ">=",
    threshold: 0.1,
    numeric: onBinned(psi),
    categorical: onCategories(psi),
  },
  jensenshannon: {
    name: "jensenshannon",
    label: "Jensen–Shannon distance",
    type: "distance",
    comparison: ">=",
    threshold: 0.1,
    numeric: onBinned(jsDistance),
    categorical: onCategories(jsDistance),
  },
  "js-divergence": {
    name: "js-divergence",
    label: "Jensen–Shannon divergence (log2, TFDV)",
    type: "distance",
    comparison: ">=",
    threshold: 0.1,
    numeric: onBinned(jsDivergence),
    categorical: onCategories(jsDivergence),
  },
  kl: {
    name: "kl",
    label: "Kullback–Leibler",
    type: "distance",
    comparison: ">=",
    threshold: 0.1,
    numeric: onBinned(kl),
    categorical: onCategories(kl),
  },
  hellinger: {
    name: "hellinger",
    label: "Hellinger",
    type: "distance",
    comparison: ">=",
    threshold: 0.1,
    numeric: onBinned(hellingerDistance),
    categorical: onCategories(hellingerDistance),
  },
  tvd: {
    name: "tvd",
    label: "total variation",
    type: "distance",
    comparison: ">=",
    threshold: 0.1,
    numeric: onBinned(tvd),
    categorical: onCategories(tvd),
  },
  linf: {
    name: "linf",
    label: "L-infinity (TFDV)",
    type: "distance",
    comparison: ">=",
    threshold: 0.1,
    numeric: onBinned(linfOnAligned),
    categorical: onCategories(linfOnAligned),
  },
};

export function isDriftMethod(name: string): name is DriftMethod {
  return Object.hasOwn(METHODS, name);
}

/** Whether `score` is beyond `threshold` under the method's comparison. */
export function isDrifted(comparison: Comparison, score: number, threshold: number): boolean {
  switch (comparison) {
    case "p<=":
      return score <= threshold;
    case "p<":
      return score < threshold;
    case ">=":
      return score >= threshold;
  }
}
