/** Settings that decide what a feature state keeps. Partitions must share them to merge. */
export interface StateSettings {
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
