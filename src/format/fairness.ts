/**
 * The JSON of the "fairness" and "slices" report kinds (docs/fairness.md, docs/report-format.md). Types only: the
 * chart builders import them without pulling in any analysis code.
 */

import type { ReportEnvelope } from "./envelope.js";

/** The harms a disparity can indicate (representational harm is not measurable from group rates; see the docs). */
export type Harm = "opportunity-denial" | "disproportionate-product-failure" | "harm-by-disadvantage";

/** A metric's value in a group, with its interval and, for rates, its counts. `null` = undefined (0 denominator). */
export interface MetricValueJSON {
  value: number | null;
  /** Rates: the count in the numerator and the denominator (e.g. FN and TP + FN for the FNR). */
  numerator?: number;
  denominator?: number;
  /** Interval at 1 − alpha: Wilson (rates), Student t (means), or percentile bootstrap. */
  lower: number | null;
  upper: number | null;
}

/**
 * How a group's metric compares with the reference.
 * - `reference`: the group is the reference;
 * - `too-small`: fewer rows than minGroupSize, not judged;
 * - `undefined`: the metric or the reference is undefined (0 denominator);
 * - `not-tested`: a custom metric (no test);
 * - `within-band`: ratio inside the fairness band;
 * - `outside-band-not-significant`: ratio outside the band, but the corrected test is not significant;
 * - `outside-band`: outside and significant, in a direction that is not harmful (or a metric without a harm);
 * - `harm`: outside the band, significant after correction, in the harmful direction: a flag.
 */
export type DisparityStatus =
  | "reference"
  | "too-small"
  | "undefined"
  | "not-tested"
  | "within-band"
  | "outside-band-not-significant"
  | "outside-band"
  | "harm";

export interface DisparityJSON {
  /** The value compared with: overall, the group's stratum, or the reference group. */
  referenceValue: number | null;
  /** group − reference. */
  difference: number | null;
  /** group / reference (null when the reference is 0). */
  ratio: number | null;
  test?: "z" | "fisher" | "welch-t";
  statistic?: number | null;
  pValue?: number | null;
  /** Holm or Benjamini–Hochberg adjusted across the groups of the grouping, per metric. */
  adjustedPValue?: number | null;
  significant: boolean;
  /** Whether the ratio lies outside the fairness band. */
  outsideBand: boolean;
  /** Whether the group fares worse or better than the reference on this metric (neutral: no harmful direction). */
  direction: "worse" | "better" | "neutral";
  status: DisparityStatus;
  harm?: Harm;
}

/** Confusion counts at one score threshold (predicted positive when score ≥ threshold). */
export interface ThresholdJSON {
  threshold: number;
  n: number;
  /** Rows with score ≥ threshold. */
  selected: number;
  /** Confusion counts (absent without a label). */
  truePositives?: number;
  falsePositives?: number;
  trueNegatives?: number;
  falseNegatives?: number;
  /** The rates at this threshold (values only). */
  rates: Record<string, number | null>;
}

/** Score histogram of a group: counts per bin (bins from `settings.scoreBins`), split by the label. */
export interface ScoreHistogramJSON {
  /** Rows with label 1 (absent without a label). */
  positive?: number[];
  /** Rows with label 0 (absent without a label). */
  negative?: number[];
  /** Every row (only without a label). */
  all?: number[];
}

export interface GroupJSON {
  /** Column → value (null = missing). */
  key: Record<string, string | null>;
  label: string;
  n: number;
  /** n ≥ minGroupSize: the group's disparities are judged. */
  judged: boolean;
  metrics: Record<string, MetricValueJSON>;
  disparities: Record<string, DisparityJSON>;
  thresholds?: ThresholdJSON[];
  scoreHistogram?: ScoreHistogramJSON;
}

export interface BinsJSON {
  column: string;
  edges: number[];
  method: "quantile" | "given";
}

export interface SpreadJSON {
  min: number;
  max: number;
  minGroup: string;
  maxGroup: string;
  /** max − min (Fairlearn's `difference(method="between_groups")`). */
  difference: number;
  /** min / max (Fairlearn's `ratio(method="between_groups")`); null when max is 0. */
  ratio: number | null;
}

export interface GroupingJSON {
  /** "sex", or "sex × race" for an intersection. */
  name: string;
  columns: string[];
  /**
   * Columns of a `stratifyBy` stratification: each group is compared within its stratum (with the rest of the stratum,
   * or the stratum's reference group), as Fairlearn's control features.
   */
  stratifiedBy?: string[];
  bins?: BinsJSON[];
  reference: {
    kind: "overall" | "largest" | "group";
    /** The reference group's label (largest or named). */
    group?: string;
    /** The reference value per metric. */
    values: Record<string, number | null>;
    /** What the tests compare each group against. */
    testedAgainst: "complement" | "reference-group";
  };
  groups: GroupJSON[];
  /** Max − min and min / max over judged groups, per metric. */
  spread: Record<string, SpreadJSON | null>;
  /** Groups below minGroupSize (listed, not judged). */
  tooSmall: number;
  /** Groups hidden by suppressBelow (not listed). */
  suppressed: number;
}

export interface MetricInfoJSON {
  name: string;
  label: string;
  kind: "rate" | "mean" | "custom";
  formula?: string;
  worse?: "higher" | "lower";
  harm?: Harm;
}

/** One disparity in the flag lists. */
export interface FlagJSON {
  grouping: string;
  group: string;
  metric: string;
  harm?: Harm;
  value: number | null;
  /** What the group is compared with: "overall", a stratum ("dept=A"), or the reference group's label. */
  reference: string;
  referenceValue: number | null;
  difference: number | null;
  ratio: number | null;
  adjustedPValue: number | null;
  n: number;
}

/** A disparity whose direction flips within the strata of other columns (Simpson's paradox). */
export interface ReversalJSON {
  grouping: string;
  stratifiedBy: string[];
  metric: string;
  /** The two groups, the first with the lower overall rate. */
  groups: [string, string];
  /** Overall rates, and the two-sided p-value of their difference (z or Fisher). */
  crude: { first: number; second: number; difference: number; pValue: number };
  /** Rates standardized to the strata's total denominators (direct standardization). */
  standardized: { first: number; second: number; difference: number };
  strata: { stratum: string; first: number | null; second: number | null; firstN: number; secondN: number }[];
  /** Strata where the first group's rate is above the second's (against the crude direction). */
  strataReversed: number;
  /** Strata where it is below (the crude direction). */
  strataAgreeing: number;
}

export interface FairnessJSON extends ReportEnvelope {
  kind: "fairness";
  source: string;
  numRows: number;
  /** Rows analysed (rows with a missing label, prediction or score are left out, see notes). */
  rowsUsed: number;
  task: "classification" | "regression" | "decisions";
  columns: { label?: string; prediction?: string; score?: string };
  settings: {
    alpha: number;
    ci: "wilson" | "bootstrap";
    bootstrap?: { resamples: number; seed: number };
    minGroupSize: number;
    band: { lower: number; upper: number };
    reference: "overall" | "largest" | "group";
    correction: "holm" | "benjamini-hochberg";
    favorable: "positive" | "negative";
    positiveLabel?: string;
    threshold?: number;
    thresholds?: number[];
    scoreBins?: { bins: number; min: number; max: number };
    suppressBelow?: number;
  };
  metrics: MetricInfoJSON[];
  overall: {
    n: number;
    metrics: Record<string, MetricValueJSON>;
    thresholds?: ThresholdJSON[];
    scoreHistogram?: ScoreHistogramJSON;
  };
  groupings: GroupingJSON[];
  /** Harm flags: outside the band, significant after correction, harmful direction. */
  flags: FlagJSON[];
  /** Outside the band but not significant after correction (not flagged). */
  outsideBandNotSignificant: FlagJSON[];
  reversals: ReversalJSON[];
  notes: string[];
}

/** A predicate of a slice: a column's value or bin. */
export interface SlicePredicateJSON {
  column: string;
  value: string | null;
  /** For binned numeric columns: the bin (lower, upper], the first bin closed on the left. */
  interval?: [number, number];
}

export interface SliceJSON {
  predicates: SlicePredicateJSON[];
  label: string;
  size: number;
  /** Failure rate or mean loss in the slice, and in the rest. */
  value: number;
  complementValue: number;
  /** Failures in the slice (error-rate outcomes). */
  failures?: number;
  /** φ = √2 (ψ(S) − ψ(S′)) / √(σ²_S + σ²_S′) (null when infinite: no variance on either side). */
  effectSize: number | null;
  test: "z" | "fisher" | "welch-t";
  statistic: number | null;
  pValue: number;
  /** Benjamini–Hochberg adjusted p-value (method "bh"). */
  adjustedPValue?: number;
  /** The level the slice was tested at (method "alpha-investing"). */
  testLevel?: number;
  lower: number | null;
  upper: number | null;
}

export interface SlicesJSON extends ReportEnvelope {
  kind: "slices";
  source: string;
  numRows: number;
  rowsUsed: number;
  outcome: {
    kind: "error-rate" | "mean-loss";
    label?: string;
    prediction?: string;
    score?: string;
    threshold?: number;
    loss?: string;
  };
  settings: {
    features: string[];
    maxDegree: number;
    minSize: number;
    alpha: number;
    method: "alpha-investing" | "bh";
    bins: number;
    maxSlices: number;
  };
  overall: { n: number; value: number };
  bins: BinsJSON[];
  /** Candidate slices with at least minSize rows (and a complement of at least minSize rows). */
  candidates: number;
  tested: number;
  /** Slices inside an already discovered, larger slice (not tested, not listed). */
  subsumed: number;
  /** Discoveries ranked by effect size. */
  slices: SliceJSON[];
  notes: string[];
}
