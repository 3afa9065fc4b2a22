/** The JSON of the "anomalies" report kind: what `validate()` found (docs/schema.md, docs/anomalies.md). Types only. */
import type { AnomalyCode, AnomalySeverity } from "./anomaly-codes.js";
import type { ReportEnvelope } from "./envelope.js";
import type { ComparatorSpec } from "./schema.js";

/** One comparison of a feature with previous or serving data (TFDV's drift_skew_info). */
export interface ComparatorResult {
  feature: string;
  /** `previous`: drift; `serving`: skew. */
  against: "previous" | "serving";
  measure: ComparatorSpec["measure"];
  value: number;
  threshold: number;
  /** L-infinity only: the value with the largest difference in frequency. */
  category?: string;
  /** The measured value is above the threshold. */
  exceeds: boolean;
}

/** A value outside the domain, with its count and its fraction of the feature's present values. */
export interface UnexpectedValue {
  value: string;
  count: number;
  fraction: number;
}

/** One anomaly: a feature (or the dataset, `feature: null`), a catalogued code, and what was measured. */
export interface Anomaly {
  /** The feature, or null for dataset-level anomalies. */
  feature: string | null;
  code: AnomalyCode;
  severity: AnomalySeverity;
  /** The catalogue's short description. */
  short: string;
  /** What was found, with the numbers. */
  description: string;
  /** ENUM_TYPE_UNEXPECTED_STRING_VALUES: the values outside the domain (the 20 most frequent). */
  values?: UnexpectedValue[];
  /** The measured quantity: fraction present, smallest value, L∞ distance, ... */
  measured?: number | string;
  /** The schema's bound it was compared with. */
  threshold?: number | string;
  /** Comparator anomalies: the data compared with. */
  against?: "previous" | "serving";
  /** COMPARATOR_L_INFTY_HIGH: the value with the largest difference in frequency. */
  category?: string;
}

/** The anomalies report format (kind "anomalies", docs/report-format.md). */
export interface AnomaliesJSON extends ReportEnvelope {
  kind: "anomalies";
  /** The data validated. */
  source: string;
  numRows: number;
  /** Where the schema came from. */
  schemaSource: string | null;
  /** The environment validated, or null for every feature. */
  environment: string | null;
  previousSource: string | null;
  servingSource: string | null;
  /** Number of anomalies per severity. */
  summary: Record<AnomalySeverity, number>;
  /** Sorted by severity, then feature (dataset first), then code. */
  anomalies: Anomaly[];
  /** Every comparator measured, anomalous or not (TFDV's drift_skew_info). */
  comparisons: ComparatorResult[];
}
