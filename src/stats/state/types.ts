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
  /**
   * Present when the sketch was built from a quantile summary instead of from the values (an engine's pushdown,
   * src/sources/): `rankError` is that summary's deterministic rank-error bound against the data (every point of
   * the CDF at once), `compacted` says whether the sketch was compacted since (a merge), which adds the KLL bound.
   * See {@link numericRankError}.
   */
  summary?: QuantileSummaryInfo;
  /**
   * Exact counts of the finite values on given edges, computed by an engine for a drift on agreed edges
   * (src/sources/analyses.ts); binned drift methods use them instead of the sketch's CDF. Dropped on merge.
   */
  binned?: BinnedCounts[];
}

/** Exact counts on edges ([e_i, e_i+1), the last closed; values outside not counted). */
export interface BinnedCounts {
  edges: number[];
  counts: number[];
}

/** How a sketch built from an engine's quantile summary relates to the data (see NumericState.summary). */
export interface QuantileSummaryInfo {
  rankError: number;
  compacted: boolean;
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

/**
 * The normalized rank error of a numeric state's quantile sketch against its data: `pmf` for all points of a CDF at
 * once (what KS uses), else for one quantile query. 0 while the sketch holds every value; the KLL bound after
 * compaction; for a sketch built from an engine's summary, the summary's bound plus, once compacted by a merge, the
 * KLL bound.
 */
export function numericRankError(state: NumericState, pmf: boolean): number {
  const sketch = state.kll.sketch;
  if (state.summary === undefined) return sketch.exact ? 0 : sketch.normalizedRankError(pmf);
  return state.summary.rankError + (state.summary.compacted ? sketch.normalizedRankError(pmf) : 0);
}
