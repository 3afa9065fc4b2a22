/**
 * Equal-width bin edges and the arithmetic that finds a value's bin in them: the one definition used by profile
 * histograms, histogram sketches, drift distributions and the binning rules of the measures.
 */

/**
 * `bins + 1` equal-width edges from `lo` to `hi` with numpy.linspace's arithmetic: `lo + i·step`, step =
 * (hi − lo) / bins, the last edge exactly `hi`. Two extremes numpy gets wrong are kept finite and increasing: a range
 * wider than the largest double (−1e308 to 1e308, where hi − lo overflows) is computed in halves; a range
 * so narrow that the step underflows to 0 (subnormals) uses numpy's own fallback (i/bins)·(hi − lo) + lo. O(bins).
 */
export function equalWidthEdges(lo: number, hi: number, bins: number): Float64Array {
  const edges = new Float64Array(bins + 1);
  const step = (hi - lo) / bins;
  if (Number.isFinite(hi - lo)) {
    for (let i = 0; i <= bins; i++) edges[i] = step === 0 ? (i / bins) * (hi - lo) + lo : i * step + lo;
  } else {
    // hi − lo overflows: work in halves (exact for these magnitudes), so that neither i·step nor the sum overflows.
    const halfStep = hi / (2 * bins) - lo / (2 * bins);
    const halfLo = lo / 2;
    for (let i = 0; i <= bins; i++) edges[i] = 2 * (i * halfStep + halfLo);
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
