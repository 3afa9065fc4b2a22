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
  /**
   * From sketches, when the method has an error bound (KS from KLL sketches): the statistic's error ε (the sum of
   * both sketches' normalized rank errors for a whole CDF; 0 for a side still exact), the interval D ± ε, the
   * p-values at its ends (corrected like `adjustedPValue` when a correction applies), and whether the threshold
   * lies inside them. An inconclusive feature is not counted as drifted: profile with a larger `kllK`, or pass data.
   */
  bound?: SketchBound;
  /** E.g. the category with the largest difference (L-infinity). */
  detail?: string;
  /**
   * When the method asked for does not apply to this feature's data (e.g. Fisher on more than two categories):
   * that method and why; `method` is then the default rule's method, used instead.
   */
  fallback?: { method: DriftMethod; reason: string };
  /** `rule: "test-and-effect"`: the effect size (normed Wasserstein or Jensen–Shannon distance) and its floor. */
  effect?: { method: DriftMethod; value: number; floor: number };
  /** Plain words: how the feature moved. */
  summary: string;
  reference: SideSummary;
  current: SideSummary;
  /**
   * Both distributions, for the overlay chart; `null` for features past the report's `maxDistributions` (the
   * envelope's `omitted` says how many; `DriftReport.distribution(name)` computes one).
   */
  distribution: Distribution | null;
  /**
   * The report's size cap reduced this feature to its test result: `reference`/`current` keep only count, missing
   * and n, `detail` and `distribution` are left out (`omitted.sizeCap`).
   */
  summarized?: true;
}

/** The error of a statistic computed from sketches and what it leaves open (see {@link FeatureDrift.bound}). */
export interface SketchBound {
  /** ε: |statistic − the statistic on all values| ≤ ε (at the sketches' 99% confidence). */
  error: number;
  /** [statistic − ε, statistic + ε], clipped to the statistic's range. */
  statistic: [number, number];
  /** p-values at the interval's ends, smallest first (after the correction, when one applies). */
  pValue: [number, number] | null;
  /** True when the threshold lies inside the interval: the data may or may not have drifted. */
  inconclusive: boolean;
}

/** A side of a feature with a schema change: its kind and row counts (`n`: values the tests could use). */
export interface SchemaChangeSide {
  kind: FeatureKind;
  count: number;
  missing: number;
  n: number;
}

/**
 * A feature whose schema changed between the sides — present on one side only, without values on one side, or of
 * another kind (numeric on one side, categorical on the other) — reported as drifted and counted in the dataset
 * verdict.
 */
export interface SchemaChange {
  name: string;
  change:
    | "only-in-reference"
    | "only-in-current"
    | "all-missing-in-reference"
    | "all-missing-in-current"
    | "kind-changed";
  /** Plain words, with the counts, e.g. "all missing in current: 40 of 40 rows have no value". */
  reason: string;
  /** Null on the side without the column. */
  reference: SchemaChangeSide | null;
  current: SchemaChangeSide | null;
}

/** A feature not compared and not drifted (free text, no values on either side, no applicable method). */
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
  /**
   * `features` and `drifted` count schema changes (always drifted) with the compared features; `schemaChanges`
   * counts them alone. `datasetDrift`: share ≥ driftShare, or any schema change (unless `schemaChangeIsDrift: false`).
   */
  dataset: {
    features: number;
    drifted: number;
    share: number;
    driftShare: number;
    schemaChanges: number;
    datasetDrift: boolean;
  };
  features: FeatureDrift[];
  /** Features whose schema changed between the sides: drifted, with the reason. */
  schemaChanges: SchemaChange[];
  skipped: SkippedFeature[];
}
