import { envelope, Report, type ReportEnvelope } from "../report/report.js";
import {
  ANOMALY_CODES,
  ANOMALY_SEVERITIES,
  type AnomalyCode,
  type AnomalySeverity,
} from "./anomaly-codes.js";
import type { ComparatorResult } from "./comparators.js";
import { anomaliesStaticHTML, anomaliesText } from "./render.js";

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

const SEVERITY_RANK: Record<AnomalySeverity, number> = { error: 0, warning: 1, info: 2 };

export function sortAnomalies(anomalies: Anomaly[]): Anomaly[] {
  const codeRank = new Map(Object.keys(ANOMALY_CODES).map((c, i) => [c, i]));
  return anomalies.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (a.feature === b.feature
        ? 0
        : a.feature === null
          ? -1
          : b.feature === null
            ? 1
            : a.feature < b.feature
              ? -1
              : 1) ||
      codeRank.get(a.code)! - codeRank.get(b.code)!,
  );
}

/**
 * The result of {@link validate}: anomalies found in the data against the schema, with their catalogued code,
 * severity and measurements, plus every drift/skew comparison measured. Empty when the data conforms.
 */
export class Anomalies extends Report<AnomaliesJSON> {
  readonly anomalies: readonly Anomaly[];
  readonly comparisons: readonly ComparatorResult[];
  readonly source: string;
  readonly numRows: number;
  readonly environment: string | null;
  readonly #context: Pick<AnomaliesJSON, "schemaSource" | "previousSource" | "servingSource">;
  readonly #title: string;

  /** @internal Use {@link validate}. */
  constructor(init: {
    source: string;
    numRows: number;
    environment: string | null;
    schemaSource: string | null;
    previousSource: string | null;
    servingSource: string | null;
    anomalies: Anomaly[];
    comparisons: ComparatorResult[];
    title?: string;
  }) {
    super();
    this.source = init.source;
    this.numRows = init.numRows;
    this.environment = init.environment;
    this.anomalies = sortAnomalies([...init.anomalies]);
    this.comparisons = init.comparisons;
    this.#context = {
      schemaSource: init.schemaSource,
      previousSource: init.previousSource,
      servingSource: init.servingSource,
    };
    this.#title =
      init.title ?? `Anomalies of ${init.source}${init.environment === null ? "" : ` (${init.environment})`}`;
  }

  /** No anomaly at all. */
  get ok(): boolean {
    return this.anomalies.length === 0;
  }

  /** Some anomaly has severity error (the CLI then exits with 1). */
  get hasErrors(): boolean {
    return this.anomalies.some((a) => a.severity === "error");
  }

  /** Anomalies of one code. */
  withCode(code: AnomalyCode): Anomaly[] {
    return this.anomalies.filter((a) => a.code === code);
  }

  /** Anomalies of one feature (null: dataset-level). */
  ofFeature(feature: string | null): Anomaly[] {
    return this.anomalies.filter((a) => a.feature === feature);
  }

  toJSON(): AnomaliesJSON {
    const summary = Object.fromEntries(ANOMALY_SEVERITIES.map((s) => [s, 0])) as Record<
      AnomalySeverity,
      number
    >;
    for (const a of this.anomalies) summary[a.severity]++;
    return {
      ...envelope("anomalies", this.#title),
      source: this.source,
      numRows: this.numRows,
      schemaSource: this.#context.schemaSource,
      environment: this.environment,
      previousSource: this.#context.previousSource,
      servingSource: this.#context.servingSource,
      summary,
      anomalies: this.anomalies.map((a) => structuredClone(a)),
      comparisons: this.comparisons.map((c) => ({ ...c })),
    };
  }

  toString(): string {
    return anomaliesText(this.toJSON());
  }

  toStaticHTML(): string {
    return anomaliesStaticHTML(this.toJSON());
  }
}
