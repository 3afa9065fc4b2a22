import { toDataset, type DatasetInput } from "../data/index.js";
import { DriftlabError } from "../errors.js";
import { profile as profileOf, Profile } from "../stats/profile.js";
import type { FeatureProfile } from "../stats/types.js";
import { comparatorAllowed, sortedUnique } from "./format.js";
import { Schema } from "./schema.js";
import {
  SCHEMA_FORMAT_VERSION,
  type ComparatorSpec,
  type FeatureSpec,
  type SchemaJSON,
} from "../format/schema.js";

/** TFDV's `max_string_domain_size`: categorical features with more distinct values get no domain. */
export const DEFAULT_MAX_DOMAIN_SIZE = 100;

/** Default comparator thresholds when `comparators: true` (TFDV sets none; see docs/schema.md for the choice). */
export const DEFAULT_COMPARATORS = {
  lInfinity: 0.1,
  jensenShannonDivergence: 0.1,
  numExamples: { minFraction: 0.5, maxFraction: 2 },
} as const;

/** Comparator settings for {@link inferSchema}. */
export interface ComparatorDefaults {
  /** Set drift comparators (versus previous). Default true. */
  drift?: boolean;
  /** Set skew comparators (versus serving). Default true. */
  skew?: boolean;
  /** L-infinity threshold for categorical and boolean features. Default 0.1. */
  lInfinity?: number;
  /** Jensen–Shannon divergence (bits) threshold for numeric features. Default 0.1. */
  jensenShannonDivergence?: number;
  /** Dataset size versus previous: allowed ratio range. Default { minFraction: 0.5, maxFraction: 2 }. */
  numExamples?: { minFraction?: number; maxFraction?: number } | false;
}

/** Options of {@link inferSchema}; every one has a default. */
export interface InferSchemaOptions {
  /**
   * Categorical features with at most this many distinct values get a domain (the list of allowed values);
   * features with more, text features and identifier-like features (every one of 20+ values distinct) get none.
   * Default 100 (TFDV's max_string_domain_size).
   */
  maxDomainSize?: number;
  /**
   * Infer ranges from the observed min and max: `true` for numeric and datetime features, or pick. Default false, as
   * TFDV: a range inferred from a sample flags every new extreme (and every new day for dates).
   */
  ranges?: boolean | { numeric?: boolean; datetime?: boolean };
  /**
   * Presence: by default `minFraction` is 1 for a feature never missing and 0 otherwise (TFDV). With a margin m,
   * a feature with missing values gets `minFraction = observed fraction − m` (floored at 0, 4 decimals).
   */
  minFractionMargin?: number;
  /** Bound the number of distinct values of categorical features to what was observed (FEATURE_TYPE_*_UNIQUE). Default false. */
  uniqueBounds?: boolean;
  /** The environments the schema knows, e.g. ["TRAINING", "SERVING"]. Default: none. */
  environments?: string[];
  /** Features absent per environment, e.g. `{ SERVING: ["label"] }` (the label is not in serving data). Default: none. */
  notIn?: Record<string, string[]>;
  /**
   * Drift and skew comparators: `true` sets L-infinity 0.1 on categorical and boolean features, Jensen–Shannon
   * divergence 0.1 on numeric features, and a dataset-size comparator (0.5× to 2× the previous span); an object
   * picks. Default false: no comparators, as TFDV (add them per feature with `feature.driftComparator.lInfinity(t)`).
   */
  comparators?: boolean | ComparatorDefaults;
}

function checkOptions(options: InferSchemaOptions): void {
  const max = options.maxDomainSize;
  if (max !== undefined && (!Number.isInteger(max) || max < 0)) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `inferSchema option maxDomainSize must be an integer ≥ 0, got ${String(max)}.`,
      {
        subject: "maxDomainSize",
      },
    );
  }
  const margin = options.minFractionMargin;
  if (margin !== undefined && !(margin >= 0 && margin <= 1)) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `inferSchema option minFractionMargin must be in [0, 1], got ${String(margin)}.`,
      {
        subject: "minFractionMargin",
      },
    );
  }
}

function comparatorDefaults(
  option: InferSchemaOptions["comparators"],
): Required<ComparatorDefaults> | undefined {
  if (option === undefined || option === false) return undefined;
  const o = option === true ? {} : option;
  for (const key of ["lInfinity", "jensenShannonDivergence"] as const) {
    const v = o[key];
    if (v !== undefined && !(v >= 0 && Number.isFinite(v))) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `inferSchema option comparators.${key} must be a number ≥ 0, got ${String(v)}.`,
        {
          subject: key,
        },
      );
    }
  }
  return {
    drift: o.drift ?? true,
    skew: o.skew ?? true,
    lInfinity: o.lInfinity ?? DEFAULT_COMPARATORS.lInfinity,
    jensenShannonDivergence: o.jensenShannonDivergence ?? DEFAULT_COMPARATORS.jensenShannonDivergence,
    numExamples: o.numExamples ?? DEFAULT_COMPARATORS.numExamples,
  };
}

function floorTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.max(0, Math.floor(value * scale + 1e-9) / scale);
}

/** The feature part of a schema inferred from one feature's profile (also used by updateSchema for new columns). */
export function inferFeature(f: FeatureProfile, options: InferSchemaOptions = {}): FeatureSpec {
  const present = f.count - f.missing;
  const fraction = f.count === 0 ? 0 : present / f.count;
  let minFraction = 0;
  if (present > 0 && f.missing === 0) minFraction = 1;
  else if (present > 0 && options.minFractionMargin !== undefined)
    minFraction = floorTo(fraction - options.minFractionMargin, 4);
  const spec: FeatureSpec = {
    name: f.name,
    type: f.kind,
    presence: { minFraction, minCount: present > 0 ? 1 : 0 },
  };
  const ranges =
    options.ranges === true
      ? { numeric: true, datetime: true }
      : options.ranges === false
        ? {}
        : (options.ranges ?? {});
  if (f.numeric !== undefined) {
    const s = f.numeric;
    spec.numeric = {
      integer: s.integer && s.finiteCount > 0,
      allowNaN: s.nan > 0,
      allowInfinity: s.positiveInfinity + s.negativeInfinity > 0,
    };
    if (ranges.numeric === true && s.finiteCount > 0) {
      spec.numeric.min = s.min;
      spec.numeric.max = s.max;
    }
  }
  if (f.datetime !== undefined && ranges.datetime === true && f.datetime.min !== "") {
    spec.datetime = { min: f.datetime.min, max: f.datetime.max };
  }
  const c = f.categorical;
  if (c !== undefined && f.kind === "categorical" && c.countsExact && present > 0) {
    const maxDomain = options.maxDomainSize ?? DEFAULT_MAX_DOMAIN_SIZE;
    const identifierLike = c.unique === present && present >= 20;
    if (c.unique <= maxDomain && !identifierLike && c.rankHistogram.length === c.unique) {
      spec.domain = { values: sortedUnique(c.rankHistogram.map((v) => v.value)) };
    }
  }
  if (c !== undefined && options.uniqueBounds === true && present > 0) {
    spec.unique = { min: c.unique, max: c.unique };
  }
  const comparators = comparatorDefaults(options.comparators);
  if (comparators !== undefined && present > 0) {
    let comparator: ComparatorSpec | undefined;
    if (f.kind === "numeric")
      comparator = { measure: "jensenShannonDivergence", threshold: comparators.jensenShannonDivergence };
    else if (f.kind === "categorical" || f.kind === "boolean")
      comparator = { measure: "lInfinity", threshold: comparators.lInfinity };
    if (comparator !== undefined && comparatorAllowed(comparator.measure, f.kind)) {
      if (comparators.drift) spec.driftComparator = { ...comparator };
      if (comparators.skew) spec.skewComparator = { ...comparator };
    }
  }
  return spec;
}

/**
 * Infers a schema from statistics (TFDV's `infer_schema`), with conservative heuristics to review:
 * - type: the feature's kind; numeric features record whether they are integers and whether NaN / ±Infinity occur
 *   (their absence becomes a constraint);
 * - presence: `minCount` 1 and `minFraction` 1 when the feature is never missing (not nullable), else 0 (or the
 *   observed fraction minus `minFractionMargin`);
 * - domain: the sorted values of categorical features with at most `maxDomainSize` (100) distinct values;
 * - ranges, distinct-count bounds and comparators only when asked (`ranges`, `uniqueBounds`, `comparators`);
 * - environments: `environments` and `notIn` (e.g. the label is not in SERVING);
 * - dataset: `minExamples` 1 (empty data is an anomaly).
 *
 * @param data a profile, or data to profile first.
 * @example inferSchema(profile(train), { environments: ["TRAINING", "SERVING"], notIn: { SERVING: ["label"] } })
 */
export function inferSchema(data: Profile | DatasetInput, options: InferSchemaOptions = {}): Schema {
  checkOptions(options);
  const stats = data instanceof Profile ? data : profileOf(toDataset(data));
  const environments = sortedUnique([...(options.environments ?? []), ...Object.keys(options.notIn ?? {})]);
  const features = stats.features.map((f) => inferFeature(f, options));
  for (const [environment, names] of Object.entries(options.notIn ?? {})) {
    for (const name of names) {
      const spec = features.find((f) => f.name === name);
      if (spec === undefined) {
        throw new DriftlabError(
          "MISSING_COLUMN",
          `inferSchema option notIn.${environment} names "${name}", which ${stats.source} does not have. Features are: ${stats.features.map((f) => `"${f.name}"`).join(", ")}.`,
          { subject: name },
        );
      }
      spec.notInEnvironments = sortedUnique([...(spec.notInEnvironments ?? []), environment]);
    }
  }
  const json: SchemaJSON = {
    format: "driftlab-schema",
    version: SCHEMA_FORMAT_VERSION,
    source: stats.source,
    environments,
    dataset: { minExamples: 1 },
    features,
  };
  const comparators = comparatorDefaults(options.comparators);
  if (comparators !== undefined && comparators.drift && comparators.numExamples !== false) {
    json.dataset.numExamplesDrift = { ...comparators.numExamples };
  }
  return new Schema(json);
}
