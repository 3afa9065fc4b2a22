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
  if (values.length === 0) return probabilities.map(() => NaN);
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
    if (integers && Math.floor(v) !== v) integers = false;
  }
  return quantileSelection(values, min, max, probabilities, { integers }).quantiles;
}

/** What {@link quantileSelection} finds in its passes. */
export interface QuantileSelection {
  /** The quantiles, in the order of the probabilities asked for. */
  quantiles: number[];
  /**
   * Counts of the equal-width histogram asked for (numpy.histogram semantics), counted in the selection's first
   * pass; undefined when none was asked for.
   */
  widthCounts: Float64Array | undefined;
  /** The number of values strictly below `edge`, for an edge between two order statistics the selection found. */
  countBelow(edge: number): number;
}

/** What a caller of {@link quantileSelection} may know or want besides the quantiles. */
export interface SelectionOptions {
  /** An equal-width histogram to count too (uniform edges from min to max, see src/stats/state/histograms.ts). */
  width?: { edges: Float64Array; prescale: number; offset: number; scale: number };
  /** The first pass's counts, when the caller made them ({@link SELECTION_BUCKETS}). */
  buckets?: Int32Array;
  /**
   * Whether every value is an integer (default false). Integers spanning at most {@link SELECTION_BUCKETS} / 2 fall
   * one distinct value to a bucket, so the counts alone give every order statistic: no second pass.
   */
  integers?: boolean;
}

/**
 * {@link exactQuantiles} of values whose min and max are known, plus what the same passes give for free: the counts
 * of an equal-width histogram over `widthEdges` (uniform edges from min to max, a value's bin estimated with
 * one multiplication and corrected against the edges), and the count of values below any quantile found (so an equal-frequency histogram over the
 * quantiles needs no pass of its own). O(n) expected.
 */
export function quantileSelection(
  values: Float64Array,
  min: number,
  max: number,
  probabilities: readonly number[],
  { width, buckets, integers = false }: SelectionOptions = {},
): QuantileSelection {
  const n = values.length;
  const wanted = new Set<number>();
  for (const q of probabilities) {
    const h = (n - 1) * q;
    wanted.add(Math.floor(h));
    wanted.add(Math.ceil(h));
  }
  const ranks = [...wanted].sort((a, b) => a - b);
  const found = new Map<number, number>();
  // The equal-width counts follow from the counts below the inner edges when every value lies within the edges and
  // they increase (numpy.histogram: [e_i, e_i+1), the last bin closed): the buckets of those edges are gathered too,
  // so no value is binned one by one. Otherwise they are counted in the first pass.
  const derived =
    width !== undefined &&
    width.edges[0] <= min &&
    width.edges[width.edges.length - 1] >= max &&
    width.edges.every((e, i) => i === 0 || e > width.edges[i - 1]);
  const top =
    integers && min < max && max - min <= BUCKETS / 2 && Math.max(-min, max) <= 2 ** 52
      ? selectIntegers(
          values.length,
          min,
          max,
          ranks,
          found,
          buckets ?? bucketCounts(values, min, BUCKETS / (max - min)),
        )
      : select(values, min, max, ranks, 0, found, derived ? width.edges.subarray(1, -1) : undefined, buckets);
  const quantiles = probabilities.map((q) => {
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
  let widthCounts: Float64Array | undefined;
  if (derived && min !== max) {
    const w = width.edges;
    const bins = w.length - 1;
    widthCounts = new Float64Array(bins);
    let below = 0;
    for (let j = 0; j < bins; j++) {
      const next = j === bins - 1 ? n : top.countBelow(w[j + 1]);
      widthCounts[j] = next - below;
      below = next;
    }
  }
  if (width !== undefined && widthCounts === undefined) widthCounts = uniformCounts(values, width);
  return { quantiles, widthCounts, countBelow: (edge) => top.countBelow(edge) };
}

/** Equal-width histogram counts with the profile's bin arithmetic (bin estimate, then a ±1 correction). */
function uniformCounts(
  values: Float64Array,
  width: { edges: Float64Array; prescale: number; offset: number; scale: number },
): Float64Array {
  const w = width.edges;
  const wb = w.length - 1;
  const counts = new Float64Array(wb);
  const { prescale, offset, scale } = width;
  const lo = w[0];
  const hi = w[wb];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v >= lo && v <= hi) {
      let b = ((v * prescale - offset) * scale) | 0;
      if (b >= wb) b = wb - 1;
      if (v < w[b]) b--;
      else if (b < wb - 1 && v >= w[b + 1]) b++;
      counts[b]++;
    }
  }
  return counts;
}

/** Values strictly below `edge` in a sorted array (binary search). */
function belowInSorted(sorted: Float64Array, edge: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < edge) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface TopLevel {
  countBelow(edge: number): number;
}

/**
 * The selection of integers in [min, max] with max − min ≤ BUCKETS / 2 (`counts` from {@link bucketCounts}): the
 * buckets are at least two units wide on the integer line, so each holds at most one integer, and the value of a rank
 * is the integer of its bucket. (Zeros all count as +0: the sign of a zero is not kept, as in the report's JSON.)
 */
function selectIntegers(
  n: number,
  min: number,
  max: number,
  ranks: readonly number[],
  found: Map<number, number>,
  counts: Int32Array,
): TopLevel {
  const scale = BUCKETS / (max - min);
  const { bucketOfRank, before } = rankBuckets(counts, ranks);
  ranks.forEach((r, j) => found.set(r, integerOfBucket(bucketOfRank[j], min, scale)));
  return {
    countBelow: (edge) => {
      if (!(edge > min)) return 0;
      if (edge > max) return n;
      const b = bucketIndex(edge, min, scale);
      // Earlier buckets hold smaller values, later ones larger (the bucket map is monotone): only b's is compared.
      return counts[b] > 0 && integerOfBucket(b, min, scale) < edge ? before[b] + counts[b] : before[b];
    },
  };
}

/** The integer in [min, …] whose bucket is `b`, for buckets of integers at least two units wide ({@link selectIntegers}). */
function integerOfBucket(b: number, min: number, scale: number): number {
  let v = min + Math.floor(b / scale);
  while (bucketIndex(v, min, scale) < b) v++;
  while (v > min && bucketIndex(v, min, scale) > b) v--;
  return v;
}

const BUCKETS = 4096;
/**
 * Subsets up to this size are sorted; larger ones are bucketed again (two linear passes). Sorting is O(m log m) in
 * V8's TypedArray sort: a bucket of 32,000 values of a skewed column (lognormal, 2M rows) took longer sorted than the
 * whole column's passes (issue 15).
 */
const SORT_BELOW = BUCKETS;

/**
 * Finds the values of `ranks` (0-based, relative to `values`, plus `offset` in the whole) among `values`; the buckets
 * of `edges` are gathered as well, so that the values below them are counted exactly. Returns how to count values
 * below an edge. Its passes over the values are functions of their own ({@link bucketCounts}, {@link gather}): each
 * is compiled once with complete type feedback, instead of one large function deoptimized loop after loop.
 */
function select(
  values: Float64Array,
  min: number,
  max: number,
  ranks: readonly number[],
  offset: number,
  found: Map<number, number>,
  edges?: Float64Array,
  buckets?: Int32Array,
  sortBelow = SORT_BELOW,
): TopLevel {
  const n = values.length;
  if (min === max) {
    for (const r of ranks) found.set(r + offset, min);
    return { countBelow: (edge) => (edge > min ? n : 0) };
  }
  if (n <= sortBelow) {
    const sorted = values.slice().sort();
    for (const r of ranks) found.set(r + offset, sorted[r]);
    return { countBelow: (edge) => belowInSorted(sorted, edge) };
  }
  const scale = BUCKETS / (max - min);
  const counts = buckets ?? bucketCounts(values, min, scale);
  const { bucketOfRank, before } = rankBuckets(counts, ranks);
  const bucketOf = (v: number): number => bucketIndex(v, min, scale);
  const edgeBuckets =
    edges === undefined ? [] : Array.from(edges, (e) => (e > min && e <= max ? bucketOf(e) : -1));
  const targets = [...new Set([...bucketOfRank, ...edgeBuckets.filter((b) => b >= 0 && counts[b] > 0)])];
  const slot = new Int32Array(BUCKETS).fill(-1);
  const gathered = targets.map((b, i) => {
    slot[b] = i;
    return new Float64Array(counts[b]);
  });
  const fill = new Int32Array(targets.length);
  // Each gathered bucket's range, seen while gathering (no pass over the subsets, which hold most values when
  // the data has few distinct values).
  const los = new Float64Array(targets.length).fill(Infinity);
  const his = new Float64Array(targets.length).fill(-Infinity);
  gather(values, min, scale, slot, gathered, fill, los, his);
  const level: Level = { values, min, max, scale, counts, before, slot, gathered, los, his };
  const countBelow = (edge: number): number => countBelowIn(level, edge);
  targets.forEach((b, i) => {
    const inBucket = ranks.map((r, j) => ({ r, j })).filter((x) => bucketOfRank[x.j] === b);
    if (inBucket.length === 0) return; // gathered for an edge only
    const subset = gathered[i];
    const lo = los[i];
    const hi = his[i];
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
      undefined,
      undefined,
      sortBelow,
    );
  });
  return { countBelow };
}

/**
 * Runs the selection once on a few hundred values that take each of its paths (buckets gathered for ranks and for
 * edges, buckets of one value and of several, a level below, counts below edges), sorting only below 8 values instead
 * of 2^15: so that its loops have type feedback for every operation before they run hot, and are optimized once
 * (see src/stats/state/numeric.ts, which calls this when it loads). The result is discarded.
 */
export function primeSelection(): void {
  const none = new Float64Array(0);
  const one = Float64Array.of(1, 1);
  for (let round = 0; round < FEEDBACK_CALLS; round++) {
    bucketCounts(none, 0, 1);
    gather(none, 0, 1, new Int32Array(0), [], new Int32Array(0), none, none);
    select(one, 1, 1, [0], 0, new Map());
  }
  const values = new Float64Array(600);
  for (let i = 0; i < values.length; i++) values[i] = i % 3 === 0 ? i % 7 : (i * 0.618) % 50;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const found = new Map<number, number>();
  const ranks = [0, 5, 60, 299, 300, 590, 599];
  const scale = BUCKETS / (max - min);
  const counts = bucketCounts(values, min, scale);
  const top = select(values, min, max, ranks, 0, found, Float64Array.of(10, 25, 40), counts, 8);
  for (const edge of [min - 1, 3, 10, 25.5, 40, max + 1]) top.countBelow(edge);
}

/** The bucket of `v` in a level of the selection over [min, …] (`scale` buckets per unit), clamped. */
function bucketIndex(v: number, min: number, scale: number): number {
  const b = ((v - min) * scale) | 0;
  return b >= BUCKETS ? BUCKETS - 1 : b < 0 ? 0 : b;
}

/** One level of the selection, as {@link countBelowIn} reads it. */
interface Level {
  values: Float64Array;
  min: number;
  max: number;
  scale: number;
  counts: Int32Array;
  before: Float64Array;
  slot: Int32Array;
  gathered: Float64Array[];
  los: Float64Array;
  his: Float64Array;
}

/**
 * The number of values strictly below `edge`. The bucket map is monotone: values in earlier buckets are below the
 * edge, values in later ones are not; only the edge's own bucket is looked into. (A function of the level's data, not
 * a closure: compiled once for every level and column.)
 */
function countBelowIn(level: Level, edge: number): number {
  const { values, min, max, counts, before, slot, gathered, los, his } = level;
  const n = values.length;
  if (!(edge > min)) return 0;
  if (edge > max) return n;
  const b = bucketIndex(edge, min, level.scale);
  const s = slot[b];
  if (s >= 0) {
    if (!(edge > los[s])) return before[b];
    if (edge > his[s]) return before[b] + counts[b];
    const subset = gathered[s];
    let below = 0;
    for (let j = 0; j < subset.length; j++) if (subset[j] < edge) below++;
    return before[b] + below;
  }
  if (counts[b] === 0) return before[b];
  // An edge in a bucket that was not gathered (rounding of an interpolated quantile): count the slow way.
  let below = 0;
  for (let i = 0; i < n; i++) if (values[i] < edge) below++;
  return below;
}

/** Which bucket holds each wanted rank (ascending), and how many values lie before each bucket. */
function rankBuckets(
  counts: Int32Array,
  ranks: readonly number[],
): { bucketOfRank: number[]; before: Float64Array } {
  const bucketOfRank: number[] = [];
  const before = new Float64Array(BUCKETS);
  let cumulative = 0;
  let k = 0;
  for (let b = 0; b < BUCKETS; b++) {
    before[b] = cumulative;
    cumulative += counts[b];
    while (k < ranks.length && ranks[k] < cumulative) bucketOfRank[k++] = b;
  }
  return { bucketOfRank, before };
}

/** Calls after which V8 records a function's type feedback (its lazy feedback allocation, 8 calls in Node 20). */
export const FEEDBACK_CALLS = 9;

/** Counts of the values in {@link BUCKETS} equal-width buckets from `min` (`scale` buckets per unit). */
function bucketCounts(values: Float64Array, min: number, scale: number): Int32Array {
  const counts = new Int32Array(BUCKETS);
  for (let i = 0; i < values.length; i++) {
    let b = ((values[i] - min) * scale) | 0;
    if (b >= BUCKETS) b = BUCKETS - 1;
    counts[b]++;
  }
  return counts;
}

/**
 * Buckets of the selection's first pass, over [min, max]: a caller that knows min and max may count them in a pass of
 * its own and give them to {@link quantileSelection} as `buckets` (value v in bucket ⌊(v − min) · scale⌋ with
 * scale = SELECTION_BUCKETS / (max − min), the max in the last; as {@link bucketCounts} does).
 */
export const SELECTION_BUCKETS = BUCKETS;

/**
 * Copies the values of the buckets that have a slot into `gathered[slot]`, and their range into `los` / `his`. A
 * bucket is written out only from its second distinct value on: data with few distinct values (counts, codes) has
 * one value per bucket, and its buckets are then counted, not copied (a bucket left unwritten has lo === hi, and
 * nothing reads its array). Values are compared with Object.is there (0 and -0 differ).
 */
function gather(
  values: Float64Array,
  min: number,
  scale: number,
  slot: Int32Array,
  gathered: Float64Array[],
  fill: Int32Array,
  los: Float64Array,
  his: Float64Array,
): void {
  const into: Gathering = {
    slot,
    gathered,
    fill,
    los,
    his,
    firsts: new Float64Array(gathered.length),
    single: new Uint8Array(gathered.length).fill(1),
  };
  // Block by block, for the reason summarizeBlock in src/stats/state/numeric.ts gives.
  for (let start = 0; start < values.length; start += GATHER_BLOCK) {
    gatherBlock(values, start, Math.min(values.length, start + GATHER_BLOCK), min, scale, into);
  }
}

const GATHER_BLOCK = 4096;

/** What {@link gather} fills, and per slot the first value seen and whether it is the only one so far. */
interface Gathering {
  slot: Int32Array;
  gathered: Float64Array[];
  fill: Int32Array;
  los: Float64Array;
  his: Float64Array;
  firsts: Float64Array;
  single: Uint8Array;
}

/** {@link gather} of values[start, end). */
function gatherBlock(
  values: Float64Array,
  start: number,
  end: number,
  min: number,
  scale: number,
  into: Gathering,
): void {
  const { slot, gathered, fill, los, his, firsts, single } = into;
  for (let i = start; i < end; i++) {
    const v = values[i];
    let b = ((v - min) * scale) | 0;
    if (b >= BUCKETS) b = BUCKETS - 1;
    const s = slot[b];
    if (s < 0) continue;
    if (single[s] === 1) {
      const f = fill[s];
      if (f === 0 || (v === firsts[s] && (v !== 0 || 1 / v === 1 / firsts[s]))) {
        if (f === 0) firsts[s] = v;
        fill[s] = f + 1;
        los[s] = his[s] = v;
        continue;
      }
      single[s] = 0;
      gathered[s].fill(firsts[s], 0, f);
    }
    gathered[s][fill[s]++] = v;
    if (v < los[s]) los[s] = v;
    if (v > his[s]) his[s] = v;
  }
}
