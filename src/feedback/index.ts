/**
 * Process feedback: predictions joined with labels that arrive late, performance over time with alarms classified
 * sudden or gradual and linked to the features that changed, and how fast ground truth moves.
 *
 * `feedback.join(predictions, actuals, { key, time, labelTime })` → a {@link FeedbackJoin} (data + label report);
 * `feedback.performance(joined, { every, score })` → a {@link PerformanceReport}.
 */
import { join } from "./join.js";
import { performance } from "./performance.js";
import { createDetector, runDetector } from "./detectors.js";
import { simulateDeployment } from "./simulate.js";

/**
 * `join` (predictions + late labels), `performance` (the timeline), `simulateDeployment` (a seeded example),
 * `runDetector` / `createDetector` (the change detectors on any stream).
 */
export const feedback = { join, performance, simulateDeployment, runDetector, createDetector };

export { FeedbackJoin } from "./join.js";
export type { JoinOptions } from "./join.js";
export { LabelReport } from "./label-report.js";
export type { AgeBucket, LabelJSON, LabelListItem, MaturityCurve } from "../format/feedback.js";
export type { PerformanceOptions } from "./performance.js";
export { PerformanceReport } from "./performance-report.js";
export type { Deployment, DeploymentOptions } from "./simulate.js";
export {
  ADWIN,
  DDM,
  DETECTOR_DEFAULTS,
  DETECTOR_NAMES,
  EDDM,
  HDDMA,
  KSWIN,
  PageHinkley,
  createDetector,
  runDetector,
} from "./detectors.js";
export type { ChangeDetector, DetectorName, DetectorRun, DetectorStep } from "./detectors.js";
export type {
  Band,
  Detection,
  Estimation,
  FeatureLink,
  MetricName,
  MetricValue,
  PerformanceAlarm,
  PerformanceJSON,
  PerformanceWindow,
  Regime,
  WindowStatus,
} from "./types.js";
