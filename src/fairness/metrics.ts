/**
 * The metric catalogue of fairness(): rates from the confusion matrix (each a numerator over a denominator, so each
 * gets a Wilson interval and a two-proportion test), regression errors (means of per-row values, so each gets a
 * t-interval and Welch's test), and user functions.
 */

import type { Harm } from "../format/fairness.js";

/** Confusion-matrix counts of a set of rows. */
export interface Confusion {
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
}

/** Names of the built-in rates. */
export type RateMetricName =
  | "selectionRate"
  | "baseRate"
  | "truePositiveRate"
  | "falseNegativeRate"
  | "falsePositiveRate"
  | "trueNegativeRate"
  | "precision"
  | "falseDiscoveryRate"
  | "falseOmissionRate"
  | "accuracy"
  | "errorRate";

/** Names of the built-in regression metrics. */
export type RegressionMetricName = "meanAbsoluteError" | "rootMeanSquaredError" | "meanResidual";

export type BuiltinMetricName = RateMetricName | RegressionMetricName;

/** A rate: numerator / denominator of confusion counts. */
export interface RateDefinition {
  name: RateMetricName;
  label: string;
  formula: string;
  /** Needs the true label (all but the selection rate). */
  needsLabel: boolean;
  numerator(c: Confusion): number;
  denominator(c: Confusion): number;
  /** Which direction hurts the group, and the harm it maps to; selection rate depends on `favorable`. */
  worse?: "higher" | "lower";
  harm?: Harm;
}

const all = (c: Confusion) => c.truePositives + c.falsePositives + c.trueNegatives + c.falseNegatives;
const positives = (c: Confusion) => c.truePositives + c.falseNegatives;
const negatives = (c: Confusion) => c.falsePositives + c.trueNegatives;
const predictedPositives = (c: Confusion) => c.truePositives + c.falsePositives;
const predictedNegatives = (c: Confusion) => c.trueNegatives + c.falseNegatives;

/** Every built-in rate, in report order. */
export const RATE_METRICS: readonly RateDefinition[] = [
  {
    name: "selectionRate",
    label: "selection rate",
    formula: "(TP + FP) / n",
    needsLabel: false,
    numerator: predictedPositives,
    denominator: all,
  },
  {
    name: "baseRate",
    label: "base rate",
    formula: "(TP + FN) / n",
    needsLabel: true,
    numerator: positives,
    denominator: all,
  },
  {
    name: "truePositiveRate",
    label: "TPR",
    formula: "TP / (TP + FN)",
    needsLabel: true,
    numerator: (c) => c.truePositives,
    denominator: positives,
  },
  {
    name: "falseNegativeRate",
    label: "FNR",
    formula: "FN / (TP + FN)",
    needsLabel: true,
    numerator: (c) => c.falseNegatives,
    denominator: positives,
    worse: "higher",
    harm: "disproportionate-product-failure",
  },
  {
    name: "falsePositiveRate",
    label: "FPR",
    formula: "FP / (FP + TN)",
    needsLabel: true,
    numerator: (c) => c.falsePositives,
    denominator: negatives,
    worse: "higher",
    harm: "harm-by-disadvantage",
  },
  {
    name: "trueNegativeRate",
    label: "TNR",
    formula: "TN / (FP + TN)",
    needsLabel: true,
    numerator: (c) => c.trueNegatives,
    denominator: negatives,
  },
  {
    name: "precision",
    label: "precision",
    formula: "TP / (TP + FP)",
    needsLabel: true,
    numerator: (c) => c.truePositives,
    denominator: predictedPositives,
  },
  {
    name: "falseDiscoveryRate",
    label: "FDR",
    formula: "FP / (TP + FP)",
    needsLabel: true,
    numerator: (c) => c.falsePositives,
    denominator: predictedPositives,
    worse: "higher",
    harm: "harm-by-disadvantage",
  },
  {
    name: "falseOmissionRate",
    label: "FOR",
    formula: "FN / (TN + FN)",
    needsLabel: true,
    numerator: (c) => c.falseNegatives,
    denominator: predictedNegatives,
  },
  {
    name: "accuracy",
    label: "accuracy",
    formula: "(TP + TN) / n",
    needsLabel: true,
    numerator: (c) => c.truePositives + c.trueNegatives,
    denominator: all,
  },
  {
    name: "errorRate",
    label: "error rate",
    formula: "(FP + FN) / n",
    needsLabel: true,
    numerator: (c) => c.falsePositives + c.falseNegatives,
    denominator: all,
    worse: "higher",
    harm: "disproportionate-product-failure",
  },
];

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
