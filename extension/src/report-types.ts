/**
 * The report formats the views read, as the library declares them (docs/report-format.md). Type-only: these
 * imports vanish from the bundle. The paths reach the library's build output (run `npm run build` at the root first).
 */
export type { ReportEnvelope } from "../../dist/report/report.js";
export type { ProfileJSON } from "../../dist/stats/profile.js";
export type { FeatureProfile, Histogram } from "../../dist/stats/types.js";
export type { DriftJSON, FeatureDrift, SideSummary } from "../../dist/drift/report.js";
export type {
  TimelineJSON,
  TimelineWindow,
  WindowFeature,
  Incident,
  Alarm,
} from "../../dist/drift/timeline-report.js";
export type { AnomaliesJSON, Anomaly } from "../../dist/schema/anomalies.js";
export type { ComparatorResult } from "../../dist/schema/comparators.js";
export type { FairnessJSON, GroupingJSON, GroupJSON, MetricInfoJSON } from "../../dist/fairness/types.js";
export type { LabelJSON, MetricName, PerformanceAlarm, PerformanceJSON } from "../../dist/format/feedback.js";
