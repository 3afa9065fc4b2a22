/**
 * The metric catalogue of fairness(): rates from the confusion matrix (each a numerator over a denominator, so each
 * gets a Wilson interval and a two-proportion test), regression errors (means of per-row values, so each gets a
 * t-interval and Welch's test), and user functions.
 */

import type { Harm } from "../format/fairness.js";

export { RATE_METRICS, type Confusion, type RateDefinition, type RateMetricName } from "../core/rates.js";
import type { Confusion, RateMetricName } from "../core/rates.js";

/** Names of the built-in regression metrics. */
export type RegressionMetricName = "meanAbsoluteError" | "rootMeanSquaredError" | "meanResidual";

export type BuiltinMetricName = RateMetricName | RegressionMetricName;

/** Per-row quantity whose mean is the metric (before the square root for RMSE). */
export type RowError = "absolute" | "squared" | "residual";

/** A regression metric: a mean of a per-row error. */
export interface RegressionDefinition {
  name: RegressionMetricName;
  label: string;
  formula: string;
  rowError: RowError;
  /** RMSE is the square root of the mean. */
  squareRoot: boolean;
  worse?: "higher" | "lower";
  harm?: Harm;
}

export const REGRESSION_METRICS: readonly RegressionDefinition[] = [
  {
    name: "meanAbsoluteError",
    label: "MAE",
    formula: "mean |y − ŷ|",
    rowError: "absolute",
    squareRoot: false,
    worse: "higher",
    harm: "disproportionate-product-failure",
  },
  {
    name: "rootMeanSquaredError",
    label: "RMSE",
    formula: "√ mean (y − ŷ)²",
    rowError: "squared",
    squareRoot: true,
    worse: "higher",
    harm: "disproportionate-product-failure",
  },
  {
    name: "meanResidual",
    label: "mean residual",
    formula: "mean (y − ŷ)",
    rowError: "residual",
    squareRoot: false,
  },
];

/**
 * A metric of your own, computed on each group's rows. `y` holds the labels (0/1 for classification, numbers for
 * regression) and `yhat` the predictions — or the scores, when the model gives scores. Return NaN when undefined.
 */
export interface CustomMetric {
  name: string;
  fn: (y: Float64Array, yhat: Float64Array) => number;
  /** Which direction hurts a group. Default: none (reported, never flagged). */
  worse?: "higher" | "lower";
  /** The harm a significant disparity in the worse direction would indicate. */
  harm?: Harm;
  /** A short label for tables and charts. Default: the name. */
  label?: string;
}

export function rowError(kind: RowError, y: number, yhat: number): number {
  const residual = y - yhat;
  return kind === "absolute" ? Math.abs(residual) : kind === "squared" ? residual * residual : residual;
}

/** Confusion counts of 0/1 labels and predictions. */
export function confusionOf(y: ArrayLike<number>, yhat: ArrayLike<number>): Confusion {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < y.length; i++) {
    if (yhat[i] === 1) {
      if (y[i] === 1) tp++;
      else fp++;
    } else if (y[i] === 1) fn++;
    else tn++;
  }
  return { truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn };
}
