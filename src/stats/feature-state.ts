import type { CategoricalColumn, Column, FeatureKind } from "../data/column.js";
import { DriftlabError } from "../errors.js";
import { HeavyHitters, HyperLogLog, KllSketch, Moments } from "../sketch/index.js";
import type { ProfileSettings } from "../format/profile.js";
import { exactQuantiles } from "./exact-quantiles.js";
import type {
  CategoricalStats,
  DatetimeStats,
  FeatureProfile,
  Histogram,
  NumericStats,
  TimeGranularity,
  ValueCount,
} from "./types.js";

/** Settings that decide what a feature state keeps. Partitions must share them to merge. */
/** The settings of a profile (src/format/profile.ts): what every feature state is built with. */
export type StateSettings = ProfileSettings;

export const DEFAULT_STATE_SETTINGS: StateSettings = {
  histogramBins: 10,
  quantileBuckets: 10,
  topValues: 20,
  rankHistogramSize: 1000,
  exactCategoryLimit: 10_000,
  exactQuantileLimit: 50_000_000,
  kllK: 200,
  hllPrecision: 14,
  heavyHittersCapacity: 2048,
};

/** Quantile levels every numeric profile reports. */
export const QUANTILE_LEVELS = [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99];

/**
 * The KLL sketch of a numeric feature, built on first use from the values it was given. An in-memory profile with
 * exact quantiles needs no sketch until it is merged, saved (`toState`) or compared from its sketches, so it pays
 * for one only then. Until then it keeps a reference to the finite values it profiled (no copy when the column had
 * no missing or non-finite values: do not modify a column's array after profiling it, or build the sketches at once
 * with `profile(data, { sketches: "eager" })`).
 */
export class LazyKll {
  readonly k: number;
  #sketch: KllSketch | undefined;
  #values: Float64Array | undefined;

  constructor(k: number, source: Float64Array | KllSketch) {
    this.k = k;
    if (source instanceof KllSketch) this.#sketch = source;
    else this.#values = source;
  }

  get sketch(): KllSketch {
    if (this.#sketch === undefined) {
      this.#sketch = new KllSketch({ k: this.k }).addArray(this.#values!);
      this.#values = undefined;
    }
    return this.#sketch;
  }
}

const MS = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const GRANULARITY_ORDER: TimeGranularity[] = [
  "year",
  "month",
  "day",
  "hour",
  "minute",
  "second",
  "millisecond",
];

/** What exact extras a state computed from all values carries (dropped on merge). */
interface NumericExact {
  quantiles: number[];
  median: number;
  histogram: Histogram;
  quantileHistogram: Histogram;
}

interface NumericState {
  kind: "numeric" | "datetime";
  count: number;
  missing: number;
  zeros: number;
  nan: number;
  positiveInfinity: number;
  negativeInfinity: number;
  integer: boolean;
  /** Finest time granularity index (datetime only). */
  granularity: number;
  moments: Moments;
  kll: LazyKll;
  exact?: NumericExact;
}

interface CategoryState {
  kind: "categorical" | "text";
  count: number;
  missing: number;
  /** Exact counts when distinct values ≤ exactCategoryLimit, else undefined. */
  counts?: Map<string, number>;
  heavy?: HeavyHitters;
  hll?: HyperLogLog;
  totalLength: number;
  minLength: number;
  maxLength: number;
}

interface BooleanState {
  kind: "boolean";
  count: number;
  missing: number;
  trueCount: number;
}

export type FeatureState = NumericState | CategoryState | BooleanState;

function missingIn(column: Column): number {
  const valid = column.valid;
  if (valid === null) return 0;
  let present = 0;
  for (let i = 0; i < valid.length; i++) present += valid[i];
  return column.length - present;
}

/** Summarizes one column into a mergeable state, with exact quantiles and histograms when small enough. */
export function stateOfColumn(column: Column, settings: StateSettings, eagerSketches = false): FeatureState {
  switch (column.kind) {
    case "numeric":
    case "datetime":
      return numericStateOf(column.kind, column.values, column.valid, settings, eagerSketches);
    case "boolean": {
      const valid = column.valid;
      let trueCount = 0;
      for (let i = 0; i < column.length; i++) {
        if (valid === null || valid[i] === 1) trueCount += column.values[i];
      }
      return { kind: "boolean", count: column.length, missing: missingIn(column), trueCount };
    }
    case "categorical":
    case "text":
      return categoryStateOf(column, settings);
  }
}

function numericStateOf(
  kind: "numeric" | "datetime",
  values: Float64Array,
  valid: Uint8Array | null,
  settings: StateSettings,
  eagerSketches: boolean,
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
  for (let i = 0; i < n; i++) {
    if (valid !== null && valid[i] === 0) {
      missing++;
      continue;
    }
    const v = values[i];
    if (v - v === 0) {
      if (v === 0) zeros++;
      else if (integer && v % 1 !== 0) integer = false;
    } else nonFinite++;
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
  const moments = new Moments();
  moments.addArray(finite);
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
    state.exact = exactNumeric(
      finite === values ? values.slice() : finite,
      moments.min,
      moments.max,
      settings,
    );
  }
  return state;
}

function exactNumeric(finite: Float64Array, min: number, max: number, settings: StateSettings): NumericExact {
  const bucketLevels = Array.from(
    { length: settings.quantileBuckets - 1 },
    (_, i) => (i + 1) / settings.quantileBuckets,
  );
  const levels = [...QUANTILE_LEVELS, ...bucketLevels];
  const values = exactQuantiles(finite, levels);
  const quantiles = values.slice(0, QUANTILE_LEVELS.length);
  const bucketEdges = [min, ...values.slice(QUANTILE_LEVELS.length), max];
  const histogram = equalWidthEdges(min, max, settings.histogramBins);
  return {
    quantiles,
    median: quantiles[QUANTILE_LEVELS.indexOf(0.5)],
    ...fusedHistograms(finite, histogram, bucketEdges),
  };
}

const GRID = 2048;

/**
 * For uneven edges: the bucket of the grid cell each value falls in, so that finding a value's bucket is one
 * multiplication and a short forward scan instead of a branchy binary search (which mispredicts on random data).
 */
function bucketGrid(edges: Float64Array): Int32Array {
  const buckets = edges.length - 1;
  const lo = edges[0];
  const width = (edges[buckets] - lo) / GRID;
  const grid = new Int32Array(GRID + 1);
  let b = 0;
  for (let c = 0; c <= GRID; c++) {
    const start = lo + c * width;
    while (b < buckets - 1 && edges[b + 1] <= start) b++;
    grid[c] = b;
  }
  return grid;
}

/**
 * The equal-width and the equal-frequency histogram in one pass (numpy.histogram semantics for both: buckets
 * [e_i, e_i+1), the last closed).
 */
function fusedHistograms(
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
  const scale = wb / (hi - lo);
  const qlo = q[0];
  const qhi = q[qb];
  const grid = bucketGrid(q);
  const gridScale = qhi > qlo ? GRID / (qhi - qlo) : 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v >= lo && v <= hi) {
      let b = ((v - lo) * scale) | 0;
      if (b >= wb) b = wb - 1;
      if (v < w[b]) b--;
      else if (b < wb - 1 && v >= w[b + 1]) b++;
      wc[b]++;
    }
    if (v >= qlo && v <= qhi) {
      let c = ((v - qlo) * gridScale) | 0;
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

/** `bins` equal-width edges from min to max (one bucket of width 0 collapses to [min, max]). */
export function equalWidthEdges(min: number, max: number, bins: number): number[] {
  if (!(max > min)) return [min, max];
  const edges = new Array<number>(bins + 1);
  const width = (max - min) / bins;
  for (let i = 0; i <= bins; i++) edges[i] = min + width * i;
  edges[bins] = max;
  return edges;
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
  const scale = uniform ? buckets / (hi - lo) : 0;
  const last = buckets - 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo || v > hi) continue;
    let b: number;
    if (uniform) {
      b = ((v - lo) * scale) | 0;
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

function isUniform(edges: readonly number[]): boolean {
  const buckets = edges.length - 1;
  const width = (edges[buckets] - edges[0]) / buckets;
  if (!(width > 0)) return false;
  for (let i = 1; i < buckets; i++) {
    if (Math.abs(edges[i] - (edges[0] + width * i)) > width * 1e-9) return false;
  }
  return true;
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

function categoryStateOf(column: CategoricalColumn, settings: StateSettings): CategoryState {
  const dictionary = column.dictionary;
  const codeCounts = new Float64Array(dictionary.length);
  const codes = column.codes;
  let missing = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c < 0) missing++;
    else codeCounts[c]++;
  }
  // Dictionaries may hold duplicate labels (after concatenation): count by label.
  let totalLength = 0;
  let minLength = Infinity;
  let maxLength = 0;
  const counts = new Map<string, number>();
  for (let c = 0; c < dictionary.length; c++) {
    const k = codeCounts[c];
    if (k === 0) continue;
    const label = dictionary[c];
    counts.set(label, (counts.get(label) ?? 0) + k);
    const length = label.length;
    totalLength += length * k;
    if (length < minLength) minLength = length;
    if (length > maxLength) maxLength = length;
  }
  const state: CategoryState = {
    kind: column.kind,
    count: codes.length,
    missing,
    totalLength,
    minLength,
    maxLength,
  };
  if (counts.size <= settings.exactCategoryLimit) state.counts = counts;
  else sketchCategories(state, counts, settings);
  return state;
}

function sketchCategories(state: CategoryState, counts: Map<string, number>, settings: StateSettings): void {
  const heavy = new HeavyHitters({ capacity: settings.heavyHittersCapacity });
  const hll = new HyperLogLog({ precision: settings.hllPrecision });
  for (const [label, count] of counts) {
    heavy.add(label, count);
    hll.add(label);
  }
  state.counts = undefined;
  state.heavy = heavy;
  state.hll = hll;
}

/**
 * Merges states of the same feature from partitions. Counts, moments, min/max and exact category tables merge
 * exactly; quantiles and histograms of the result come from the merged KLL sketch.
 */
export function mergeStates(
  name: string,
  states: readonly FeatureState[],
  settings: StateSettings,
): FeatureState {
  const kind = states[0].kind;
  for (const s of states) {
    if (s.kind !== kind) {
      throw new DriftlabError(
        "INCOMPATIBLE_MERGE",
        `Feature "${name}" is ${kind} in one profile and ${s.kind} in another. Give it the same kind in every partition (options.kinds).`,
        { subject: name },
      );
    }
  }
  if (states.length === 1) return states[0];
  switch (kind) {
    case "numeric":
    case "datetime": {
      const all = states as NumericState[];
      const moments = new Moments();
      const kll = new KllSketch({ k: settings.kllK });
      const merged: NumericState = {
        kind,
        count: 0,
        missing: 0,
        zeros: 0,
        nan: 0,
        positiveInfinity: 0,
        negativeInfinity: 0,
        integer: true,
        granularity: 0,
        moments,
        kll: new LazyKll(settings.kllK, kll),
      };
      for (const s of all) {
        merged.count += s.count;
        merged.missing += s.missing;
        merged.zeros += s.zeros;
        merged.nan += s.nan;
        merged.positiveInfinity += s.positiveInfinity;
        merged.negativeInfinity += s.negativeInfinity;
        merged.integer &&= s.integer;
        merged.granularity = Math.max(merged.granularity, s.granularity);
        moments.merge(s.moments);
        kll.merge(s.kll.sketch);
      }
      return merged;
    }
    case "boolean": {
      const all = states as BooleanState[];
      return {
        kind,
        count: all.reduce((t, s) => t + s.count, 0),
        missing: all.reduce((t, s) => t + s.missing, 0),
        trueCount: all.reduce((t, s) => t + s.trueCount, 0),
      };
    }
    case "categorical":
    case "text": {
      const all = states as CategoryState[];
      const merged: CategoryState = {
        kind,
        count: 0,
        missing: 0,
        totalLength: 0,
        minLength: Infinity,
        maxLength: 0,
        counts: new Map(),
      };
      for (const s of all) {
        merged.count += s.count;
        merged.missing += s.missing;
        merged.totalLength += s.totalLength;
        merged.minLength = Math.min(merged.minLength, s.minLength);
        merged.maxLength = Math.max(merged.maxLength, s.maxLength);
      }
      if (all.every((s) => s.counts !== undefined)) {
        const counts = merged.counts!;
        for (const s of all)
          for (const [label, k] of s.counts!) counts.set(label, (counts.get(label) ?? 0) + k);
        if (counts.size > settings.exactCategoryLimit) sketchCategories(merged, counts, settings);
        return merged;
      }
      merged.counts = undefined;
      const heavy = new HeavyHitters({ capacity: settings.heavyHittersCapacity });
      const hll = new HyperLogLog({ precision: settings.hllPrecision });
      for (const s of all) {
        if (s.counts !== undefined) {
          for (const [label, k] of s.counts) {
            heavy.add(label, k);
            hll.add(label);
          }
        } else {
          heavy.merge(s.heavy!);
          hll.merge(s.hll!);
        }
      }
      merged.heavy = heavy;
      merged.hll = hll;
      return merged;
    }
  }
}

/** Turns a state into the statistics a profile report shows. */
export function featureProfileOf(name: string, state: FeatureState, settings: StateSettings): FeatureProfile {
  const profile: FeatureProfile = {
    name,
    kind: state.kind as FeatureKind,
    count: state.count,
    missing: state.missing,
    missingFraction: state.count === 0 ? 0 : state.missing / state.count,
  };
  switch (state.kind) {
    case "numeric":
      profile.numeric = numericStatsOf(state, settings);
      break;
    case "datetime":
      profile.datetime = datetimeStatsOf(state, settings);
      break;
    case "boolean": {
      const present = state.count - state.missing;
      profile.boolean = {
        trueCount: state.trueCount,
        falseCount: present - state.trueCount,
        trueFraction: present === 0 ? NaN : state.trueCount / present,
      };
      break;
    }
    case "categorical":
    case "text":
      profile.categorical = categoricalStatsOf(state, settings);
      break;
  }
  return profile;
}

function sketchHistogram(kll: KllSketch, edges: number[]): Histogram {
  const n = kll.n;
  if (edges.length < 2 || n === 0) return { edges, counts: [n], method: "sketch" };
  const inner = edges.slice(1, -1);
  const cdf = inner.length > 0 ? kll.cdf(inner) : [];
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

function numericStatsOf(state: NumericState, settings: StateSettings): NumericStats {
  const m = state.moments;
  const n = m.count;
  const empty = n === 0;
  let quantiles: number[];
  let median: number;
  let histogram: Histogram;
  let quantileHistogram: Histogram;
  if (state.exact !== undefined) {
    ({ quantiles, median, histogram, quantileHistogram } = state.exact);
  } else if (empty) {
    quantiles = QUANTILE_LEVELS.map(() => NaN);
    median = NaN;
    histogram = { edges: [], counts: [], method: "exact" };
    quantileHistogram = { edges: [], counts: [], method: "exact" };
  } else {
    const sketch = state.kll.sketch;
    quantiles = sketch.quantiles(QUANTILE_LEVELS);
    median = sketch.quantile(0.5);
    histogram = sketchHistogram(sketch, equalWidthEdges(m.min, m.max, settings.histogramBins));
    const levels = Array.from(
      { length: settings.quantileBuckets - 1 },
      (_, i) => (i + 1) / settings.quantileBuckets,
    );
    quantileHistogram = sketchHistogram(sketch, [m.min, ...sketch.quantiles(levels), m.max]);
  }
  return {
    finiteCount: n,
    mean: empty ? NaN : m.mean,
    std: n > 1 ? Math.sqrt(m.sampleVariance) : NaN,
    stdPopulation: empty ? NaN : Math.sqrt(m.variance),
    min: empty ? NaN : m.min,
    max: empty ? NaN : m.max,
    sum: m.sum,
    zeros: state.zeros,
    nan: state.nan,
    positiveInfinity: state.positiveInfinity,
    negativeInfinity: state.negativeInfinity,
    skewness: n > 2 ? m.skewness : NaN,
    kurtosis: n > 3 ? m.kurtosis : NaN,
    integer: state.integer,
    median,
    quantiles: QUANTILE_LEVELS.map((q, i) => ({ q, value: quantiles[i] })),
    quantileMethod: state.exact !== undefined || empty ? "exact" : "sketch",
    quantileRankError: state.exact !== undefined || empty ? 0 : state.kll.sketch.normalizedRankError(),
    histogram,
    quantileHistogram,
  };
}

function datetimeStatsOf(state: NumericState, settings: StateSettings): DatetimeStats {
  const m = state.moments;
  const empty = m.count === 0;
  let histogram: Histogram;
  if (empty) histogram = { edges: [], counts: [], method: "exact" };
  else if (state.exact !== undefined) histogram = state.exact.histogram;
  else histogram = sketchHistogram(state.kll.sketch, equalWidthEdges(m.min, m.max, settings.histogramBins));
  return {
    min: empty ? "" : new Date(m.min).toISOString(),
    max: empty ? "" : new Date(m.max).toISOString(),
    granularity: GRANULARITY_ORDER[state.granularity],
    histogram,
  };
}

function categoricalStatsOf(state: CategoryState, settings: StateSettings): CategoricalStats {
  const present = state.count - state.missing;
  let ranked: ValueCount[];
  let unique: number;
  let exact: boolean;
  let uniqueRelativeError = 0;
  if (state.counts !== undefined) {
    ranked = [...state.counts].map(([value, count]) => ({ value, count }));
    unique = state.counts.size;
    exact = true;
  } else {
    ranked = state.heavy!.top(settings.rankHistogramSize).map((t) => ({ value: t.value, count: t.count }));
    unique = Math.round(state.hll!.estimate());
    uniqueRelativeError = state.hll!.relativeError;
    exact = false;
  }
  ranked.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  const rankHistogram = ranked.slice(0, settings.rankHistogramSize);
  return {
    unique,
    uniqueMethod: exact ? "exact" : "sketch",
    uniqueRelativeError,
    top: rankHistogram.slice(0, settings.topValues),
    rankHistogram,
    countsExact: exact,
    averageLength: present === 0 ? NaN : state.totalLength / present,
    minLength: present === 0 ? NaN : state.minLength,
    maxLength: present === 0 ? NaN : state.maxLength,
  };
}

/** A feature state as JSON (sketches included), for saving a profile and merging it later. */
export type FeatureStateJSON = Record<string, unknown> & { kind: FeatureKind };

export function stateToJSON(state: FeatureState): FeatureStateJSON {
  switch (state.kind) {
    case "numeric":
    case "datetime": {
      const { moments, kll, exact: _exact, ...rest } = state;
      return { ...rest, moments: moments.toJSON(), kll: kll.sketch.toJSON() };
    }
    case "boolean":
      return { ...state };
    case "categorical":
    case "text": {
      const { counts, heavy, hll, ...rest } = state;
      return {
        ...rest,
        minLength: Number.isFinite(rest.minLength) ? rest.minLength : null,
        counts: counts === undefined ? undefined : [...counts],
        heavy: heavy?.toJSON(),
        hll: hll?.toJSON(),
      };
    }
  }
}

export function stateFromJSON(name: string, json: FeatureStateJSON): FeatureState {
  const bad = (what: string) =>
    new DriftlabError(
      "INVALID_SKETCH",
      `Saved profile: feature "${name}" has ${what}. The file is damaged or not a driftlab profile.`,
      {
        subject: name,
      },
    );
  const num = (key: string): number => {
    const v = json[key];
    if (typeof v !== "number") throw bad(`no number "${key}"`);
    return v;
  };
  switch (json.kind) {
    case "numeric":
    case "datetime":
      return {
        kind: json.kind,
        count: num("count"),
        missing: num("missing"),
        zeros: num("zeros"),
        nan: num("nan"),
        positiveInfinity: num("positiveInfinity"),
        negativeInfinity: num("negativeInfinity"),
        integer: json.integer === true,
        granularity: num("granularity"),
        moments: Moments.fromJSON(json.moments as Parameters<typeof Moments.fromJSON>[0]),
        kll: (() => {
          const sketch = KllSketch.fromJSON(json.kll as Parameters<typeof KllSketch.fromJSON>[0]);
          return new LazyKll(sketch.k, sketch);
        })(),
      };
    case "boolean":
      return { kind: "boolean", count: num("count"), missing: num("missing"), trueCount: num("trueCount") };
    case "categorical":
    case "text": {
      const counts = json.counts;
      if (counts !== undefined && !Array.isArray(counts)) throw bad("malformed counts");
      return {
        kind: json.kind,
        count: num("count"),
        missing: num("missing"),
        totalLength: num("totalLength"),
        minLength: typeof json.minLength === "number" ? json.minLength : Infinity,
        maxLength: num("maxLength"),
        counts: counts === undefined ? undefined : new Map(counts as [string, number][]),
        heavy:
          json.heavy === undefined
            ? undefined
            : HeavyHitters.fromJSON(json.heavy as Parameters<typeof HeavyHitters.fromJSON>[0]),
        hll:
          json.hll === undefined
            ? undefined
            : HyperLogLog.fromJSON(json.hll as Parameters<typeof HyperLogLog.fromJSON>[0]),
      };
    }
    default:
      throw bad(`unknown kind "${String(json.kind)}"`);
  }
}
