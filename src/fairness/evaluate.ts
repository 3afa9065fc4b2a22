/**
 * Metric values of one set of rows: point estimates with their counts and intervals (Wilson for rates, Student t for
 * means), and the per-row sums the significance tests need.
 */

import { wilsonInterval } from "../measures/index.js";
import {
  confusionOf,
  rowError,
  type Confusion,
  type CustomMetric,
  type RateDefinition,
  type RegressionDefinition,
  type RowError,
} from "./metrics.js";
import { studentTQuantile } from "../measures/index.js";
import { type MeanSummary } from "./tests.js";
import type { MetricValueJSON } from "../format/fairness.js";

/** A metric resolved for one analysis. */
export type ResolvedMetric =
  | {
      kind: "rate";
      name: string;
      label: string;
      definition: RateDefinition;
      worse?: "higher" | "lower";
      harm?: RateDefinition["harm"];
    }
  | {
      kind: "mean";
      name: string;
      label: string;
      definition: RegressionDefinition;
      worse?: "higher" | "lower";
      harm?: RegressionDefinition["harm"];
    }
  | {
      kind: "custom";
      name: string;
      label: string;
      definition: CustomMetric;
      worse?: "higher" | "lower";
      harm?: CustomMetric["harm"];
    };

/** Shifted sums of a per-row error: Σ(x − shift), Σ(x − shift)², for stable variances of groups and complements. */
export interface ShiftedSums {
  n: number;
  sum: number;
  sumSquares: number;
}

/** Everything computed on a set of rows. */
export interface RowSetStats {
  n: number;
  confusion?: Confusion;
  errors: Partial<Record<RowError, ShiftedSums>>;
  values: Map<string, number>;
}

/** The rows' labels and predictions (scores for custom metrics of score models), one entry per row. */
export interface Outcomes {
  task: "classification" | "regression" | "decisions";
  /** 0/1 labels or numeric targets; zeros when there is no label. */
  y: Float64Array;
  /** 0/1 predictions (scores thresholded) or numeric predictions. */
  yhat: Float64Array;
  /** What custom metrics receive as `yhat`: the scores of a score model, else the predictions. */
  customInput: Float64Array;
  /** Shift per row error (the overall mean), for stable variances. */
  shifts: Partial<Record<RowError, number>>;
}

export function rateValue(definition: RateDefinition, confusion: Confusion): number {
  const denominator = definition.denominator(confusion);
  return denominator === 0 ? NaN : definition.numerator(confusion) / denominator;
}

export function summaryOf(sums: ShiftedSums, shift: number): MeanSummary {
  const { n, sum, sumSquares } = sums;
  const variance = n < 2 ? NaN : Math.max(0, (sumSquares - (sum * sum) / n) / (n - 1));
  return { n, mean: n === 0 ? NaN : shift + sum / n, variance };
}

/** Metric values on the rows listed in `rows` (all rows when undefined). O(rows · metrics). */
export function statsOfRows(
  outcomes: Outcomes,
  metrics: readonly ResolvedMetric[],
  rows?: Int32Array,
): RowSetStats {
  const n = rows === undefined ? outcomes.y.length : rows.length;
  const y = new Float64Array(n);
  const yhat = new Float64Array(n);
  const custom = metrics.some((m) => m.kind === "custom") ? new Float64Array(n) : undefined;
  for (let k = 0; k < n; k++) {
    const i = rows === undefined ? k : rows[k];
    y[k] = outcomes.y[i];
    yhat[k] = outcomes.yhat[i];
    if (custom !== undefined) custom[k] = outcomes.customInput[i];
  }
  return statsOfArrays(outcomes, metrics, y, yhat, custom);
}

/** Metric values of aligned label and prediction arrays (also used on bootstrap resamples). */
export function statsOfArrays(
  outcomes: Pick<Outcomes, "task" | "shifts">,
  metrics: readonly ResolvedMetric[],
  y: Float64Array,
  yhat: Float64Array,
  customInput: Float64Array | undefined,
): RowSetStats {
  const n = y.length;
  const values = new Map<string, number>();
  const errors: Partial<Record<RowError, ShiftedSums>> = {};
  let confusion: Confusion | undefined;
  if (outcomes.task !== "regression") confusion = confusionOf(y, yhat);
  for (const metric of metrics) {
    if (metric.kind === "rate") {
      values.set(metric.name, rateValue(metric.definition, confusion!));
    } else if (metric.kind === "mean") {
      const kind = metric.definition.rowError;
      let sums = errors[kind];
      if (sums === undefined) {
        const shift = outcomes.shifts[kind] ?? 0;
        let sum = 0;
        let sumSquares = 0;
        for (let k = 0; k < n; k++) {
          const d = rowError(kind, y[k], yhat[k]) - shift;
          sum += d;
          sumSquares += d * d;
        }
        sums = { n, sum, sumSquares };
        errors[kind] = sums;
      }
      const mean = n === 0 ? NaN : (outcomes.shifts[kind] ?? 0) + sums.sum / n;
      values.set(metric.name, metric.definition.squareRoot ? Math.sqrt(mean) : mean);
    } else {
      values.set(metric.name, n === 0 ? NaN : metric.definition.fn(y, customInput ?? yhat));
    }
  }
  return { n, confusion, errors, values };
}

/** A metric's value with its counts and default interval (Wilson for rates, t for means, none for custom). */
export function metricValue(
  metric: ResolvedMetric,
  stats: RowSetStats,
  shifts: Outcomes["shifts"],
  alpha: number,
): MetricValueJSON {
  const value = stats.values.get(metric.name) ?? NaN;
  if (metric.kind === "rate") {
    const numerator = metric.definition.numerator(stats.confusion!);
    const denominator = metric.definition.denominator(stats.confusion!);
    if (denominator === 0) return { value: null, numerator, denominator, lower: null, upper: null };
    const interval = wilsonInterval(numerator, denominator, alpha);
    return { value, numerator, denominator, lower: interval.lower, upper: interval.upper };
  }
  if (metric.kind === "mean") {
    const kind = metric.definition.rowError;
    const sums = stats.errors[kind]!;
    const summary = summaryOf(sums, shifts[kind] ?? 0);
    if (!(summary.n >= 2) || !Number.isFinite(summary.variance)) {
      return { value: finiteOrNull(value), lower: null, upper: null };
    }
    const half = studentTQuantile(1 - alpha / 2, summary.n - 1) * Math.sqrt(summary.variance / summary.n);
    let lower = summary.mean - half;
    let upper = summary.mean + half;
    if (metric.definition.squareRoot) {
      lower = Math.sqrt(Math.max(0, lower));
      upper = Math.sqrt(Math.max(0, upper));
    } else if (kind === "absolute") lower = Math.max(0, lower);
    return { value: finiteOrNull(value), lower, upper };
  }
  return { value: finiteOrNull(value), lower: null, upper: null };
}

export function finiteOrNull(x: number | undefined): number | null {
  return x !== undefined && Number.isFinite(x) ? x : null;
}
