/** The JSON of the "profile" report kind: per-feature statistics (docs/report-format.md). Types and constants only. */
import type { ReportEnvelope } from "./envelope.js";

/**
 * The kind of a feature decides which statistics and which drift tests apply to it.
 * - `numeric`: numbers (integers or floats). Values in a Float64Array; NaN is a value (counted apart), not missing.
 * - `boolean`: true/false. Values 0/1 in a Uint8Array.
 * - `datetime`: instants, as milliseconds since the Unix epoch (UTC) in a Float64Array.
 * - `categorical`: a small set of labels. Dictionary codes in an Int32Array.
 * - `text`: free text (many distinct strings). Stored like categorical.
 */
export type FeatureKind = "numeric" | "categorical" | "boolean" | "datetime" | "text";

/** Every feature kind, in the order reports list them. */
export const FEATURE_KINDS: readonly FeatureKind[] = [
  "numeric",
  "categorical",
  "boolean",
  "datetime",
  "text",
];

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
  /**
   * The report's size cap left this column's distributions out (histograms, quantiles, rank histogram; top values
   * cut to 5); its summary statistics are kept (`omitted.sizeCap`).
   */
  summarized?: true;
  numeric?: NumericStats;
  categorical?: CategoricalStats;
  boolean?: BooleanStats;
  datetime?: DatetimeStats;
}

/** The settings a profile was built with; profiles merge only with equal settings. */
export interface ProfileSettings {
  /** Equal-width histogram buckets (TFDV: 10). */
  histogramBins: number;
  /** Equal-frequency buckets (TFDV: 10). */
  quantileBuckets: number;
  /** Top values listed (TFDV: 20). */
  topValues: number;
  /** Values kept in the rank histogram used by drift tests on categories (TFDV: 1000). */
  rankHistogramSize: number;
  /** Up to this many distinct values, category counts are kept exactly; beyond, heavy hitters + HyperLogLog. */
  exactCategoryLimit: number;
  /** Up to this many finite values per column, quantiles are exact; beyond, from the KLL sketch. */
  exactQuantileLimit: number;
  /** KLL parameter k. */
  kllK: number;
  /** HyperLogLog precision. */
  hllPrecision: number;
  /** Heavy-hitters capacity when counts are not exact. */
  heavyHittersCapacity: number;
}

/** A slice: the value of each slicing column (null for missing). */
export type SliceKey = Record<string, string | number | boolean | null>;

/** The profile of one slice of the data. */
export interface SliceProfileJSON {
  key: SliceKey;
  numRows: number;
  features: FeatureProfile[];
}

/** The profile report format (kind "profile", docs/report-format.md). */
export interface ProfileJSON extends ReportEnvelope {
  kind: "profile";
  source: string;
  numRows: number;
  features: FeatureProfile[];
  settings: ProfileSettings;
  slices?: SliceProfileJSON[];
}
