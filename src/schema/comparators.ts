import type { FeatureProfile, Histogram } from "../stats/types.js";
import { jensenShannonDivergence, lInfinity } from "../measures/index.js";
import { compareStrings } from "./format.js";
import type { ComparatorResult } from "../format/anomalies.js";
import type { ComparatorSpec } from "../format/schema.js";

/**
 * TFDV's drift and skew comparators over two feature profiles (research §3.2–3.3):
 * - L-infinity over value counts (rank histograms), each side normalized by its own total; the value with the largest
 *   difference is reported, like TFDV's "Cash".
 * - Jensen–Shannon divergence in bits over value counts, or for numeric features over histograms aligned as TFDV's
 *   `AlignHistograms` does.
 */

/** Value counts of a categorical, text or boolean feature profile (booleans as "false"/"true"). */
export function valueCounts(feature: FeatureProfile): Map<string, number> | undefined {
  if (feature.categorical !== undefined) {
    return new Map(feature.categorical.rankHistogram.map((v) => [v.value, v.count]));
  }
  if (feature.boolean !== undefined) {
    return new Map([
      ["false", feature.boolean.falseCount],
      ["true", feature.boolean.trueCount],
    ]);
  }
  return undefined;
}

/** Counts of two sides over the union of their values, sorted. */
export function alignCounts(
  current: Map<string, number>,
  reference: Map<string, number>,
): { values: string[]; current: Float64Array; reference: Float64Array } {
  const values = [...new Set([...current.keys(), ...reference.keys()])].sort(compareStrings);
  return {
    values,
    current: Float64Array.from(values, (v) => current.get(v) ?? 0),
    reference: Float64Array.from(values, (v) => reference.get(v) ?? 0),
  };
}

interface Bucket {
  low: number;
  high: number;
  count: number;
}

function bucketsOf(histogram: Histogram): Bucket[] {
  const out: Bucket[] = [];
  for (let i = 0; i < histogram.counts.length; i++) {
    const low = histogram.edges[i];
    const high = histogram.edges[i + 1] ?? low;
    out.push({ low, high, count: histogram.counts[i] });
  }
  return out;
}

/**
 * Two histograms rebucketed on the union of their boundaries, as TFDV's `AlignHistograms` (anomalies/metrics.cc):
 * each bucket's count is spread over the sub-intervals it covers in proportion to their width (the data is assumed
 * uniform within a bucket); point buckets (low = high, e.g. a constant feature) are kept as separate buckets, one
 * per value. O((b₁ + b₂) log(b₁ + b₂)).
 */
export function alignHistograms(
  a: Histogram,
  b: Histogram,
): { boundaries: number[]; points: number[]; a: number[]; b: number[] } {
  const bucketsA = bucketsOf(a);
  const bucketsB = bucketsOf(b);
  const all = [...bucketsA, ...bucketsB];
  const boundaries = [...new Set(all.filter((x) => x.high > x.low).flatMap((x) => [x.low, x.high]))].sort(
    (x, y) => x - y,
  );
  const points = [...new Set(all.filter((x) => !(x.high > x.low)).map((x) => x.low))].sort((x, y) => x - y);
  const intervals = Math.max(boundaries.length - 1, 0);
  const spread = (buckets: Bucket[]): number[] => {
    const masses = new Array<number>(intervals + points.length).fill(0);
    for (const bucket of buckets) {
      if (bucket.count === 0) continue;
      if (!(bucket.high > bucket.low)) {
        masses[intervals + points.indexOf(bucket.low)] += bucket.count;
        continue;
      }
      const width = bucket.high - bucket.low;
      let i = lowerIndex(boundaries, bucket.low);
      for (; i < intervals && boundaries[i] < bucket.high; i++) {
        masses[i] += (bucket.count * (boundaries[i + 1] - boundaries[i])) / width;
      }
    }
    return masses;
  };
  return { boundaries, points, a: spread(bucketsA), b: spread(bucketsB) };
}

function lowerIndex(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The masses a numeric profile compares: histogram buckets (finite values) then NaN, −∞, +∞ (TFDV's extra buckets). */
function numericMasses(
  current: FeatureProfile,
  reference: FeatureProfile,
  histogram: "standard" | "quantiles",
) {
  const pick = (f: FeatureProfile) =>
    histogram === "quantiles" ? f.numeric!.quantileHistogram : f.numeric!.histogram;
  const aligned = alignHistograms(pick(current), pick(reference));
  const extra = (f: FeatureProfile) => [
    f.numeric!.nan,
    f.numeric!.negativeInfinity,
    f.numeric!.positiveInfinity,
  ];
  return { current: [...aligned.a, ...extra(current)], reference: [...aligned.b, ...extra(reference)] };
}

export type { ComparatorResult } from "../format/anomalies.js";

function total(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum;
}

/**
 * Measures a comparator between the current profile of a feature and the reference one (previous or serving).
 * Returns undefined when either side has nothing to compare (no values), which the caller reports.
 */
export function compareFeature(
  spec: ComparatorSpec,
  current: FeatureProfile,
  reference: FeatureProfile,
  against: "previous" | "serving",
): ComparatorResult | undefined {
  let value: number;
  let category: string | undefined;
  if (
    spec.measure === "jensenShannonDivergence" &&
    current.numeric !== undefined &&
    reference.numeric !== undefined
  ) {
    const m = numericMasses(current, reference, spec.histogram ?? "standard");
    if (!(total(m.current) > 0 && total(m.reference) > 0)) return undefined;
    value = jensenShannonDivergence(m.current, m.reference, 2);
  } else {
    const currentCounts = valueCounts(current);
    const referenceCounts = valueCounts(reference);
    if (currentCounts === undefined || referenceCounts === undefined) return undefined;
    const aligned = alignCounts(currentCounts, referenceCounts);
    if (!(total(aligned.current) > 0 && total(aligned.reference) > 0)) return undefined;
    if (spec.measure === "lInfinity") {
      const result = lInfinity(aligned.current, aligned.reference);
      value = result.distance;
      category = aligned.values[result.index];
    } else {
      value = jensenShannonDivergence(aligned.current, aligned.reference, 2);
    }
  }
  const comparison: ComparatorResult = {
    feature: current.name,
    against,
    measure: spec.measure,
    value,
    threshold: spec.threshold,
    exceeds: value > spec.threshold,
  };
  if (category !== undefined) comparison.category = category;
  return comparison;
}
