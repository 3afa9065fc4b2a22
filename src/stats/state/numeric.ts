// The two sketches by their modules, not the sketch index: the worker loads only these (src/stats/state-worker.ts).
import { Moments, MOMENTS_BLOCK } from "../../sketch/moments.js";
import { FEEDBACK_CALLS, primeSelection, quantileSelection, SELECTION_BUCKETS } from "../exact-quantiles.js";
import { countInBuckets, profileEdges, uniformBins } from "./histograms.js";
import { LazyKll } from "./lazy-kll.js";
import { QUANTILE_LEVELS, type StateSettings } from "./settings.js";
import type { NumericExact, NumericState } from "./types.js";

const MS = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** The counts of a numeric state: the part that crosses a thread as it is (src/stats/state-worker.ts). */
export type NumericCounts = Pick<
  NumericState,
  "count" | "missing" | "zeros" | "nan" | "positiveInfinity" | "negativeInfinity" | "integer" | "granularity"
>;

/** The {@link NumericCounts} of `from` (a state, or a worker's answer), and nothing else. */
export function numericCounts(from: NumericCounts): NumericCounts {
  const { count, missing, zeros, nan, positiveInfinity, negativeInfinity, integer, granularity } = from;
  return { count, missing, zeros, nan, positiveInfinity, negativeInfinity, integer, granularity };
}

/** The state of a numeric or datetime column: counts by class of value, moments, quantiles and histograms. */
export function numericStateOf(
  kind: "numeric" | "datetime",
  values: Float64Array,
  valid: Uint8Array | null,
  settings: StateSettings,
  eagerSketches: boolean,
  range?: readonly [number, number],
): NumericState {
  const n = values.length;
  let missing = 0;
  let zeros = 0;
  let nan = 0;
  let positiveInfinity = 0;
  let negativeInfinity = 0;
  let integer = true;
  let finiteCount = 0;
  // Hot loop: finite values first (the common case), one branch each for zeros and the integer check.
  let nonFinite = 0;
  let moments: Moments | undefined;
  let buckets: Int32Array | undefined;
  if (valid === null) {
    const exact = n > 0 && n <= settings.exactQuantileLimit;
    const summary = summarizeAll(values, exact ? range : undefined);
    zeros = summary.zeros;
    integer = summary.integer;
    nonFinite = summary.nonFinite;
    moments = summary.moments;
    // The selection's first counts, made in the same pass, hold when the reader's range was the true one.
    if (
      moments !== undefined &&
      range !== undefined &&
      moments.min === range[0] &&
      moments.max === range[1]
    ) {
      buckets = summary.buckets;
    }
  } else {
    for (let i = 0; i < n; i++) {
      if (valid[i] === 0) {
        missing++;
        continue;
      }
      const v = values[i];
      if (v - v === 0) {
        if (v === 0) zeros++;
        else if (integer && Math.floor(v) !== v) integer = false;
      } else nonFinite++;
    }
  }
  finiteCount = n - missing - nonFinite;
  if (nonFinite > 0) {
    for (let i = 0; i < n; i++) {
      if (valid !== null && valid[i] === 0) continue;
      const v = values[i];
      if (v !== v) nan++;
      else if (v === Infinity) positiveInfinity++;
      else if (v === -Infinity) negativeInfinity++;
    }
  }
  // The finite present values, contiguous: what moments, sketches and quantiles see.
  let finite: Float64Array;
  if (finiteCount === n) finite = values;
  else {
    finite = new Float64Array(finiteCount);
    let j = 0;
    for (let i = 0; i < n; i++) {
      if (valid !== null && valid[i] === 0) continue;
      const v = values[i];
      if (v - v === 0) finite[j++] = v;
    }
  }
  if (moments === undefined) {
    moments = new Moments();
    moments.addArray(finite);
  }
  const kll = new LazyKll(settings.kllK, finite);
  if (eagerSketches || finiteCount > settings.exactQuantileLimit) void kll.sketch;
  const state: NumericState = {
    kind,
    count: n,
    missing,
    zeros,
    nan,
    positiveInfinity,
    negativeInfinity,
    integer,
    granularity: kind === "datetime" ? granularityOf(finite) : 0,
    moments,
    kll,
  };
  if (finiteCount > 0 && finiteCount <= settings.exactQuantileLimit) {
    // Neither the selection nor the histograms modify the values: no copy.
    state.exact = exactNumeric(finite, moments.min, moments.max, integer, settings, buckets);
  }
  return state;
}

/**
 * Zeros, non-finite values, whether all are integers, and the moments when every value is finite, of values without
 * missing ones: block by block, in one pass that classifies each value and adds it to the block's sum, min and max
 * (the moments' first pass, {@link Moments.addFiniteBlock}), then the block's deviation sums while it is in cache.
 * With the values' range from the reader, the same pass makes the exact selection's first counts
 * ({@link SELECTION_BUCKETS}); the caller keeps them only if the range proves true.
 */
function summarizeAll(
  values: Float64Array,
  range: readonly [number, number] | undefined,
): {
  zeros: number;
  integer: boolean;
  nonFinite: number;
  moments: Moments | undefined;
  buckets: Int32Array | undefined;
} {
  const n = values.length;
  const moments = new Moments();
  const buckets = range !== undefined && range[0] < range[1] ? new Int32Array(SELECTION_BUCKETS) : undefined;
  const low = range?.[0] ?? 0;
  const scale = buckets === undefined ? 0 : SELECTION_BUCKETS / (range![1] - range![0]);
  const block = new Float64Array(BLOCK_FIELDS);
  block[INTEGER] = 1;
  for (let start = 0; start < n; start += MOMENTS_BLOCK) {
    const end = Math.min(n, start + MOMENTS_BLOCK);
    summarizeBlock(values, start, end, low, scale, buckets ?? NO_BUCKETS, block);
    if (block[NON_FINITE] === 0) {
      moments.addFiniteBlock(values, start, end, block[SUM], block[MIN], block[MAX]);
    }
  }
  const nonFinite = block[NON_FINITE];
  return {
    zeros: block[ZEROS],
    integer: block[INTEGER] === 1,
    nonFinite,
    moments: nonFinite === 0 ? moments : undefined,
    buckets,
  };
}

/** What {@link summarizeBlock} keeps in its Float64Array: the block's sum, min and max; running counts and flag. */
const SUM = 0;
const MIN = 1;
const MAX = 2;
const ZEROS = 3;
const NON_FINITE = 4;
const INTEGER = 5;
const BLOCK_FIELDS = 6;
const NO_BUCKETS = new Int32Array(0);

/**
 * One block of {@link summarizeAll}'s pass: the finite values' sum (from 0, in index order), min and max (by `<`, `>`)
 * into `out`, and zeros, non-finite values and the integer flag added to the running ones there; the selection's
 * bucket counts too when `buckets` has any. A function per block, not one loop over the column: it is called a
 * thousand times per column, so V8 optimizes it early and once, as a small function (a long loop is optimized only
 * while it runs, on-stack, and the function again on its next call: on two busy cores each compile cost a column
 * about as much as its work, issue 15).
 */
function summarizeBlock(
  values: Float64Array,
  start: number,
  end: number,
  low: number,
  scale: number,
  buckets: Int32Array,
  out: Float64Array,
): void {
  const counting = buckets.length > 0;
  const top = buckets.length - 1;
  let zeros = 0;
  let nonFinite = 0;
  let integer = out[INTEGER] === 1;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = start; i < end; i++) {
    const v = values[i];
    if (v - v === 0) {
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
      // Math.floor is one instruction (% is a call); the check stops at the first fraction.
      if (v === 0) zeros++;
      else if (integer && Math.floor(v) !== v) integer = false;
      if (counting) {
        let b = ((v - low) * scale) | 0;
        if (b > top) b = top;
        buckets[b]++;
      }
    } else nonFinite++;
  }
  out[SUM] = sum;
  out[MIN] = min;
  out[MAX] = max;
  out[ZEROS] += zeros;
  out[NON_FINITE] += nonFinite;
  out[INTEGER] = integer ? 1 : 0;
}

/**
 * Runs the column kernels once on a few values that take every path (zeros, fractions, integers, non-finite values,
 * a known range; the selection's paths, {@link primeSelection}): so that when they run hot on a column the optimizing
 * compiler sees every operation typed. Else each path met later (the first zero, the first integer column) throws
 * the optimized code away and compiles it again, which on two busy cores cost about as much as profiling a column
 * (issue 15). Under a millisecond; the results are discarded.
 */
function primeKernels(): void {
  // V8 records type feedback only once a function was called a few times (lazy feedback allocation): empty calls
  // first, then one call per path (more would make the priming itself hot enough to be compiled).
  for (let round = 0; round < FEEDBACK_CALLS; round++) {
    summarizeAll(Float64Array.of(0, 1, 2, 3), [0, 3]);
    summarizeAll(Float64Array.of(0.5, 0, -1.25, 2), [-1.25, 2]);
    summarizeAll(Float64Array.of(0.5, 0, NaN, Infinity, -1.25), undefined);
  }
  primeSelection();
}

primeKernels();

function exactNumeric(
  finite: Float64Array,
  min: number,
  max: number,
  integers: boolean,
  settings: StateSettings,
  buckets?: Int32Array,
): NumericExact {
  const bucketLevels = Array.from(
    { length: settings.quantileBuckets - 1 },
    (_, i) => (i + 1) / settings.quantileBuckets,
  );
  const levels = [...QUANTILE_LEVELS, ...bucketLevels];
  const histogram = profileEdges(min, max, settings.histogramBins);
  const width = uniformBins(histogram);
  // One selection gives the quantiles, the equal-width counts (in its first pass) and the counts below each
  // quantile edge, so neither histogram costs a pass of its own.
  const selection = quantileSelection(finite, min, max, levels, { width, buckets, integers });
  const values = selection.quantiles;
  const quantiles = values.slice(0, QUANTILE_LEVELS.length);
  const bucketEdges = [min, ...values.slice(QUANTILE_LEVELS.length), max];
  const widthCounts =
    selection.widthCounts !== undefined
      ? Array.from(selection.widthCounts)
      : countInBuckets(finite, histogram);
  return {
    quantiles,
    median: quantiles[QUANTILE_LEVELS.indexOf(0.5)],
    histogram: { edges: histogram, counts: widthCounts, method: "exact" },
    quantileHistogram: {
      edges: bucketEdges,
      counts: countsBetween(bucketEdges, finite.length, selection.countBelow),
      method: "exact",
    },
  };
}

/**
 * Counts per bucket [e_i, e_i+1) (the last closed) from the number of values below each inner edge: numpy.histogram
 * semantics, repeated edges included (a value goes to the last bucket whose lower edge is ≤ it).
 */
function countsBetween(edges: readonly number[], n: number, countBelow: (edge: number) => number): number[] {
  const buckets = edges.length - 1;
  if (buckets <= 0) return [n];
  const below = [0];
  for (let i = 1; i < buckets; i++) below.push(countBelow(edges[i]));
  below.push(n);
  const counts: number[] = [];
  for (let i = 0; i < buckets; i++) counts.push(below[i + 1] - below[i]);
  return counts;
}

function granularityOf(values: Float64Array): number {
  let finest = 0; // index into GRANULARITY_ORDER
  const step = Math.max(1, Math.floor(values.length / 100_000));
  for (let i = 0; i < values.length; i += step) {
    const v = values[i];
    let g: number;
    if (v % MS.second !== 0) g = 6;
    else if (v % MS.minute !== 0) g = 5;
    else if (v % MS.hour !== 0) g = 4;
    else if (v % MS.day !== 0) g = 3;
    else {
      const d = new Date(v);
      if (d.getUTCDate() !== 1) g = 2;
      else if (d.getUTCMonth() !== 0) g = 1;
      else g = 0;
    }
    if (g > finest) {
      finest = g;
      if (finest === 6) break;
    }
  }
  return finest;
}
