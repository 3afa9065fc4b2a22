/**
 * The verdict of any report JSON: the report's own `verdict` (every report made by this version carries one), or, for
 * reports saved by older versions without it, one derived from the fields every kind has always had.
 * Browser-safe, and it reads plain JSON (no report classes).
 */

import { VERDICT_STATUSES, type Verdict, type VerdictStatus } from "../format/envelope.js";

export type { Verdict, VerdictStatus };

type Json = Record<string, unknown>;

const STATUSES: readonly string[] = VERDICT_STATUSES;

function list(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : [];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * The verdict of `report` (report JSON of any kind). Derived rules when the report has no `verdict`:
 * drift: fail on dataset drift, warn when some feature drifted; anomalies: fail on an error, warn on a warning;
 * fairness: fail on a harm flag; drift-timeline: fail on an alarm, warn on an incident; profile: warn when a feature
 * has missing values. Other kinds: ok.
 */
export function verdictOf(report: Json): Verdict {
  const own = report.verdict as Json | undefined;
  if (own !== undefined && typeof own === "object" && own !== null && STATUSES.includes(String(own.status))) {
    return {
      status: own.status as VerdictStatus,
      reasons: list(own.reasons).map((r) => (typeof r === "string" ? r : String((r as Json).message ?? r))),
    };
  }
  switch (report.kind) {
    case "drift": {
      const dataset = (report.dataset ?? {}) as Json;
      const drifted = Number(dataset.drifted ?? 0);
      const total = Number(dataset.features ?? 0);
      if (dataset.datasetDrift === true)
        return { status: "fail", reasons: [`dataset drift: ${drifted} of ${total} features drifted`] };
      if (drifted > 0) return { status: "warn", reasons: [`${drifted} of ${total} features drifted`] };
      return { status: "ok", reasons: [] };
    }
    case "anomalies": {
      const anomalies = list(report.anomalies);
      const errors = anomalies.filter((a) => a.severity === "error").length;
      const warnings = anomalies.length - errors;
      if (errors > 0) return { status: "fail", reasons: [`${plural(errors, "schema error")}`] };
      if (warnings > 0) return { status: "warn", reasons: [`${plural(warnings, "schema warning")}`] };
      return { status: "ok", reasons: [] };
    }
    case "fairness": {
      const flags = list(report.flags);
      return flags.length > 0
        ? { status: "fail", reasons: [`${plural(flags.length, "harm flag")}`] }
        : { status: "ok", reasons: [] };
    }
    case "drift-timeline": {
      const alarms = list(report.alarms).length;
      const incidents = list(report.incidents).length;
      if (alarms > 0) return { status: "fail", reasons: [`${plural(alarms, "alarm")}`] };
      if (incidents > 0) return { status: "warn", reasons: [`${plural(incidents, "incident")}`] };
      return { status: "ok", reasons: [] };
    }
    case "profile": {
      const missing = list(report.features).filter((f) => Number(f.missing ?? 0) > 0).length;
      return missing > 0
        ? { status: "warn", reasons: [`${plural(missing, "feature")} with missing values`] }
        : { status: "ok", reasons: [] };
    }
    default:
      return { status: "ok", reasons: [] };
  }
}
