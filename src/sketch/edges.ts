/**
 * Equal-width bin edges and the arithmetic that finds a value's bin in them: the one definition used by profile
 * histograms, histogram sketches, drift distributions and the binning rules of the measures.
 */

/**
 * How {@link equalWidthEdges} computes inner edges:
 * - `"linspace"` (default): numpy.linspace's `lo + i·step`, step = (hi − lo) / bins — the edges of
 *   `numpy.histogram(a, bins)`, so profile histograms, histogram sketches and drift bins count as numpy does, values
 *   within one ulp of an edge included;
 * - `"fractions"`: `lo + (hi − lo)·i / bins`, so that over [0, 1] the edges are exactly i/bins (0.15 is an edge
 *   when bins = 20): a fairness report's score bins and the widget's threshold slider.
 */
export type EdgeArithmetic = "linspace" | "fractions";

/**
 * `bins + 1` equal-width edges from `lo` to `hi`, the first exactly `lo` and the last exactly `hi`: the one
 * definition of equal-width edges (profiles, sketches, drift, measures, fairness and the widget through core).
 * Two extremes numpy gets wrong are kept finite and increasing: a range wider than the largest double (−1e308 to
 * 1e308, where hi − lo overflows) is computed in halves; with `"linspace"`, a range so narrow that the step
 * underflows to 0 (subnormals) uses numpy's own fallback (i/bins)·(hi − lo) + lo. O(bins).
 */
export function equalWidthEdges(
  lo: number,
  hi: number,
  bins: number,
  arithmetic: EdgeArithmetic = "linspace",
): Float64Array {
  const edges = new Float64Array(bins + 1);
  const width = hi - lo;
  if (Number.isFinite(width)) {
    const step = width / bins;
    if (arithmetic === "fractions") for (let i = 0; i <= bins; i++) edges[i] = lo + (width * i) / bins;
    else for (let i = 0; i <= bins; i++) edges[i] = step === 0 ? (i / bins) * width + lo : i * step + lo;
  } else {
    // hi − lo overflows: work in halves (exact for these magnitudes), so that neither i·step nor the sum overflows.
    const halfWidth = hi / 2 - lo / 2;
    const halfStep = halfWidth / bins;
    const halfLo = lo / 2;
    for (let i = 0; i <= bins; i++) {
      edges[i] = 2 * (arithmetic === "fractions" ? halfLo + (halfWidth * i) / bins : i * halfStep + halfLo);
    }
  }
  edges[0] = lo;
  edges[bins] = hi;
  return edges;
}

/**
 * How to map a value to its equal-width bin with one multiply: bin ≈ ⌊(x·prescale − offset)·scale⌋, then a ±1
 * correction against the edges. `prescale` is 1 for ordinary ranges (so the arithmetic is exactly (x − lo)·bins/(hi −
 * lo)); a power of two for ranges whose width overflows (±1e308: ½) or whose bins/width overflows (subnormals: up to
 * 2^1000), so that the estimate stays finite and every value — the maximum included — lands in a bin.
 */
export interface BinScale {
  prescale: number;
  offset: number;
  scale: number;
}

export function binScale(lo: number, hi: number, bins: number): BinScale {
  let prescale = 1;
  const width = hi - lo;
  if (!Number.isFinite(width)) prescale = 0.5;
  else if (width > 0 && !Number.isFinite(bins / width)) {
    prescale = 2 ** Math.min(1000, Math.ceil(-Math.log2(width)));
  }
  const scaledWidth = hi * prescale - lo * prescale;
  return { prescale, offset: lo * prescale, scale: scaledWidth > 0 ? bins / scaledWidth : 0 };
}
