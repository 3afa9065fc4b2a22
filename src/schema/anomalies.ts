import { envelope, Report } from "../report/report.js";
import {
  ANOMALY_CODES,
  ANOMALY_SEVERITIES,
  type AnomalyCode,
  type AnomalySeverity,
} from "./anomaly-codes.js";
import type { AnomaliesJSON, Anomaly, ComparatorResult } from "../format/anomalies.js";
import type { Verdict } from "../format/envelope.js";

export type { AnomaliesJSON, Anomaly, UnexpectedValue } from "../format/anomalies.js";

/** `fail` when an anomaly is an error (the data breaks the schema), `warn` for warnings only, else `ok`. */
export function anomaliesVerdict(anomalies: readonly Anomaly[]): Verdict {
  const reasonOf = (a: Anomaly) =>
    `${a.code}${a.feature === null ? "" : ` in ${a.feature}`}: ${a.description}`;
  const errors = anomalies.filter((a) => a.severity === "error");
  if (errors.length > 0) return { status: "fail", reasons: errors.map(reasonOf) };
  const warnings = anomalies.filter((a) => a.severity === "warning");
  if (warnings.length > 0) return { status: "warn", reasons: warnings.map(reasonOf) };
  return { status: "ok", reasons: [] };
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
      ...envelope("anomalies", this.#title, anomaliesVerdict(this.anomalies)),
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
}
