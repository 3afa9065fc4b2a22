/**
 * The catalogue of anomaly codes `validate()` raises. Codes are stable: TFDV's names where TFDV has the check
 * (tensorflow/data-validation docs/anomalies.md), driftlab's own otherwise (marked `tfdv: false`). docs/anomalies.md
 * is generated from this table and a test keeps it up to date. Constant data only (the report format layer).
 */

/**
 * How bad an anomaly is:
 * - `error`: the data breaks a constraint the schema states (the CLI exits with 1);
 * - `warning`: the data changed in a way that is often legitimate (a new column, fewer distinct values);
 * - `info`: a check could not run (no control data).
 */
export type AnomalySeverity = "error" | "warning" | "info";

export const ANOMALY_SEVERITIES: readonly AnomalySeverity[] = ["error", "warning", "info"];

export interface AnomalyCodeInfo {
  severity: AnomalySeverity;
  /** A few words, shown in tables. */
  short: string;
  /** What the check does and what to do about it. */
  long: string;
  /** The code is TFDV's (same meaning); false for driftlab's own codes. */
  tfdv: boolean;
}

const catalogue = {
  SCHEMA_MISSING_COLUMN: {
    severity: "error",
    short: "Column dropped",
    long:
      "The schema has the feature, it is expected in the environment validated, and the data has no such column. " +
      "If the column is legitimately absent in this environment, mark it with `feature.notIn(environment)`; if it " +
      "is gone for good, remove or `deprecate()` it.",
    tfdv: true,
  },
  SCHEMA_NEW_COLUMN: {
    severity: "warning",
    short: "New column",
    long:
      "The data has a column the schema does not describe, or one the schema declares absent from the environment " +
      "validated. Add it with `updateSchema` or `schema.addFeature`, or drop it from the data.",
    tfdv: true,
  },
  UNEXPECTED_DATA_TYPE: {
    severity: "error",
    short: "Unexpected data type",
    long:
      "The column's kind (numeric, categorical, boolean, datetime) differs from the schema's type, or the schema " +
      "expects integers and the data has fractional values. Categorical and text are interchangeable. Other checks " +
      "of the feature are skipped when the kind differs.",
    tfdv: true,
  },
  FEATURE_TYPE_NOT_PRESENT: {
    severity: "error",
    short: "No values",
    long: "The column exists but every value is missing (null), while the schema requires values (presence).",
    tfdv: true,
  },
  FEATURE_TYPE_LOW_FRACTION_PRESENT: {
    severity: "error",
    short: "Missing values",
    long:
      "The fraction of rows with a value (not null) is below the schema's `presence.minFraction`. A minFraction of 1 " +
      "means the feature is not nullable. Lower it with `feature.presence.minFraction = x` if missing values are " +
      "legitimate.",
    tfdv: true,
  },
  FEATURE_TYPE_LOW_NUMBER_PRESENT: {
    severity: "error",
    short: "Too few values",
    long: "Fewer rows have a value than the schema's `presence.minCount`.",
    tfdv: true,
  },
  ENUM_TYPE_UNEXPECTED_STRING_VALUES: {
    severity: "error",
    short: "Unexpected string values",
    long:
      "Values outside the feature's domain; the anomaly lists them with their count and fraction of present values. " +
      "Raised when the share of values inside the domain is below `domain.minMass` (default 1: any value outside). " +
      "Add legitimate values with `feature.domain.add(...)` or `updateSchema`.",
    tfdv: true,
  },
  FLOAT_TYPE_HAS_NAN: {
    severity: "error",
    short: "NaN values",
    long: "The feature has NaN values and the schema does not allow them (`numeric.allowNaN`).",
    tfdv: true,
  },
  FLOAT_TYPE_HAS_INF: {
    severity: "error",
    short: "Infinite values",
    long: "The feature has +Infinity or -Infinity values and the schema does not allow them (`numeric.allowInfinity`).",
    tfdv: true,
  },
  FLOAT_TYPE_SMALL_FLOAT: {
    severity: "error",
    short: "Out-of-range values (too small)",
    long: "The smallest finite value is below the schema's `numeric.min` (set with `feature.setRange(min, max)`).",
    tfdv: true,
  },
  FLOAT_TYPE_BIG_FLOAT: {
    severity: "error",
    short: "Out-of-range values (too large)",
    long: "The largest finite value is above the schema's `numeric.max` (set with `feature.setRange(min, max)`).",
    tfdv: true,
  },
  DATETIME_TYPE_TOO_EARLY: {
    severity: "error",
    short: "Out-of-range dates (too early)",
    long: "The earliest instant is before the schema's `datetime.min`.",
    tfdv: false,
  },
  DATETIME_TYPE_TOO_LATE: {
    severity: "error",
    short: "Out-of-range dates (too late)",
    long: "The latest instant is after the schema's `datetime.max`.",
    tfdv: false,
  },
  FEATURE_TYPE_LOW_UNIQUE: {
    severity: "warning",
    short: "Low number of distinct values",
    long: "The domain shrank: the number of distinct values is below the schema's `unique.min`.",
    tfdv: true,
  },
  FEATURE_TYPE_HIGH_UNIQUE: {
    severity: "warning",
    short: "High number of distinct values",
    long: "The domain grew: the number of distinct values is above the schema's `unique.max`.",
    tfdv: true,
  },
  DATASET_LOW_NUM_EXAMPLES: {
    severity: "error",
    short: "Low number of examples",
    long: "The dataset has fewer rows than the schema's `dataset.minExamples` (1 when inferred: empty data).",
    tfdv: true,
  },
  DATASET_HIGH_NUM_EXAMPLES: {
    severity: "warning",
    short: "High number of examples",
    long: "The dataset has more rows than the schema's `dataset.maxExamples`.",
    tfdv: true,
  },
  COMPARATOR_LOW_NUM_EXAMPLES: {
    severity: "warning",
    short: "Dataset shrank versus previous",
    long:
      "Rows of the data divided by rows of the previous span is below `dataset.numExamplesDrift.minFraction` " +
      "(TFDV's num_examples_drift_comparator).",
    tfdv: true,
  },
  COMPARATOR_HIGH_NUM_EXAMPLES: {
    severity: "warning",
    short: "Dataset grew versus previous",
    long: "Rows of the data divided by rows of the previous span is above `dataset.numExamplesDrift.maxFraction`.",
    tfdv: true,
  },
  COMPARATOR_L_INFTY_HIGH: {
    severity: "error",
    short: "High L-infinity distance",
    long:
      "Drift (versus previous) or skew (versus serving) of a categorical feature: the largest difference between the " +
      "two value frequency distributions, max |p_i − q_i| with each side normalized by its own total, is above the " +
      "comparator's threshold. The anomaly names the value with the largest difference.",
    tfdv: true,
  },
  COMPARATOR_JENSEN_SHANNON_DIVERGENCE_HIGH: {
    severity: "error",
    short: "High Jensen–Shannon divergence",
    long:
      "Drift (versus previous) or skew (versus serving): the Jensen–Shannon divergence in bits (log2, at most 1) " +
      "between the two distributions is above the comparator's threshold. Numeric features are compared on their " +
      "histograms aligned as TFDV does (union of bucket boundaries, each bucket's mass spread uniformly, NaN and " +
      "±Infinity as extra buckets); others on value counts.",
    tfdv: true,
  },
  COMPARATOR_CONTROL_DATA_MISSING: {
    severity: "info",
    short: "No control data to compare",
    long:
      "The feature has a drift or skew comparator but the previous (or serving) data has no values of it, so the " +
      "comparison could not run.",
    tfdv: true,
  },
} satisfies Record<string, AnomalyCodeInfo>;

/** An anomaly code of the catalogue. */
export type AnomalyCode = keyof typeof catalogue;

/** Every anomaly code with its severity, short and long description. */
export const ANOMALY_CODES: Readonly<Record<AnomalyCode, AnomalyCodeInfo>> = catalogue;

/** The codes in catalogue order. */
export const ANOMALY_CODE_LIST: readonly AnomalyCode[] = Object.keys(catalogue) as AnomalyCode[];
