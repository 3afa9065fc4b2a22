/**
 * The state of one feature in a profile: built from a column (by kind: state/numeric.ts, state/categorical.ts),
 * merged across partitions (state/merge.ts), turned into statistics (state/statistics.ts), saved as JSON
 * (state/json.ts). Histogram kernels are in state/histograms.ts.
 */
export { DEFAULT_STATE_SETTINGS, QUANTILE_LEVELS, type StateSettings } from "./state/settings.js";
export { LazyKll } from "./state/lazy-kll.js";
export type {
  BinnedCounts,
  BooleanState,
  CategoryState,
  FeatureState,
  NumericState,
  QuantileSummaryInfo,
} from "./state/types.js";
export { numericRankError } from "./state/types.js";
export { stateOfColumn } from "./state/build.js";
export { countInBuckets, equalWidthEdges } from "./state/histograms.js";
export { mergeStates } from "./state/merge.js";
export { featureProfileOf } from "./state/statistics.js";
export { stateFromJSON, stateToJSON, type FeatureStateJSON } from "./state/json.js";
