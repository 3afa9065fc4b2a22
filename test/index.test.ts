/**
 * The public surface of driftlab (src/index.ts) against an explicit list: adding an export is a decision, and
 * internals (the kernel's display hook, feature states, presenters' helpers) stay out.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import * as driftlab from "../src/index.js";
import type {
  Correction,
  DriftlabReportJSON,
  Incident,
  IncidentCode,
  Presenter,
  ReportKind,
  TimelineJSON,
  TimelineOptions,
  Verdict,
} from "../src/index.js";

const PUBLIC_VALUES = [
  "ANOMALY_CODES",
  "ANOMALY_CODE_LIST",
  "ANOMALY_SEVERITIES",
  "Anomalies",
  "CORRECTIONS",
  "Comparator",
  "capReportSize",
  "CoverageReport",
  "DEFAULT_ALPHA",
  "DEFAULT_COMPARATORS",
  "DEFAULT_CORRECTION",
  "DEFAULT_MAX_DOMAIN_SIZE",
  "DEFAULT_MAX_REPORT_BYTES",
  "DEFAULT_MIN_COUNT",
  "DRIFT_METHODS",
  "Dataset",
  "DatasetConstraints",
  "Domain",
  "DriftReport",
  "DriftlabError",
  "EqualWidthHistogram",
  "FairnessReport",
  "FeedbackJoin",
  "FeatureSchema",
  "HeavyHitters",
  "HyperLogLog",
  "INCIDENT_CODES",
  "JUPYTER_DISPLAY",
  "KllSketch",
  "LabelReport",
  "Moments",
  "PredictiveContentReport",
  "PerformanceReport",
  "Presence",
  "Profile",
  "RATE_METRICS",
  "REGRESSION_METRICS",
  "REPORT_FORMAT_VERSION",
  "REPORT_MIME_TYPE",
  "Report",
  "RepresentationReport",
  "SCHEMA_FORMAT_VERSION",
  "SKEW_PANELS",
  "Schema",
  "SkewReport",
  "SlicesReport",
  "TimelineReport",
  "VEGA_LITE_MIME_TYPE",
  "VERDICT_STATUSES",
  "clearOutput",
  "clickhouse",
  "clickhouseDialect",
  "coverage",
  "display",
  "drift",
  "fairness",
  "feedback",
  "findSlices",
  "fromArrow",
  "fromColumns",
  "fromDanfo",
  "fromRecords",
  "inferKinds",
  "inferSchema",
  "input",
  "keyedPanel",
  "labeling",
  "loadSchema",
  "measures",
  "mimeBundleOf",
  "parseSchema",
  "predictiveContent",
  "presenterFor",
  "profile",
  "progress",
  "read",
  "readBatches",
  "duckdb",
  "duckdbDialect",
  "isSource",
  "sql",
  "SqlSource",
  "sqlSource",
  "standardDialect",
  "recordBatches",
  "registerPresenter",
  "regressionPanel",
  "representation",
  "saveSchema",
  "shareableReport",
  "show",
  "skew",
  "skewPanel",
  "stringifySchema",
  "toDataset",
  "updateDisplay",
  "updateSchema",
  "validate",
  "withKinds",
];

describe("the public surface of src/index.ts", () => {
  it("exports exactly the listed values (update the list when adding a public export)", () => {
    expect(Object.keys(driftlab).sort()).toEqual([...PUBLIC_VALUES].sort());
  });

  it("leaks no internals", () => {
    for (const internal of [
      "kernelHookKey",
      "envelope",
      "stateOfColumn",
      "vegaLiteToSVG",
      "driftPresenter",
    ]) {
      expect(Object.keys(driftlab)).not.toContain(internal);
    }
  });

  it("exports the timeline report, its options and the incident catalogue", () => {
    expect(typeof driftlab.TimelineReport).toBe("function");
    expect(Object.keys(driftlab.INCIDENT_CODES)).toContain("MISSING_JUMP");
    expectTypeOf<TimelineOptions>().toHaveProperty("time");
    expectTypeOf<TimelineJSON["kind"]>().toEqualTypeOf<"drift-timeline">();
    expectTypeOf<Incident["code"]>().toEqualTypeOf<IncidentCode>();
  });

  it("exports the format's vocabulary: verdict, correction, report kinds and presenters", () => {
    expectTypeOf<Verdict["status"]>().toEqualTypeOf<"ok" | "warn" | "fail">();
    expectTypeOf<Correction>().toEqualTypeOf<"none" | "bonferroni" | "holm" | "bh">();
    expectTypeOf<DriftlabReportJSON["kind"]>().toEqualTypeOf<ReportKind>();
    expectTypeOf<Presenter>().toHaveProperty("staticHTML");
    expect(driftlab.DEFAULT_CORRECTION).toBe("holm");
    expect(driftlab.VERDICT_STATUSES).toEqual(["ok", "warn", "fail"]);
  });
});
