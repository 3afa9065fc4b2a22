/** Fairness slices: per-group failure rates with uncertainty, disparities, intersections, and slice discovery. */

export { fairness, type FairnessOptions } from "./fairness.js";
export { FairnessReport } from "./report.js";
export { findSlices, SlicesReport, type FindSlicesOptions } from "./slices.js";
export {
  RATE_METRICS,
  REGRESSION_METRICS,
  type BuiltinMetricName,
  type CustomMetric,
  type RateMetricName,
  type RegressionMetricName,
} from "./metrics.js";
export type { Binning } from "./groups.js";
export type * from "../format/fairness.js";
