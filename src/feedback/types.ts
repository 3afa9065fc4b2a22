import type { MetricName } from "../format/feedback.js";

export type * from "../format/feedback.js";

export const CLASSIFICATION_METRICS: readonly MetricName[] = [
  "accuracy",
  "precision",
  "recall",
  "f1",
  "rocAuc",
  "logLoss",
  "brier",
  "ece",
];
export const REGRESSION_METRICS: readonly MetricName[] = ["mae", "rmse"];
/** Metrics where a larger value is worse. */
export const LOWER_IS_BETTER: ReadonlySet<MetricName> = new Set(["logLoss", "brier", "ece", "mae", "rmse"]);
/** Metrics bounded to [0, 1]. */
export const UNIT_METRICS: ReadonlySet<MetricName> = new Set([
  "accuracy",
  "precision",
  "recall",
  "f1",
  "rocAuc",
  "brier",
  "ece",
]);
