/**
 * The collection reports: "predictive-content" (what each feature tells about the label), "coverage" (how well
 * training covers serving) and "representation" (who is in the data, and which features stand in for a protected
 * attribute). Types only (the report format layer imports nothing from other layers).
 */
import type { ReportEnvelope } from "./envelope.js";
import type { Correction } from "./options.js";
import type { FeatureKind } from "./profile.js";

/** The measure behind an {@link Association}. */
export type AssociationMeasure = "roc-auc" | "macro-roc-auc" | "correlation-ratio" | "spearman";

/** How strongly a feature alone relates to the target. */
export interface Association {
  measure: AssociationMeasure;
  /** The measure's value (AUC in [0, 1], η in [0, 1], ρ in [−1, 1]); null when undefined (e.g. constant feature). */
  value: number | null;
  /**
   * A common 0–1 scale for ranking: |2·AUC − 1| (Gini) for AUCs, η, or |ρ|. 0 is no association, 1 perfect.
   */
  strength: number | null;
}

/** How the target is treated: two classes, several classes, or a number. */
export type TargetTask = "binary" | "multiclass" | "regression";

/** A reason a feature is flagged. */
export type ContentFlagCode =
  | "ALL_MISSING"
  | "CONSTANT"
  | "NEAR_CONSTANT"
  | "DUPLICATE"
  | "NEAR_DUPLICATE"
  | "NO_SIGNAL"
  | "LEAKAGE_SUSPECT";

export interface ContentFlag {
  code: ContentFlagCode;
  message: string;
  /** The other feature, for duplicates. */
  other?: string;
}

/** What a feature is worth for predicting the label. */
export type ContentStatus = "informative" | "non-informative" | "leakage-suspect";

/** One feature's predictive content. */
export interface FeatureContent {
  name: string;
  kind: FeatureKind;
  /** Rows with both the feature and the label present. */
  present: number;
  /** Rows (with a label) whose feature is missing. */
  missing: number;
  /** Distinct levels used in the information measures (values, or quantile bins). */
  levels: number;
  /** Mutual information with the label in nats: plug-in, Miller–Madow corrected, and the permutation baseline. */
  mutualInformation: {
    plugIn: number;
    corrected: number;
    /** Mean plug-in MI over label permutations: what no signal looks like at this sample size. */
    baseline: number;
    /** Plug-in minus baseline, at least 0. */
    excess: number;
    /** Excess as a share of the label's entropy (0: nothing, 1: the feature determines the label). */
    normalized: number;
    pValue: number;
    adjustedPValue: number;
  };
  association: Association;
  /** The permutation test found information about the label (adjusted p < alpha). */
  signal: boolean;
  status: ContentStatus;
  flags: ContentFlag[];
}

/** The result of {@link predictiveContent}, before it becomes a report. */
export interface PredictiveContentResult {
  label: {
    name: string;
    task: TargetTask;
    classes: { value: string; count: number }[];
    rows: number;
    entropy: number;
  };
  rows: number;
  /** Rows left out because the label was missing. */
  rowsWithoutLabel: number;
  alpha: number;
  correction: Correction;
  permutations: number;
  bins: number;
  features: FeatureContent[];
}

/** Per-feature coverage. */
export interface FeatureCoverage {
  name: string;
  kind: FeatureKind;
  servingRows: number;
  /** Serving rows with the feature present. */
  servingPresent: number;
  /** Numbers and dates: the training range and the serving values outside it. */
  range?: { min: number; max: number; below: number; above: number };
  /** Categories: serving values never seen in training (most frequent first, at most 10) and their total. */
  unseen?: { values: { value: string; count: number }[]; distinct: number; count: number };
  /** Serving rows (with the feature present) outside what training covers, and their share. */
  outside: number;
  outsideShare: number;
  /** Missing in serving while training had no missing values. */
  newlyMissing: number;
}

/** Serving rows without training support, jointly over all features. */
export interface JointCoverage {
  method: "nearest-neighbour";
  /** Rows compared on each side. */
  trainingRows: number;
  servingRows: number;
  supportQuantile: number;
  /** The distance threshold: the support quantile of training's leave-one-out nearest-neighbour distances. */
  threshold: number;
  /** Serving rows whose nearest training row is farther than the threshold. */
  uncovered: number;
  uncoveredShare: number;
  /** What the share would be if serving came from the training distribution (about 1 − supportQuantile). */
  expectedShare: number;
  /** One-sided exact test of "more uncovered rows than the training distribution gives" (beta-binomial null). */
  pValue: number;
  /** More serving rows without support than chance allows: p < alpha. */
  gap: boolean;
  /** Per feature, its mean part of the distance of the uncovered rows to their nearest training row. */
  featureContributions: { name: string; share: number }[];
}

/** A feature = value conjunction much rarer in training than in serving. */
export interface CoverageSlice {
  /** "feature=value" terms. */
  terms: { feature: string; value: string }[];
  label: string;
  trainingCount: number;
  servingCount: number;
  trainingShare: number;
  servingShare: number;
  /** trainingShare / servingShare: 0 means training has none of it. */
  coverageRatio: number;
  /** Serving rows beyond what the training share predicts: servingCount − trainingShare × serving rows. */
  excessRows: number;
  pValue: number;
  adjustedPValue: number;
}

/** Training and serving counts over the bins of two features: the picture of where coverage is missing. */
export interface CoverageMap {
  x: string;
  y: string;
  xLabels: string[];
  yLabels: string[];
  /** counts[xIndex][yIndex]. */
  training: number[][];
  serving: number[][];
}

export interface CoverageResult {
  training: { source: string; rows: number };
  serving: { source: string; rows: number };
  features: FeatureCoverage[];
  skipped: { name: string; reason: string }[];
  joint: JointCoverage | null;
  slices: CoverageSlice[];
  /** The two features that best show the gap (the top pair slice's, else the top contributors), binned. */
  map: CoverageMap | null;
  /** Candidate slices tested (for the correction). */
  slicesTested: number;
  alpha: number;
  correction: Correction;
}

/** How a group's share compares with what is expected. */
export type RepresentationStatus = "represented" | "under-represented" | "over-represented";

export interface GroupShare {
  group: string;
  count: number;
  share: number;
  interval: { lower: number; upper: number };
  /** What the share is compared with, and where that comes from. */
  expected: number | null;
  expectedFrom: "reference" | "reference product" | "parity" | "observed product" | null;
  /** share / expected. */
  ratio: number | null;
  /** The expected share lies outside the interval. */
  significant: boolean;
  status: RepresentationStatus;
  /** Fewer rows than `minSize`: too few for reliable per-group metrics (e.g. in a fairness report). */
  tooSmall: boolean;
}

export interface GroupingShares {
  /** The column, or "a × b" for an intersection. */
  name: string;
  columns: string[];
  groups: GroupShare[];
}

/** How strongly one feature predicts one protected attribute. */
export interface ProxyScore {
  feature: string;
  kind: FeatureKind;
  attribute: string;
  /** ROC AUC (macro one-vs-rest for more than two groups; out-of-fold for categories). */
  auc: number | null;
  /** Mutual information in nats, its permutation baseline, and the excess as a share of the attribute's entropy. */
  mutualInformation: number;
  baseline: number;
  normalized: number;
  pValue: number;
  adjustedPValue: number;
  /** Significant and AUC ≥ proxyAuc. */
  proxy: boolean;
  strength: "strong" | "moderate" | "weak" | "none";
}

export interface RepresentationResult {
  rows: number;
  alpha: number;
  band: [number, number];
  minSize: number;
  groupings: GroupingShares[];
  proxies: ProxyScore[];
  proxyAuc: number;
  correction: Correction;
}

/** The "predictive-content" report (docs/collection.md). */
export interface PredictiveContentJSON extends ReportEnvelope, PredictiveContentResult {
  kind: "predictive-content";
  /** Where the data came from. */
  source: string;
}

/** The "coverage" report (docs/collection.md). */
export interface CoverageJSON extends ReportEnvelope, CoverageResult {
  kind: "coverage";
}

/** The "representation" report (docs/collection.md). */
export interface RepresentationJSON extends ReportEnvelope, RepresentationResult {
  kind: "representation";
  /** Where the data came from. */
  source: string;
}
