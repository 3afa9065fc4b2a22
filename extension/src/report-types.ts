/**
 * The report formats the views read: the library's report format layer (src/format/, docs/report-format.md), the
 * one definition the JSON Schema is generated from. Type-only: these imports vanish from the bundle.
 */
export type {
  AnomaliesJSON,
  Anomaly,
  ComparatorResult,
  DriftJSON,
  FairnessJSON,
  FeatureDrift,
  FeatureProfile,
  GroupingJSON,
  GroupJSON,
  Histogram,
  Incident,
  Alarm,
  LabelJSON,
  MetricName,
  PerformanceAlarm,
  PerformanceJSON,
  MetricInfoJSON,
  ProfileJSON,
  ReportEnvelope,
  SideSummary,
  TimelineJSON,
  TimelineWindow,
  WindowFeature,
} from "../../src/format/index.js";
