/** The schema document (docs/schema.md) and the "schema" report kind. Types and constants only. */
import type { ReportEnvelope } from "./envelope.js";
import type { FeatureKind } from "./profile.js";

/** Version of the schema file format (docs/schema.md); bumped on incompatible changes. */
export const SCHEMA_FORMAT_VERSION = 1;

/**
 * A distribution comparator stored in the schema, TFDV's `drift_comparator` / `skew_comparator`:
 * - `lInfinity`: max over categories of |p_i − q_i|, each side normalized by its own total (TFDV's `infinity_norm`);
 *   for categorical, text and boolean features.
 * - `jensenShannonDivergence`: JSD in bits (log2, bounded by 1), TFDV's `jensen_shannon_divergence`; for numeric
 *   features over aligned histograms (`histogram`: `standard` equal-width, the default, or `quantiles`), and for
 *   categorical, text and boolean features over value counts.
 * An anomaly is raised when the measured value is above `threshold`.
 */
export interface ComparatorSpec {
  measure: "lInfinity" | "jensenShannonDivergence";
  threshold: number;
  /** Numeric features with `jensenShannonDivergence` only: which profile histogram to compare. Default `standard`. */
  histogram?: "standard" | "quantiles";
}

/** What fraction / number of rows must have a value (not null). `minFraction: 1` means the feature is not nullable. */
export interface PresenceSpec {
  minFraction: number;
  minCount: number;
}

/** The allowed values of a categorical feature (TFDV's string domain), sorted. */
export interface DomainSpec {
  values: string[];
  /**
   * The fraction of present values that must lie in the domain (TFDV's `distribution_constraints.min_domain_mass`).
   * Absent means 1: any value outside the domain is an anomaly.
   */
  minMass?: number;
}

/** Constraints of a numeric feature. */
export interface NumericSpec {
  /** Every finite value must be an integer (TFDV's INT type). */
  integer: boolean;
  /** NaN values are allowed (else FLOAT_TYPE_HAS_NAN). */
  allowNaN: boolean;
  /** ±Infinity values are allowed (else FLOAT_TYPE_HAS_INF). */
  allowInfinity: boolean;
  /** Smallest allowed finite value (TFDV's float_domain.min). Absent: no bound. */
  min?: number;
  /** Largest allowed finite value. Absent: no bound. */
  max?: number;
}

/** Constraints of a datetime feature: the allowed range as ISO 8601 instants. */
export interface DatetimeSpec {
  min?: string;
  max?: string;
}

/** Bounds on the number of distinct values (TFDV's `unique_constraints`). */
export interface UniqueSpec {
  min?: number;
  max?: number;
}

/** One feature of the schema (a column). Keys are written in this order. */
export interface FeatureSpec {
  name: string;
  type: FeatureKind;
  /** Deprecated features are kept for reference but never checked (TFDV's lifecycle_stage DEPRECATED). */
  deprecated?: boolean;
  /**
   * The column's values identify people (names, e-mails, zip codes): shared reports (CLI `--html`, `driftlab render`,
   * and `--json` with privacy options) show its values hashed or redacted and hide its extremes (docs/privacy.md).
   */
  sensitive?: boolean;
  presence: PresenceSpec;
  /** When non-empty, the feature exists only in these environments (TFDV's `in_environment`). */
  inEnvironments?: string[];
  /** Environments where the feature is absent, e.g. the label in SERVING (TFDV's `not_in_environment`). */
  notInEnvironments?: string[];
  domain?: DomainSpec;
  numeric?: NumericSpec;
  datetime?: DatetimeSpec;
  unique?: UniqueSpec;
  /** Compared with the previous span's data (`validate(..., { previous })`). */
  driftComparator?: ComparatorSpec;
  /** Compared with serving data (`validate(training, ..., { serving })`). */
  skewComparator?: ComparatorSpec;
}

/** Dataset-level constraints. */
export interface DatasetSpec {
  /** Fewer rows raise DATASET_LOW_NUM_EXAMPLES. */
  minExamples?: number;
  /** More rows raise DATASET_HIGH_NUM_EXAMPLES. */
  maxExamples?: number;
  /**
   * Rows relative to the previous span (TFDV's `num_examples_drift_comparator`): current / previous below
   * `minFraction` raises COMPARATOR_LOW_NUM_EXAMPLES, above `maxFraction` COMPARATOR_HIGH_NUM_EXAMPLES.
   */
  numExamplesDrift?: { minFraction?: number; maxFraction?: number };
}

/** The schema file format (docs/schema.md, docs/schema.schema.json). */
export interface SchemaJSON {
  format: "driftlab-schema";
  version: typeof SCHEMA_FORMAT_VERSION;
  /** Where the schema was inferred from (informative). */
  source?: string;
  /** The environments features may be restricted to (TFDV's `default_environment`), sorted. */
  environments: string[];
  dataset: DatasetSpec;
  /** Sorted by name. */
  features: FeatureSpec[];
}

/** The schema report format (kind "schema"): the envelope plus the schema document itself. */
export interface SchemaReportJSON extends ReportEnvelope {
  kind: "schema";
  schema: SchemaJSON;
}
