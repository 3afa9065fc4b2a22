/**
 * The report formats the views read, as the library declares them (docs/report-format.md). Type-only: these
 * imports vanish from the bundle.
 */
export type { ReportEnvelope } from "../../src/report/report.js";
export type { ProfileJSON } from "../../src/stats/profile.js";
export type { FeatureProfile, Histogram } from "../../src/stats/types.js";
export type { DriftJSON, FeatureDrift, SideSummary } from "../../src/drift/report.js";
export type {
  TimelineJSON,
  TimelineWindow,
  WindowFeature,
  Incident,
  Alarm,
} from "../../src/drift/timeline-report.js";
export type { AnomaliesJSON, Anomaly } from "../../src/schema/anomalies.js";
export type { ComparatorResult } from "../../src/schema/comparators.js";
export type { FairnessJSON, GroupingJSON, GroupJSON, MetricInfoJSON } from "../../src/fairness/types.js";
