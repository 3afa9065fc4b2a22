/**
 * The rate definitions every frontend shares: each built-in fairness rate as a numerator over a denominator of
 * confusion counts (so each gets a Wilson interval), the confusion counts at any threshold of a report's per-group
 * score histograms, and a rate with its interval from those counts. fairness() computes its report with these
 * definitions; the JupyterLab widget's threshold slider recomputes with the same ones, so both print the same numbers.
 * Browser-safe: no Node imports.
 */
import type { Harm } from "../format/fairness.js";
import { wilsonInterval } from "../measures/proportion-intervals.js";

/** The harms a rate can signal (the fairness report's `harm` words). */
export type RateHarm = Harm;

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
  harm?: RateHarm;
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

/** The definition of the built-in rate `name`, or undefined for other metrics (regression errors, custom ones). */
export function rateDefinition(name: string): RateDefinition | undefined {
  return RATE_METRICS.find((d) => d.name === name);
}

/** Per-bin counts of one group's scores (the fairness report's `scoreHistogram`). */
export interface ScoreHistogramCounts {
  /** Rows with a positive label, per bin. */
  positive?: number[];
  /** Rows with a negative label, per bin. */
  negative?: number[];
  /** All rows, per bin (reports without a label). */
  all?: number[];
}

/**
 * Confusion counts at the threshold `edge` (an index into the histogram's bin edges): a row is predicted positive when
 * its score is ≥ the edge, i.e. it falls in a bin at or after `edge`. Exact, since bins never straddle an edge.
 * Without labels, only selection is defined: selected rows count as true positives, the others as true negatives.
 * O(bins).
 */
export function confusionAt(
  histogram: ScoreHistogramCounts | undefined,
  edge: number,
): Confusion | undefined {
  if (histogram === undefined) return undefined;
  const sum = (counts: readonly number[], from: number, to: number) => {
    let s = 0;
    for (let i = from; i < to; i++) s += counts[i];
    return s;
  };
  if (histogram.positive === undefined || histogram.negative === undefined) {
    if (histogram.all === undefined) return undefined;
    const n = histogram.all.length;
    return {
      truePositives: sum(histogram.all, edge, n),
      falsePositives: 0,
      trueNegatives: sum(histogram.all, 0, edge),
      falseNegatives: 0,
    };
  }
  const n = histogram.positive.length;
  return {
    truePositives: sum(histogram.positive, edge, n),
    falseNegatives: sum(histogram.positive, 0, edge),
    falsePositives: sum(histogram.negative, edge, n),
    trueNegatives: sum(histogram.negative, 0, edge),
  };
}

/** A rate with its Wilson interval; value and bounds are null when the denominator is 0. */
export interface RateValue {
  value: number | null;
  lower: number | null;
  upper: number | null;
  numerator: number;
  denominator: number;
}

/**
 * The built-in rate `definition` of `confusion` with its Wilson score interval at confidence 1 − `alpha`
 * (measures' wilsonInterval, as statsmodels' `proportion_confint(method="wilson")`). O(1).
 */
export function rateWithInterval(definition: RateDefinition, confusion: Confusion, alpha: number): RateValue {
  const numerator = definition.numerator(confusion);
  const denominator = definition.denominator(confusion);
  if (denominator === 0) return { value: null, lower: null, upper: null, numerator, denominator };
  const interval = wilsonInterval(numerator, denominator, alpha);
  return {
    value: numerator / denominator,
    lower: interval.lower,
    upper: interval.upper,
    numerator,
    denominator,
  };
}
