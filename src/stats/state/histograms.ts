import { binScale, equalWidthEdges as sharedEqualWidthEdges } from "../../sketch/edges.js";
import type { KllSketch } from "../../sketch/index.js";
import type { Histogram } from "../types.js";

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

/**
 * The bin arithmetic of uniform `edges` (one multiplication, then a ±1 correction; {@link binScale}), or undefined when the edges are not
 * the equal-width edges of their range (a constant column's [min, max]).
 */
export function uniformBins(
  edges: readonly number[],
): { edges: Float64Array; prescale: number; offset: number; scale: number } | undefined {
  if (!isUniform(edges)) return undefined;
  const w = Float64Array.from(edges);
  return { edges: w, ...binScale(w[0], w[w.length - 1], w.length - 1) };
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
  // Quantile edges repeat when few values are distinct; rank() takes any point (a repeated edge: an empty bucket).
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
