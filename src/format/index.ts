/**
 * The driftlab report format: the contract between analyses, presenters, the notebook page and the JupyterLab
 * extension (docs/report-format.md). Types and constant data only, no imports from any other layer, no Node or DOM
 * specifics: anything may import it, it imports nothing. docs/report.schema.json is generated from these types
 * (`npm run schema`).
 *
 * A new report kind: its JSON type in its own file here (`src/format/<kind>.ts`, `interface XJSON extends
 * ReportEnvelope { kind: "x"; ... }`), one line in {@link ReportJSONByKind} below; see /work/coord/arch-phase1 and
 * docs/architecture.md.
 */
import type { AnomaliesJSON } from "./anomalies.js";
import type { CoverageJSON, PredictiveContentJSON, RepresentationJSON } from "./collection.js";
import type { DriftJSON } from "./drift.js";
import type { TimelineJSON } from "./drift-timeline.js";
import type { FairnessJSON, SlicesJSON } from "./fairness.js";
import type { LabelJSON, PerformanceJSON } from "./feedback.js";
import type { ProfileJSON } from "./profile.js";
import type { SchemaReportJSON } from "./schema.js";
import type { SkewJSON } from "./skew.js";

export * from "./envelope.js";
export * from "./options.js";
export type * from "./profile.js";
export { FEATURE_KINDS } from "./profile.js";
export type * from "./drift.js";
export type * from "./drift-timeline.js";
export { INCIDENT_CODES } from "./drift-timeline.js";
export type * from "./anomalies.js";
export * from "./anomaly-codes.js";
export type * from "./schema.js";
export { SCHEMA_FORMAT_VERSION } from "./schema.js";
export type * from "./fairness.js";
export type * from "./skew.js";
export type * from "./feedback.js";
export type * from "./collection.js";

/** Every report kind's JSON by its `kind`. A new kind adds one line here (and nothing else in this file). */
export interface ReportJSONByKind {
  profile: ProfileJSON;
  drift: DriftJSON;
  "drift-timeline": TimelineJSON;
  anomalies: AnomaliesJSON;
  schema: SchemaReportJSON;
  fairness: FairnessJSON;
  slices: SlicesJSON;
  skew: SkewJSON;
  "feedback-labels": LabelJSON;
  feedback: PerformanceJSON;
  "predictive-content": PredictiveContentJSON;
  coverage: CoverageJSON;
  representation: RepresentationJSON;
}

/** The `kind` of a driftlab report. */
export type ReportKind = keyof ReportJSONByKind;

/** Any driftlab report JSON: the union of every kind (narrow it with `json.kind`). */
export type DriftlabReportJSON = ReportJSONByKind[ReportKind];

/** The JSON of the report kind `K`. */
export type ReportJSONOf<K extends ReportKind> = ReportJSONByKind[K];
