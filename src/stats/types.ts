import type { FeatureKind } from "../data/column.js";

/** How a statistic was obtained: `exact` from all values, `sketch` from a mergeable summary (with a bound). */
export type Exactness = "exact" | "sketch";

export interface Histogram {
  /** Bucket boundaries, length = counts.length + 1. Buckets are [edge_i, edge_i+1), the last one closed. */
  edges: number[];
  counts: number[];
  method: Exactness;
}

export interface QuantileValue {
  q: number;
  value: number;
}

export interface NumericStats {
  /** Finite values (present, not NaN, not ±Infinity): the moments, quantiles and histograms are over these. */
  finiteCount: number;
  mean: number;
  /** Sample standard deviation (ddof = 1, as pandas.describe); `stdPopulation` is ddof = 0 (as TFDV). */
  std: number;
  stdPopulation: number;
  min: number;
  max: number;
  sum: number;
  zeros: number;
  nan: number;
  positiveInfinity: number;
  negativeInfinity: number;
  skewness: number;
  /** Excess kurtosis (0 for a normal distribution). */
  kurtosis: number;
  /** Every finite value is an integer. */
  integer: boolean;
  median: number;
  quantiles: QuantileValue[];
  quantileMethod: Exactness;
  /** Bound on the normalized rank error of the quantiles (0 when exact). */
  quantileRankError: number;
  /** Equal-width histogram between min and max (TFDV's STANDARD histogram). */
  histogram: Histogram;
  /** Equal-frequency buckets (TFDV's QUANTILES histogram). */
  quantileHistogram: Histogram;
}

export interface ValueCount {
  /** The value; in report JSON at most 200 characters, longer values cut and ending with "…". */
  value: string;
  count: number;
  /** Full length in characters when `value` was cut for the report. */
  length?: number;
}

export interface CategoricalStats {
  /** Number of distinct present values. */
  unique: number;
  uniqueMethod: Exactness;
  /** Relative standard error of `unique` (0 when exact). */
  uniqueRelativeError: number;
  /** Most frequent values, by count then value. */
  top: ValueCount[];
  /**
   * Frequencies of the most frequent values, up to the profile's `rankHistogramSize` (TFDV's rank histogram,
   * 1000 by default): what drift tests on categories use. `countsExact` tells whether counts are exact.
   */
  rankHistogram: ValueCount[];
  /** True when every listed count is exact; false when they come from a Misra–Gries summary (merged profiles). */
  countsExact: boolean;
  /**
   * When counts are not exact: the Misra–Gries error bound. Every listed count is an undercount by at most this
   * (the true count is in [count, count + countsErrorBound]), and a value not listed occurs at most this often.
   */
  countsErrorBound?: number;
  /** Length in characters (UTF-16 code units) of present values. */
  averageLength: number;
  minLength: number;
  maxLength: number;
}

export interface BooleanStats {
  trueCount: number;
  falseCount: number;
  trueFraction: number;
}

export type TimeGranularity = "year" | "month" | "day" | "hour" | "minute" | "second" | "millisecond";

export interface DatetimeStats {
  /** ISO 8601 instants. */
  min: string;
  max: string;
  /** The coarsest unit every value is a whole multiple of (values at midnight: "day"). */
  granularity: TimeGranularity;
  /** Equal-width histogram over time; edges in milliseconds since the epoch. */
  histogram: Histogram;
}

export interface FeatureProfile {
  name: string;
  kind: FeatureKind;
  /** Rows, present or not. */
  count: number;
  /** Rows where the value is missing (null). */
  missing: number;
  missingFraction: number;
  numeric?: NumericStats;
  categorical?: CategoricalStats;
  boolean?: BooleanStats;
  datetime?: DatetimeStats;
}
