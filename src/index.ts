/**
 * driftlab: data validation for production ML from notebooks.
 *
 * Inputs → `read`, `toDataset`; statistics → `profile`; drift → `drift`, `drift.overTime`; reports show themselves
 * in Jupyter (`Symbol.for("Jupyter.display")`), as pages (`toHTML()`), as JSON (`toJSON()`) and as text.
 */
import "./presenters/index.js";

export { DriftlabError } from "./errors.js";
export type { DriftlabErrorCode } from "./errors.js";

export { Dataset } from "./data/column.js";
export type {
  BooleanColumn,
  CategoricalColumn,
  Column,
  DatetimeColumn,
  FeatureKind,
  NumericColumn,
} from "./data/column.js";
export {
  fromArrow,
  fromColumns,
  fromDanfo,
  fromRecords,
  inferKinds,
  read,
  toDataset,
  withKinds,
} from "./data/index.js";
export type { DatasetInput, DatasetOptions, ReadOptions } from "./data/index.js";
export { readBatches, recordBatches, type BatchReadOptions, type BatchSource } from "./data/batches.js";

export { HeavyHitters, HyperLogLog, KllSketch, Moments, EqualWidthHistogram } from "./sketch/index.js";

export { Profile, profile } from "./stats/profile.js";
export type {
  ArrowRecordBatchLike,
  BatchInput,
  ProfileJSON,
  ProfileOptions,
  ProfileStateJSON,
} from "./stats/profile.js";
export type {
  FeatureProfile,
  NumericStats,
  CategoricalStats,
  DatetimeStats,
  BooleanStats,
} from "./stats/types.js";

export { drift } from "./drift/index.js";
// Sources (issue 16): data where it lives, analysed by SQL in its engine (docs/scale.md).
export {
  duckdb,
  duckdbDialect,
  isSource,
  sql,
  SqlSource,
  sqlSource,
  standardDialect,
  type DuckDBSourceOptions,
  type Source,
  type SourceColumn,
  type SourceProfileOptions,
  type SqlDialect,
  type SqlEngine,
  type SqlRow,
  type SqlTable,
  type SqlValue,
} from "./sources/index.js";
export {
  clickhouse,
  clickhouseDialect,
  type ClickHouseConnectionOptions,
  type ClickHouseSourceOptions,
} from "./sources/index.js";
export type { DriftInput, DriftOptions, Correction } from "./drift/drift.js";
export type { IncidentThresholds, TimelineOptions } from "./drift/timeline.js";
export type { DriftJSON, FeatureDrift } from "./drift/report.js";
export { DriftReport } from "./drift/report.js";
export { METHODS as DRIFT_METHODS } from "./drift/methods.js";
export type { DriftMethod } from "./drift/methods.js";

export * as measures from "./measures/index.js";

export {
  Report,
  JUPYTER_DISPLAY,
  REPORT_MIME_TYPE,
  VEGA_LITE_MIME_TYPE,
  mimeBundleOf,
} from "./report/report.js";
export type { MimeBundle, ReportEnvelope } from "./report/report.js";
export { registerPresenter, presenterFor } from "./report/presenters.js";
export { DEFAULT_MIN_COUNT, shareableReport } from "./report/privacy.js";
export type { PrivacyOptions } from "./report/privacy.js";
export { capReportSize, DEFAULT_MAX_REPORT_BYTES } from "./report/size.js";
export type { ReportSizeOptions } from "./report/size.js";
export type { Presenter, VegaLiteSpec } from "./report/presenters.js";
export {
  CORRECTIONS,
  DEFAULT_ALPHA,
  DEFAULT_CORRECTION,
  INCIDENT_CODES,
  REPORT_FORMAT_VERSION,
  VERDICT_STATUSES,
} from "./format/index.js";
export type {
  AnalysisOptions,
  DriftlabReportJSON,
  FeatureSelection,
  GroupsOption,
  MinSizeOption,
  ProgressCallback,
  ReportJSONByKind,
  ReportJSONOf,
  ReportKind,
  ReportOptions,
  SignificanceOptions,
  Verdict,
  VerdictStatus,
} from "./format/index.js";
export { TimelineReport } from "./drift/timeline-report.js";
export type { Incident, IncidentCode, TimelineJSON, TimelineWindow } from "./format/drift-timeline.js";

export * from "./schema/index.js";

export * from "./fairness/index.js";

export { skew, SkewReport, skewPanel, keyedPanel, regressionPanel, SKEW_PANELS } from "./skew/index.js";
export type {
  SkewOptions,
  SkewPanel,
  SkewPanelOptions,
  PlantedKeyedSkew,
  RegressionPanel,
} from "./skew/index.js";
export type { SkewJSON, ShiftFinding, ShiftKind } from "./format/skew.js";

export { clearOutput, display, input, progress, show, updateDisplay } from "./display/index.js";
export type { DisplayOptions, InputOptions, Progress, ProgressOptions } from "./display/index.js";

export { feedback, FeedbackJoin, LabelReport, PerformanceReport } from "./feedback/index.js";
export type {
  AgeBucket,
  Band,
  ChangeDetector,
  Deployment,
  DeploymentOptions,
  Detection,
  DetectorName,
  DetectorRun,
  Estimation,
  FeatureLink,
  JoinOptions,
  LabelJSON,
  MetricName,
  MetricValue,
  PerformanceAlarm,
  PerformanceJSON,
  PerformanceOptions,
  PerformanceWindow,
  Regime,
} from "./feedback/index.js";
export { labeling } from "./labeling/index.js";
export type { AgreementResult, Disagreement, LabelingSample, SampleOptions } from "./labeling/index.js";

export {
  coverage,
  CoverageReport,
  predictiveContent,
  PredictiveContentReport,
  representation,
  RepresentationReport,
} from "./collection/index.js";
export type { CoverageOptions, PredictiveContentOptions, RepresentationOptions } from "./collection/index.js";
export type {
  CoverageJSON,
  FeatureContent,
  FeatureCoverage,
  PredictiveContentJSON,
  ProxyScore,
  RepresentationJSON,
} from "./format/collection.js";
