import type { FeatureKind } from "../../data/column.js";
import type {
  CategoricalStats,
  DatetimeStats,
  FeatureProfile,
  Histogram,
  NumericStats,
  ValueCount,
} from "../types.js";
import { byCountThenValue } from "./categorical.js";
import { profileEdges, sketchHistogram } from "./histograms.js";
import { QUANTILE_LEVELS, type StateSettings } from "./settings.js";
import {
  GRANULARITY_ORDER,
  numericRankError,
  type CategoryState,
  type FeatureState,
  type NumericState,
} from "./types.js";

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
    histogram = sketchHistogram(sketch, profileEdges(m.min, m.max, settings.histogramBins));
    const levels = Array.from(
      { length: settings.quantileBuckets - 1 },
      (_, i) => (i + 1) / settings.quantileBuckets,
    );
    quantileHistogram = sketchHistogram(sketch, [m.min, ...sketch.quantiles(levels), m.max]);
  }
  return {
    finiteCount: n,
    mean: empty ? NaN : m.mean,
    std: n > 1 ? m.sampleStd : NaN,
    stdPopulation: empty ? NaN : m.std,
    min: empty ? NaN : m.min,
    max: empty ? NaN : m.max,
    sum: m.sum,
    zeros: state.zeros,
    nan: state.nan,
    positiveInfinity: state.positiveInfinity,
    negativeInfinity: state.negativeInfinity,
    skewness: m.skewness, // scipy.stats.skew: 0 for [0, 1]; NaN only when empty or constant
    kurtosis: m.kurtosis, // scipy.stats.kurtosis: −2 for [0, 1]
    integer: state.integer,
    median,
    quantiles: QUANTILE_LEVELS.map((q, i) => ({ q, value: quantiles[i] })),
    quantileMethod: state.exact !== undefined || empty ? "exact" : "sketch",
    quantileRankError:
      state.exact !== undefined || empty
        ? 0
        : state.summary !== undefined
          ? numericRankError(state, false)
          : state.kll.sketch.normalizedRankError(),
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
  else histogram = sketchHistogram(state.kll.sketch, profileEdges(m.min, m.max, settings.histogramBins));
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
  let uniqueExact = true;
  let countsErrorBound = 0;
  if (state.counts !== undefined) {
    ranked = [...state.counts].map(([value, count]) => ({ value, count }));
    unique = state.counts.size;
    exact = true;
  } else if (state.exactTop !== undefined) {
    ranked = state.exactTop.ranked.slice();
    unique = state.exactTop.unique;
    exact = true;
  } else {
    ranked = state.heavy!.top(settings.rankHistogramSize).map((t) => ({ value: t.value, count: t.count }));
    // An estimate of distinct values cannot exceed the values there are (HyperLogLog's error can make it).
    unique = Math.min(Math.round(state.hll!.estimate()), present);
    uniqueRelativeError = state.hll!.relativeError;
    uniqueExact = false;
    exact = state.heavy!.exact;
    countsErrorBound = state.heavy!.errorBound;
  }
  ranked.sort(byCountThenValue);
  const rankHistogram = ranked.slice(0, settings.rankHistogramSize);
  const stats: CategoricalStats = {
    unique,
    uniqueMethod: uniqueExact ? "exact" : "sketch",
    uniqueRelativeError,
    top: rankHistogram.slice(0, settings.topValues),
    rankHistogram,
    countsExact: exact,
    averageLength: present === 0 ? NaN : state.totalLength / present,
    minLength: present === 0 ? NaN : state.minLength,
    maxLength: present === 0 ? NaN : state.maxLength,
  };
  if (!exact) stats.countsErrorBound = countsErrorBound;
  return stats;
}
