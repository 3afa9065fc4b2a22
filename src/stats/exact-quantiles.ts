/**
 * Exact quantiles with numpy's default definition (linear interpolation between the order statistics at positions
 * floor(h) and ceil(h), h = (n - 1) q; numpy.quantile(method="linear"), pandas.describe).
 *
 * Selection by value buckets (a distribution-driven select): one pass counts values in 4096 equal-width buckets
 * between min and max, a second pass gathers only the buckets that hold a wanted rank, which are then sorted (or
 * bucketed again when large). Cost: about three passes over the data whatever the number of quantiles, versus
 * O(n log n) for a sort.
 *
 * @param values finite values (not modified)
 * @param probabilities quantile levels in [0, 1]
 */
export function exactQuantiles(values: Float64Array, probabilities: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return probabilities.map(() => NaN);
  const wanted = new Set<number>();
  for (const q of probabilities) {
    const h = (n - 1) * q;
    wanted.add(Math.floor(h));
    wanted.add(Math.ceil(h));
  }
  const ranks = [...wanted].sort((a, b) => a - b);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const found = new Map<number, number>();
  select(values, min, max, ranks, 0, found);
  return probabilities.map((q) => {
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    const hi = Math.ceil(h);
    const a = found.get(lo)!;
    if (lo === hi) return a;
    const b = found.get(hi)!;
    // numpy's _lerp: a + (b - a) * t, switching to b - (b - a) * (1 - t) when t >= 0.5 for monotonicity.
    const t = h - lo;
    const diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  });
}

const BUCKETS = 4096;
const SORT_BELOW = 1 << 15;

/** Finds the values of `ranks` (0-based, relative to `values`, plus `offset` in the whole) among `values`. */
function select(
  values: Float64Array,
  min: number,
  max: number,
  ranks: readonly number[],
  offset: number,
  found: Map<number, number>,
): void {
  const n = values.length;
  if (min === max) {
    for (const r of ranks) found.set(r + offset, min);
    return;
  }
  if (n <= SORT_BELOW) {
    const sorted = values.slice().sort();
    for (const r of ranks) found.set(r + offset, sorted[r]);
    return;
  }
  const scale = BUCKETS / (max - min);
  const counts = new Int32Array(BUCKETS);
  for (let i = 0; i < n; i++) {
    let b = ((values[i] - min) * scale) | 0;
    if (b >= BUCKETS) b = BUCKETS - 1;
    counts[b]++;
  }
  // Which bucket holds each wanted rank, and how many values lie before that bucket.
  const bucketOfRank: number[] = [];
  const before = new Float64Array(BUCKETS);
  let cumulative = 0;
  let k = 0;
  for (let b = 0; b < BUCKETS && k < ranks.length; b++) {
    before[b] = cumulative;
    cumulative += counts[b];
    while (k < ranks.length && ranks[k] < cumulative) bucketOfRank[k++] = b;
  }
  const targets = [...new Set(bucketOfRank)];
  const slot = new Int32Array(BUCKETS).fill(-1);
  const gathered = targets.map((b, i) => {
    slot[b] = i;
    return new Float64Array(counts[b]);
  });
  const fill = new Int32Array(targets.length);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let b = ((v - min) * scale) | 0;
    if (b >= BUCKETS) b = BUCKETS - 1;
    const s = slot[b];
    if (s >= 0) gathered[s][fill[s]++] = v;
  }
  targets.forEach((b, i) => {
    const inBucket = ranks.map((r, j) => ({ r, j })).filter((x) => bucketOfRank[x.j] === b);
    const subset = gathered[i];
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = 0; j < subset.length; j++) {
      if (subset[j] < lo) lo = subset[j];
      if (subset[j] > hi) hi = subset[j];
    }
    if (subset.length === n) {
      // Rounding put everything in one bucket: fall back to sorting.
      const sorted = subset.slice().sort();
      for (const x of inBucket) found.set(x.r + offset, sorted[x.r]);
      return;
    }
    select(
      subset,
      lo,
      hi,
      inBucket.map((x) => x.r - before[b]),
      offset + before[b],
      found,
    );
  });
}
