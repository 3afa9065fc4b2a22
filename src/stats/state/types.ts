import type { ValueCount } from "../../format/profile.js";
import type { HeavyHitters, HyperLogLog, Moments } from "../../sketch/index.js";
import type { Histogram, TimeGranularity } from "../types.js";
import type { LazyKll } from "./lazy-kll.js";

/** Time granularities from coarsest to finest; a datetime state keeps the index of the finest seen. */
export const GRANULARITY_ORDER: TimeGranularity[] = [
  "year",
  "month",
  "day",
  "hour",
  "minute",
  "second",
  "millisecond",
];

/** What exact extras a state computed from all values carries (dropped on merge). */
export interface NumericExact {
  quantiles: number[];
  median: number;
  histogram: Histogram;
  quantileHistogram: Histogram;
}

export interface NumericState {
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

export interface CategoryState {
  kind: "categorical" | "text";
  count: number;
  missing: number;
  /** Exact counts when distinct values ≤ exactCategoryLimit, else undefined. */
  counts?: Map<string, number>;
  heavy?: HeavyHitters;
  hll?: HyperLogLog;
  /**
   * When the counts were sketched from one in-memory column (whose exact counts were at hand): the exact most
   * frequent values and distinct count, so that the profile of that column says exact numbers. Dropped on merge.
   */
  exactTop?: { ranked: ValueCount[]; unique: number };
  totalLength: number;
  minLength: number;
  maxLength: number;
}

export interface BooleanState {
  kind: "boolean";
  count: number;
  missing: number;
  trueCount: number;
}

export type FeatureState = NumericState | CategoryState | BooleanState;
