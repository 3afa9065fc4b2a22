import type { ProfileSettings } from "../../format/profile.js";

/** The settings of a profile (src/format/profile.ts): what every feature state is built with. Partitions must share them to merge. */
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
