/**
 * The skew report format (kind "skew"): training/serving skew told apart by kind — covariate, label and concept
 * shift — with schema skew, per-feature distributions and per-example skew on a key. Types only.
 */
import type { Anomaly } from "./anomalies.js";
import type { FeatureDrift } from "./drift.js";
import type { ReportEnvelope } from "./envelope.js";

/** The kinds of shift a skew report tells apart. */
export type ShiftKind = "covariate" | "label" | "concept";

/** An interval with its confidence level. */
export interface IntervalJSON {
  lower: number;
  upper: number;
}

/** One kind of shift: whether it was detected, the evidence, and the features that carry it. */
export interface ShiftFinding {
  kind: ShiftKind;
  detected: boolean;
  /** False when the data cannot show this kind (e.g. concept shift without serving labels). */
  testable: boolean;
  /** Plain words: what was found, or why it could not be tested. */
  summary: string;
  /** The test that decided, its statistic and p-value (or interval), in words and numbers. */
  evidence: {
    test: string;
    statistic: number | null;
    pValue: number | null;
    interval?: IntervalJSON;
    note?: string;
  }[];
  /** Features that carry the shift, strongest first. */
  features: string[];
}

/** Label shift: P(y) on both sides and P(x | y) per class; or BBSE's estimate without serving labels. */
export interface LabelShiftJSON {
  task: "classification" | "regression";
  classes: string[];
  trainingPrior: number[];
  /** Observed serving prior (labels on both sides), or null. */
  servingPrior: number[] | null;
  /** Wilson intervals of each class's share, per side. */
  trainingIntervals: IntervalJSON[];
  servingIntervals: IntervalJSON[] | null;
  /** Chi-square test of P(y) (classification) or KS test of y (regression). */
  priorTest: { test: string; statistic: number; pValue: number } | null;
  /** Class-conditional drift: per class and feature, the Holm-adjusted p-value of P(x | y = class). */
  classConditional: {
    class: string;
    feature: string;
    test: string;
    pValue: number;
    adjustedPValue: number;
  }[];
  /** Smallest adjusted class-conditional p-value (the evidence that P(x | y) moved). */
  classConditionalPValue: number | null;
  /** BBSE (labels on training only, with a score or prediction). */
  bbse: {
    from: "score" | "prediction";
    servingPrior: number[];
    intervals: IntervalJSON[];
    weights: number[];
    confusion: number[][];
    /** Chi-square test that the prediction rates are the same on both sides (Lipton et al.'s shift test). */
    predictionTest: { statistic: number; pValue: number };
    resamples: number;
  } | null;
}

/** One bin of a P(y | x in bin) curve. */
export interface ConditionalBin {
  bin: string;
  /** Bin bounds for numeric features (null for categories). */
  lower: number | null;
  upper: number | null;
  trainingCount: number;
  servingCount: number;
  /** Mean of y (share of the positive class) in the bin, per side. */
  trainingRate: number | null;
  servingRate: number | null;
}

/** Per-feature concept evidence (a) and (b). */
export interface FeatureConcept {
  feature: string;
  bins: ConditionalBin[];
  /** (a) classification: CMH test of "P(y | x in bin) the same on both sides" over the bins; regression: mean residual. */
  stratified: {
    test: string;
    statistic: number;
    pValue: number;
    adjustedPValue: number;
    /** Classification: Mantel–Haenszel common odds ratio serving vs training, and Breslow–Day homogeneity. */
    commonOddsRatio?: number;
    homogeneityPValue?: number;
  } | null;
  /** (b) Wald test that the feature's coefficients are the same in the weighted training fit and the serving fit. */
  coefficient: { statistic: number; dof: number; pValue: number; adjustedPValue: number } | null;
}

/** Concept shift section. */
export interface ConceptJSON {
  task: "classification" | "regression";
  /** (b): the model of y | x, its coefficients on both sides, the overall slope test. */
  model: {
    kind: "logistic regression" | "linear regression";
    labels: string[];
    training: number[];
    serving: number[];
    /** Wald χ² of all slopes equal (intercept free, so a pure prior change does not count). */
    slopeTest: { statistic: number; dof: number; pValue: number };
    /** Training error weighted by the domain classifier (what serving error would be under covariate shift only). */
    weightedTrainingError: number;
    servingError: number;
    trainingError: number;
    /** Serving − weighted training error, percentile bootstrap interval. */
    errorGap: { estimate: number; interval: IntervalJSON };
    errorName: string;
  } | null;
  /** (c) DISDE (Cai, Namkoong & Yadlowsky 2023): the change of error split into three parts, each with an interval. */
  decomposition: {
    total: { estimate: number; interval: IntervalJSON };
    covariate: { estimate: number; interval: IntervalJSON };
    concept: { estimate: number; interval: IntervalJSON };
    unseen: { estimate: number; interval: IntervalJSON };
    errorName: string;
  } | null;
  features: FeatureConcept[];
}

/** Multivariate covariate shift: the domain classifier. */
export interface CovariateJSON {
  domainClassifier: {
    model: string;
    folds: number;
    auc: number;
    interval: IntervalJSON;
    pValue: number;
    /** NannyML's default band for a domain classifier's AUC: inside means no alert. */
    nannymlBand: [number, number];
    /** Evidently's threshold for its embedding domain classifier: drift when AUC > 0.55. */
    evidentlyThreshold: number;
    /** Per feature: the norm of its standardised coefficients and its share of all, largest first. */
    importances: { feature: string; importance: number; share: number }[];
  } | null;
  /** Per-feature two-sample tests (KS numeric, chi-square categorical), Holm-adjusted. */
  tests: { feature: string; test: string; statistic: number; pValue: number; adjustedPValue: number }[];
}

/** Per-example skew of one feature over the rows joined on the key. */
export interface FeatureKeySkew {
  feature: string;
  kind: string;
  /** Joined ids with the feature present on both sides and equal (within the tolerance). */
  matched: number;
  mismatched: number;
  onlyInTraining: number;
  onlyInServing: number;
  bothMissing: number;
  /** matched / (matched + mismatched + onlyInTraining + onlyInServing). */
  matchRate: number;
  tolerance: number;
  /** Numeric: serving − training over the mismatched rows. */
  differences: {
    min: number;
    q25: number;
    median: number;
    q75: number;
    max: number;
    mean: number;
    histogram: { lower: number; upper: number; count: number }[];
  } | null;
  /** Categorical: most frequent (training value → serving value) pairs among mismatches. */
  topPairs: { training: string; serving: string; count: number }[];
  /** A few mismatching rows: id, training value, serving value (as strings; null = missing). */
  samples: { id: string; training: string | null; serving: string | null }[];
}

/** Per-example skew over the key join. */
export interface KeySkewJSON {
  key: string;
  trainingIds: number;
  servingIds: number;
  joined: number;
  onlyInTraining: number;
  onlyInServing: number;
  duplicateTrainingIds: number;
  duplicateServingIds: number;
  features: FeatureKeySkew[];
}

/** The skew report format (kind "skew", docs/skew.md). */
export interface SkewJSON extends ReportEnvelope {
  kind: "skew";
  /** One sentence: the kinds of shift found, in plain words. */
  headline: string;
  training: { source: string; numRows: number };
  serving: { source: string; numRows: number };
  settings: {
    label: string | null;
    score: string | null;
    prediction: string | null;
    key: string | null;
    alpha: number;
    features: string[];
  };
  shifts: Record<ShiftKind, ShiftFinding>;
  schema: { anomalies: Anomaly[]; errors: number; warnings: number; source: string };
  /** Per-feature distribution skew (drift's default tests). */
  distributions: FeatureDrift[];
  covariate: CovariateJSON;
  label: LabelShiftJSON | null;
  concept: ConceptJSON | null;
  perExample: KeySkewJSON | null;
  /** Assumptions and caveats that apply to this report. */
  notes: string[];
}
