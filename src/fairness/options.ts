/** The options of fairness() and its first stage: checking them and filling in the defaults. */
import {
  CORRECTIONS,
  DEFAULT_CORRECTION,
  type Correction,
  type ProgressCallback,
} from "../format/options.js";
import { DriftlabError } from "../errors.js";
import type { Binning } from "./groups.js";
import type { BuiltinMetricName, CustomMetric } from "./metrics.js";

/** Options of {@link fairness}. Give `prediction` (hard decisions) or `score` (probabilities), not both. */
export interface FairnessOptions {
  /** The true outcome: 0/1, boolean, two categories, or a number (regression). Optional for decisions only. */
  label?: string;
  /** Hard predictions (0/1, boolean, two categories) or, for regression, numeric predictions. */
  prediction?: string;
  /** Scores; the prediction is `score ≥ threshold`. */
  score?: string;
  /** Decision threshold on `score`. Default 0.5. */
  threshold?: number;
  /** Thresholds at which to report every rate too (score models). Default 0.1, 0.2, …, 0.9 (Fairness Indicators). */
  thresholds?: readonly number[];
  /** The grouping: one column, or several whose value combinations (the intersection) are the groups. */
  groups: string | readonly string[];
  /**
   * More groupings. `true`: each column of `groups` alone, then their intersection. An array: these groupings
   * besides `groups` (each a column or a list of columns). Default: none.
   */
  intersections?: boolean | readonly (string | readonly string[])[];
  /**
   * Columns to stratify by (e.g. "dept"): each grouping is also analysed within them (the intersection with these
   * columns is added), and disparities whose direction flips within the strata are reported (Simpson's paradox).
   * Any grouping that refines another is compared the same way. Default: none.
   */
  stratifyBy?: string | readonly string[];
  /** Bins of numeric group columns: a number of quantile bins or ascending edges. Default 4 quantile bins (Aequitas). */
  bins?: Readonly<Record<string, Binning>>;
  /**
   * Metrics to compute. Default: every rate (classification), the selection rate (decisions without a label), or
   * MAE, RMSE and the mean residual (regression). Custom metrics are `{ name, fn(y, yhat) }`.
   */
  metrics?: readonly (BuiltinMetricName | CustomMetric)[];
  /** "classification" or "regression". Default: regression when the label and prediction are numeric and not 0/1. */
  task?: "classification" | "regression";
  /** The value of the label (and prediction) that is positive. Default: true, 1, "yes", "true", "positive". */
  positiveLabel?: string | number | boolean;
  /**
   * What disparities are measured against: "overall" (the whole population; tests compare each group with the rest of
   * the population), "largest" (the largest group, Aequitas' "maj"), or a group given as `{ column: value }`.
   * Default "overall".
   */
  reference?: "overall" | "largest" | Readonly<Record<string, string>>;
  /** Interval method: "wilson" (rates; Student t for means) or "bootstrap" (every metric). Default "wilson". */
  ci?: "wilson" | "bootstrap";
  /** Bootstrap settings. Default 1000 resamples, seed 0. */
  bootstrap?: { resamples?: number; seed?: number };
  /** 1 − confidence level of intervals, and the significance level of the corrected tests. Default 0.05. */
  alpha?: number;
  /** Multiple-testing correction across the groups of a grouping, per metric. Default "holm" (DEFAULT_CORRECTION). */
  correction?: Correction;
  /** The fairness band of ratios to the reference. Default [0.8, 1.25] (Aequitas' τ = 0.8). */
  band?: readonly [number, number];
  /** Whether a positive prediction is the good outcome (a loan) or the bad one (a fraud flag). Default "positive". */
  favorable?: "positive" | "negative";
  /** Groups with fewer rows are listed as too small to judge (no test, no flag). Default 30. */
  minSize?: number;
  /** Privacy: groups with fewer rows are left out of the report (counted in `omitted.suppressed`). Default 0 (none). */
  suppressBelow?: number;
  /** Bins of the per-group score histograms (over [0, 1], or the scores' range when outside it). Default 50. */
  scoreBins?: number;
  /** Title of the report. Default "Fairness of <source> by <grouping>". */
  title?: string;
  /** Called with progress in [0, 1] as each grouping is evaluated. Default: none. */
  onProgress?: ProgressCallback;
}

export function invalid(message: string, subject: string): never {
  throw new DriftlabError("INVALID_OPTION", message, { subject });
}

export function asList(value: string | readonly string[]): string[] {
  return typeof value === "string" ? [value] : [...value];
}

/** Stage 1: the options checked, with their defaults. */
export interface ResolvedFairness {
  alpha: number;
  bandLower: number;
  bandUpper: number;
  minGroupSize: number;
  suppressBelow: number;
  favorable: "positive" | "negative";
  ci: "wilson" | "bootstrap";
  resamples: number;
  seed: number;
  correction: Correction;
  threshold: number;
}

/** Stage 1 of {@link fairness}: checks the options and fills in the defaults. Throws INVALID_OPTION. */
export function resolveFairnessOptions(options: FairnessOptions): ResolvedFairness {
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) invalid(`alpha = ${alpha}; it must lie strictly between 0 and 1.`, "alpha");
  const [bandLower, bandUpper] = options.band ?? [0.8, 1.25];
  if (!(bandLower > 0 && bandLower <= 1 && bandUpper >= 1 && Number.isFinite(bandUpper))) {
    invalid(`band = [${bandLower}, ${bandUpper}]; give [lower ≤ 1, upper ≥ 1] with lower > 0.`, "band");
  }
  const minGroupSize = options.minSize ?? 30;
  const suppressBelow = options.suppressBelow ?? 0;
  for (const [name, value] of [
    ["minSize", minGroupSize],
    ["suppressBelow", suppressBelow],
  ] as const) {
    if (!(Number.isInteger(value) && value >= 0))
      invalid(`${name} = ${value}; give a whole number ≥ 0.`, name);
  }
  const favorable = options.favorable ?? "positive";
  if (favorable !== "positive" && favorable !== "negative") {
    invalid(`favorable = ${JSON.stringify(favorable)}; use "positive" or "negative".`, "favorable");
  }
  const ci = options.ci ?? "wilson";
  if (ci !== "wilson" && ci !== "bootstrap")
    invalid(`ci = ${JSON.stringify(ci)}; use "wilson" or "bootstrap".`, "ci");
  const resamples = options.bootstrap?.resamples ?? 1000;
  const seed = options.bootstrap?.seed ?? 0;
  if (!(Number.isInteger(resamples) && resamples >= 1))
    invalid(`bootstrap.resamples = ${resamples}; give a positive whole number.`, "bootstrap");
  const correction = options.correction ?? DEFAULT_CORRECTION;
  if (!CORRECTIONS.includes(correction)) {
    invalid(
      `correction = ${JSON.stringify(correction)}; use one of ${CORRECTIONS.map((c) => `"${c}"`).join(", ")}.`,
      "correction",
    );
  }
  if (options.prediction !== undefined && options.score !== undefined) {
    invalid("Give either prediction (decisions) or score (probabilities), not both.", "prediction");
  }
  if (options.prediction === undefined && options.score === undefined) {
    invalid(
      "Name the model's output: prediction (a column of decisions or numeric predictions) or score.",
      "prediction",
    );
  }
  const threshold = options.threshold ?? 0.5;
  if (!Number.isFinite(threshold)) invalid(`threshold = ${threshold}; give a finite number.`, "threshold");

  return {
    alpha,
    bandLower,
    bandUpper,
    minGroupSize,
    suppressBelow,
    favorable,
    ci,
    resamples,
    seed,
    correction,
    threshold,
  };
}
