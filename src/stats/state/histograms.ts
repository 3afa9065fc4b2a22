import { binScale, equalWidthEdges as sharedEqualWidthEdges } from "../../sketch/edges.js";
import type { KllSketch } from "../../sketch/index.js";
import type { Histogram } from "../types.js";

/** Cells of the lookup grid for uneven (quantile) edges. */
const GRID = 2048;

/**
 * The edges of a profile's equal-width histogram: `bins` buckets from min to max ({@link sharedEqualWidthEdges}, finite
 * for any finite min and max); a constant column gets the one bucket [min, max].
 */
export function equalWidthEdges(min: number, max: number, bins: number): number[] {
  if (!(max > min)) return [min, max];
  return Array.from(sharedEqualWidthEdges(min, max, bins));
}

/** {@link equalWidthEdges} under the name the kernels use. */
export const profileEdges = equalWidthEdges;

/**
 * For uneven edges: the bucket of the grid cell each value falls in, so that finding a value's bucket is one
 * multiplication and a short forward scan instead of a branchy binary search (which mispredicts on random data).
 */
function bucketGrid(edges: Float64Array): Int32Array {
  const buckets = edges.length - 1;
  const starts = sharedEqualWidthEdges(edges[0], edges[buckets], GRID);
  const grid = new Int32Array(GRID + 1);
  let b = 0;
  for (let c = 0; c <= GRID; c++) {
    while (b < buckets - 1 && edges[b + 1] <= starts[c]) b++;
    grid[c] = b;
  }
  return grid;
}

/**
 * The equal-width and the equal-frequency histogram in one pass (numpy.histogram semantics for both: buckets
 * [e_i, e_i+1), the last closed). A value's bucket is estimated with one multiplication ({@link binScale}: finite
 * also for ranges of ±1e308 and of subnormals) and corrected against the edges. O(n).
 */
export function fusedHistograms(
  values: Float64Array,
  widthEdges: number[],
  quantileEdges: number[],
): { histogram: Histogram; quantileHistogram: Histogram } {
  if (!isUniform(widthEdges) || quantileEdges.length < 2) {
    return {
      histogram: { edges: widthEdges, counts: countInBuckets(values, widthEdges), method: "exact" },
      quantileHistogram: {
        edges: quantileEdges,
        counts: countInBuckets(values, quantileEdges),
        method: "exact",
      },
    };
  }
  const w = Float64Array.from(widthEdges);
  const q = Float64Array.from(quantileEdges);
  const wb = w.length - 1;
  const qb = q.length - 1;
  const wc = new Float64Array(wb);
  const qc = new Float64Array(qb);
  const lo = w[0];
  const hi = w[wb];
  const width = binScale(lo, hi, wb);
  const prescale = width.prescale;
  const offset = width.offset;
  const scale = width.scale;
  const qlo = q[0];
  const qhi = q[qb];
  const grid = bucketGrid(q);
  const cells = binScale(qlo, qhi, GRID);
  const qPrescale = cells.prescale;
  const qOffset = cells.offset;
  const gridScale = cells.scale;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v >= lo && v <= hi) {
      let b = ((v * prescale - offset) * scale) | 0;
      if (b >= wb) b = wb - 1;
      if (v < w[b]) b--;
      else if (b < wb - 1 && v >= w[b + 1]) b++;
      wc[b]++;
    }
    if (v >= qlo && v <= qhi) {
      let c = ((v * qPrescale - qOffset) * gridScale) | 0;
      if (c > GRID) c = GRID;
      let b = grid[c];
      while (b > 0 && v < q[b]) b--; // the cell starts just above an edge the value is below
      while (b < qb - 1 && v >= q[b + 1]) b++;
      qc[b]++;
    }
  }
  return {
    histogram: { edges: widthEdges, counts: Array.from(wc), method: "exact" },
    quantileHistogram: { edges: quantileEdges, counts: Array.from(qc), method: "exact" },
  };
}

/**
 * Counts values per bucket, buckets [e_i, e_i+1) and the last one closed, as numpy.histogram.
 * Edges may repeat (quantile buckets of tied data); a value goes to the last bucket whose lower edge is ≤ it.
 */
export function countInBuckets(values: Float64Array, edges: readonly number[]): number[] {
  const buckets = edges.length - 1;
  if (buckets <= 0) return [values.length];
  const e = Float64Array.from(edges);
  const counts = new Float64Array(buckets);
  const lo = e[0];
  const hi = e[buckets];
  const uniform = isUniform(edges);
  const { prescale, offset, scale } = binScale(lo, hi, buckets);
  const last = buckets - 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo || v > hi) continue;
    let b: number;
    if (uniform) {
      b = ((v * prescale - offset) * scale) | 0;
      if (b > last) b = last;
      // Correct floating-point misses at the boundaries.
      if (v < e[b]) b--;
      else if (b < last && v >= e[b + 1]) b++;
    } else {
      let left = 0;
      let right = last;
      while (left < right) {
        const mid = (left + right + 1) >> 1;
        if (e[mid] <= v) left = mid;
        else right = mid - 1;
      }
      b = left;
    }
    counts[b]++;
  }
  return Array.from(counts);
}

/** True when `edges` are the equal-width edges of their range (to 1e-9 of a bucket width). */
function isUniform(edges: readonly number[]): boolean {
  const buckets = edges.length - 1;
  if (!(edges[buckets] > edges[0])) return false;
  const expected = sharedEqualWidthEdges(edges[0], edges[buckets], buckets);
  const width = expected[1] - expected[0];
  for (let i = 1; i < buckets; i++) {
    if (Math.abs(edges[i] - expected[i]) > width * 1e-9) return false;
  }
  return true;
}

/**
 * A histogram over `edges` from a KLL sketch's CDF (counts rounded to whole values). Edges may repeat (quantile
 * edges of tied data): the buckets between equal edges are empty.
 */
export function sketchHistogram(kll: KllSketch, edges: number[]): Histogram {
  const n = kll.n;
  if (edges.length < 2 || n === 0) return { edges, counts: [n], method: "sketch" };
  const inner = edges.slice(1, -1);
  const cdf = inner.map((x) => kll.rank(x));
  const counts: number[] = [];
  let previous = 0;
  for (let i = 0; i < inner.length; i++) {
    const cumulative = Math.round(cdf[i] * n);
    counts.push(cumulative - previous);
    previous = cumulative;
  }
  counts.push(n - previous);
  return { edges, counts, method: "sketch" };
}
