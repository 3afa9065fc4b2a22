/** The JSON of the "drift" report kind: per-feature tests between a reference and a current dataset (docs/drift.md). */
import type { ReportEnvelope } from "./envelope.js";
import type { Correction } from "./options.js";
import type { FeatureKind } from "./profile.js";

/** The drift tests and distances driftlab can run per feature. */
export type DriftMethod =
  | "ks"
  | "chisquare"
  | "z"
  | "fisher"
  | "anderson"
  | "cvm"
  | "mannwhitney"
  | "wasserstein"
  | "energy"
  | "psi"
  | "jensenshannon"
  | "js-divergence"
  | "kl"
  | "hellinger"
  | "tvd"
  | "linf";

/** How a method's score is compared with its threshold. */
export type Comparison = "p<=" | "p<" | ">=";

/** What the overlay chart of a numeric feature needs: shared bins and each side's quantile function. */
export interface NumericDistribution {
  type: "numeric";
  /** Equal-width bins over the central range of both sides (0.5th to 99.5th percentile). */
  edges: number[];
  /** Counts per bin; values beyond the range are counted in the first and last bins (see `clipped`). */
  reference: number[];
  current: number[];
  /** Values below the first and above the last edge, folded into the end bins. */
  clipped: { reference: [number, number]; current: [number, number] };
  /** Quantiles at 0, 0.01, ..., 1 of each side, for the ECDF. */
  quantileLevels: number[];
  referenceQuantiles: number[];
  currentQuantiles: number[];
  /** True when the feature holds datetimes (values are ms since the epoch). */
  datetime: boolean;
}

export interface CategoricalDistribution {
  type: "categorical";
  /** Up to `maxCategories` categories with the largest share on either side, then "(other)" if more exist. */
  categories: string[];
  reference: number[];
  current: number[];
  /** Categories in total (both sides). */
  totalCategories: number;
}

export type Distribution = NumericDistribution | CategoricalDistribution;

/** What one side (reference or current) of a feature looked like. */
export interface SideSummary {
  /** Rows. */
  count: number;
  missing: number;
  /** Values the test used (present, finite). */
  n: number;
  mean?: number;
  std?: number;
  min?: number;
  max?: number;
  nonFinite?: number;
  categories?: number;
}

/** The drift result of one feature. */
export interface FeatureDrift {
  name: string;
  kind: FeatureKind;
  method: DriftMethod;
  methodLabel: string;
  methodType: "p-value" | "distance";
  comparison: Comparison;
  /** Test statistic (KS D, chi-square X², z, ...) or distance. */
  statistic: number;
  pValue: number | null;
  /** p-value after the multiple-testing correction, when one was asked for. */
  adjustedPValue: number | null;
  /** What is compared with the threshold: the (adjusted) p-value or the distance. */
  score: number;
  threshold: number;
  drifted: boolean;
  /** Score relative to threshold, comparable across methods: ≥ 1 means drift. */
  strength: number;
  /** True when computed from sketches (profiles) rather than raw values. */
  approximate: boolean;
  /** E.g. the category with the largest difference (L-infinity). */
  detail?: string;
  /** Plain words: how the feature moved. */
  summary: string;
  reference: SideSummary;
  current: SideSummary;
  distribution: Distribution;
}

export interface SkippedFeature {
  name: string;
  reason: string;
}

/** The drift report format (docs/report-format.md). */
export interface DriftJSON extends ReportEnvelope {
  kind: "drift";
  reference: { name: string; source: string; numRows: number };
  current: { name: string; source: string; numRows: number };
  correction: Correction;
  dataset: { features: number; drifted: number; share: number; driftShare: number; datasetDrift: boolean };
  features: FeatureDrift[];
  skipped: SkippedFeature[];
}
