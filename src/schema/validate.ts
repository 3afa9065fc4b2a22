import { Dataset, type FeatureKind } from "../data/column.js";
import { toDataset, withKinds, type DatasetInput } from "../data/index.js";
import { DriftlabError } from "../errors.js";
import { formatNumber, formatPercent } from "../report/html.js";
import { isSource, profile as profileOf, Profile, type Source } from "../stats/profile.js";
import { sourceAnalyses } from "../stats/source.js";
import type { FeatureProfile } from "../stats/types.js";
import { Anomalies, type Anomaly, type UnexpectedValue } from "./anomalies.js";
import { ANOMALY_CODES, type AnomalyCode } from "./anomaly-codes.js";
import { compareFeature, type ComparatorResult } from "./comparators.js";
import { isStringKind } from "./format.js";
import { inEnvironment, type Schema } from "./schema.js";
import type { ComparatorSpec, FeatureSpec, SchemaJSON } from "../format/schema.js";

/** Data to validate: a profile, or anything `profile()` accepts (it is profiled first). */
export type ValidationInput = Profile | DatasetInput;

/** Options of {@link validate}. */
export interface ValidateOptions {
  /**
   * The environment the data comes from (e.g. "SERVING"): features declared `notIn` it are not expected. Must be one
   * of the schema's environments. Default: none, every feature is expected.
   */
  environment?: string;
  /** The previous span's data: drift comparators and the dataset-size comparator run against it. Default: none. */
  previous?: ValidationInput;
  /** Serving data: skew comparators run against it (the validated data being training data). Default: none. */
  serving?: ValidationInput;
  /** Title of the report. Default "Anomalies of <source> (<environment>)". */
  title?: string;
}

/** How many unexpected values an anomaly lists. */
const LISTED_VALUES = 20;

function describeKind(kind: FeatureKind): string {
  return kind === "text" ? "text (strings)" : kind;
}

function sameFamily(expected: FeatureKind, actual: FeatureKind): boolean {
  return expected === actual || (isStringKind(expected) && isStringKind(actual));
}

/**
 * Profiles raw data for validation against a schema: a column whose inferred kind differs from the schema's type
 * is converted to that type when every value converts (numbers read from a CSV as a categorical feature, 0/1 as a
 * boolean); otherwise it keeps its kind and validation reports UNEXPECTED_DATA_TYPE.
 */
export function profileForSchema(data: ValidationInput, json: SchemaJSON): Profile {
  if (data instanceof Profile) return data;
  let dataset: Dataset = toDataset(data);
  for (const spec of json.features) {
    if (!dataset.has(spec.name)) continue;
    const kind = dataset.column(spec.name).kind;
    if (sameFamily(spec.type, kind)) continue;
    try {
      dataset = withKinds(dataset, { [spec.name]: spec.type });
    } catch (error) {
      if (!(error instanceof DriftlabError)) throw error;
    }
  }
  return profileOf(dataset);
}

class Findings {
  readonly anomalies: Anomaly[] = [];
  readonly comparisons: ComparatorResult[] = [];

  add(
    feature: string | null,
    code: AnomalyCode,
    description: string,
    details: Omit<Anomaly, "feature" | "code" | "severity" | "short" | "description"> = {},
  ): void {
    const info = ANOMALY_CODES[code];
    this.anomalies.push({
      feature,
      code,
      severity: info.severity,
      short: info.short,
      description,
      ...details,
    });
  }
}

function checkEnvironment(schema: SchemaJSON, environment: string | undefined, location?: string): void {
  if (environment === undefined || schema.environments.includes(environment)) return;
  const where = location === undefined ? "The schema" : `The schema ${location}`;
  throw new DriftlabError(
    "UNKNOWN_ENVIRONMENT",
    schema.environments.length === 0
      ? `${where} declares no environments, so it cannot be validated in environment "${environment}". Declare them, e.g. inferSchema(profile, { environments: ["TRAINING", "SERVING"] }) or feature.notIn("${environment}").`
      : `${where} has no environment "${environment}". Known environments: ${schema.environments.join(", ")}.`,
    { subject: environment },
  );
}

function checkPresence(spec: FeatureSpec, f: FeatureProfile, out: Findings): boolean {
  const present = f.count - f.missing;
  if (f.count === 0) return true; // an empty dataset is reported once, as DATASET_LOW_NUM_EXAMPLES
  const fraction = present / f.count;
  const required = spec.presence.minFraction > 0 || spec.presence.minCount > 0;
  if (present === 0) {
    if (required) {
      out.add(
        spec.name,
        "FEATURE_TYPE_NOT_PRESENT",
        `Every one of the ${formatNumber(f.count)} values is missing.`,
        {
          measured: 0,
          threshold: spec.presence.minFraction,
        },
      );
    }
    return false;
  }
  if (fraction < spec.presence.minFraction) {
    out.add(
      spec.name,
      "FEATURE_TYPE_LOW_FRACTION_PRESENT",
      `${formatPercent(fraction, 2)} of rows have a value (${formatNumber(f.missing)} missing); the schema requires at least ${formatPercent(spec.presence.minFraction, 2)}.`,
      { measured: fraction, threshold: spec.presence.minFraction },
    );
  }
  if (present < spec.presence.minCount) {
    out.add(
      spec.name,
      "FEATURE_TYPE_LOW_NUMBER_PRESENT",
      `${formatNumber(present)} rows have a value; the schema requires at least ${formatNumber(spec.presence.minCount)}.`,
      { measured: present, threshold: spec.presence.minCount },
    );
  }
  return true;
}

/** Up to `limit` quoted examples, for anomaly messages that name offending values. */
function examples(values: readonly string[], limit = 3): string {
  const shown = values.slice(0, limit).map((v) => JSON.stringify(v.length > 40 ? `${v.slice(0, 39)}…` : v));
  return shown.join(", ") + (values.length > limit ? ", …" : "");
}

/** Fractional values of a numeric feature: its min/max, then items of its quantile sketch (real data values). */
function fractionalExamples(f: FeatureProfile, profile: Profile): string[] {
  const s = f.numeric!;
  const found = new Set<number>();
  for (const v of [s.min, s.max]) if (Number.isFinite(v) && !Number.isInteger(v)) found.add(v);
  const state = profile.stateOf(f.name);
  if (found.size < 3 && state !== undefined && (state.kind === "numeric" || state.kind === "datetime")) {
    const { items } = state.kll.sketch.sortedItems();
    for (let i = 0; i < items.length && found.size < 3; i++) {
      if (Number.isFinite(items[i]) && !Number.isInteger(items[i])) found.add(items[i]);
    }
  }
  return [...found].map((v) => formatNumber(v, 6));
}

function checkNumeric(spec: FeatureSpec, f: FeatureProfile, profile: Profile, out: Findings): void {
  const n = spec.numeric;
  const s = f.numeric;
  if (n === undefined || s === undefined) return;
  if (n.integer && !s.integer && s.finiteCount > 0) {
    const offending = fractionalExamples(f, profile);
    out.add(
      spec.name,
      "UNEXPECTED_DATA_TYPE",
      `Expected integers; the data has fractional values${offending.length > 0 ? ` such as ${offending.join(", ")}` : ""}.`,
      {
        measured: "fractional",
        threshold: "integer",
      },
    );
  }
  if (!n.allowNaN && s.nan > 0) {
    out.add(
      spec.name,
      "FLOAT_TYPE_HAS_NAN",
      `${formatNumber(s.nan)} NaN value(s) (${formatPercent(s.nan / f.count, 2)} of rows).`,
      {
        measured: s.nan,
      },
    );
  }
  const infinite = s.positiveInfinity + s.negativeInfinity;
  if (!n.allowInfinity && infinite > 0) {
    out.add(
      spec.name,
      "FLOAT_TYPE_HAS_INF",
      `${formatNumber(infinite)} infinite value(s): ${formatNumber(s.positiveInfinity)} +Infinity, ${formatNumber(s.negativeInfinity)} -Infinity.`,
      { measured: infinite },
    );
  }
  if (s.finiteCount === 0) return;
  if (n.min !== undefined && s.min < n.min) {
    out.add(
      spec.name,
      "FLOAT_TYPE_SMALL_FLOAT",
      `The smallest value ${formatNumber(s.min)} is below the schema's minimum ${formatNumber(n.min)}.`,
      { measured: s.min, threshold: n.min },
    );
  }
  if (n.max !== undefined && s.max > n.max) {
    out.add(
      spec.name,
      "FLOAT_TYPE_BIG_FLOAT",
      `The largest value ${formatNumber(s.max)} is above the schema's maximum ${formatNumber(n.max)}.`,
      { measured: s.max, threshold: n.max },
    );
  }
}

function checkDatetime(spec: FeatureSpec, f: FeatureProfile, out: Findings): void {
  const d = spec.datetime;
  const s = f.datetime;
  if (d === undefined || s === undefined || s.min === "") return;
  if (d.min !== undefined && Date.parse(s.min) < Date.parse(d.min)) {
    out.add(
      spec.name,
      "DATETIME_TYPE_TOO_EARLY",
      `The earliest value ${s.min} is before the schema's minimum ${d.min}.`,
      {
        measured: s.min,
        threshold: d.min,
      },
    );
  }
  if (d.max !== undefined && Date.parse(s.max) > Date.parse(d.max)) {
    out.add(
      spec.name,
      "DATETIME_TYPE_TOO_LATE",
      `The latest value ${s.max} is after the schema's maximum ${d.max}.`,
      {
        measured: s.max,
        threshold: d.max,
      },
    );
  }
}

/** Exact value counts when the profile kept them, else the rank histogram (the most frequent values). */
export function categoryCounts(
  profile: Profile,
  f: FeatureProfile,
): { counts: Map<string, number>; exact: boolean } {
  const state = profile.stateOf(f.name);
  if (
    state !== undefined &&
    (state.kind === "categorical" || state.kind === "text") &&
    state.counts !== undefined
  ) {
    return { counts: state.counts, exact: true };
  }
  return {
    counts: new Map(f.categorical!.rankHistogram.map((v) => [v.value, v.count])),
    exact: f.categorical!.countsExact,
  };
}

function checkCategorical(spec: FeatureSpec, f: FeatureProfile, profile: Profile, out: Findings): void {
  const c = f.categorical;
  if (c === undefined) return;
  const present = f.count - f.missing;
  if (spec.domain !== undefined && present > 0) {
    const allowed = new Set(spec.domain.values);
    const { counts, exact } = categoryCounts(profile, f);
    const unexpected: UnexpectedValue[] = [];
    let outside = 0;
    for (const [value, count] of counts) {
      if (allowed.has(value)) continue;
      outside += count;
      unexpected.push({ value, count, fraction: count / present });
    }
    const inside = 1 - outside / present;
    const minMass = spec.domain.minMass ?? 1;
    if (unexpected.length > 0 && inside < minMass) {
      unexpected.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
      const listed = unexpected.slice(0, LISTED_VALUES);
      const names = listed
        .slice(0, 5)
        .map((v) => JSON.stringify(v.value))
        .join(", ");
      out.add(
        spec.name,
        "ENUM_TYPE_UNEXPECTED_STRING_VALUES",
        `${exact ? "" : "At least "}${formatNumber(unexpected.length)} value(s) outside the domain, ${formatPercent(1 - inside, 2)} of present values: ${names}${unexpected.length > 5 ? ", …" : ""}.` +
          (minMass < 1 ? ` The schema requires ${formatPercent(minMass, 2)} inside the domain.` : ""),
        { values: listed, measured: 1 - inside, threshold: 1 - minMass },
      );
    }
  }
  if (spec.unique !== undefined && present > 0) {
    const approx = c.uniqueMethod === "sketch" ? "about " : "";
    if (spec.unique.min !== undefined && c.unique < spec.unique.min) {
      out.add(
        spec.name,
        "FEATURE_TYPE_LOW_UNIQUE",
        `${approx}${formatNumber(c.unique)} distinct values; the schema expects at least ${formatNumber(spec.unique.min)}.`,
        { measured: c.unique, threshold: spec.unique.min },
      );
    }
    if (spec.unique.max !== undefined && c.unique > spec.unique.max) {
      out.add(
        spec.name,
        "FEATURE_TYPE_HIGH_UNIQUE",
        `${approx}${formatNumber(c.unique)} distinct values; the schema expects at most ${formatNumber(spec.unique.max)}.`,
        { measured: c.unique, threshold: spec.unique.max },
      );
    }
  }
}

const MEASURE_CODE: Record<ComparatorSpec["measure"], AnomalyCode> = {
  lInfinity: "COMPARATOR_L_INFTY_HIGH",
  jensenShannonDivergence: "COMPARATOR_JENSEN_SHANNON_DIVERGENCE_HIGH",
};

function runComparator(
  spec: FeatureSpec,
  comparator: ComparatorSpec | undefined,
  f: FeatureProfile,
  reference: Profile | undefined,
  against: "previous" | "serving",
  out: Findings,
): void {
  if (comparator === undefined || reference === undefined) return;
  if (f.count - f.missing === 0) return;
  const referenceFeature = reference.features.find((r) => r.name === spec.name);
  const what = against === "previous" ? "previous data" : "serving data";
  const comparison =
    referenceFeature === undefined ||
    referenceFeature.count - referenceFeature.missing === 0 ||
    !sameFamily(f.kind, referenceFeature.kind)
      ? undefined
      : compareFeature(comparator, f, referenceFeature, against);
  if (comparison === undefined) {
    out.add(
      spec.name,
      "COMPARATOR_CONTROL_DATA_MISSING",
      referenceFeature === undefined
        ? `The ${what} (${reference.source}) has no column "${spec.name}"; the ${against === "previous" ? "drift" : "skew"} comparator did not run.`
        : `The ${what} (${reference.source}) has no comparable values of "${spec.name}" (${referenceFeature.kind}); the comparator did not run.`,
      { against },
    );
    return;
  }
  out.comparisons.push(comparison);
  if (!comparison.exceeds) return;
  const measure = comparator.measure === "lInfinity" ? "L-infinity distance" : "Jensen–Shannon divergence";
  const kind = against === "previous" ? "Drift" : "Skew";
  out.add(
    spec.name,
    MEASURE_CODE[comparator.measure],
    `${kind} versus ${what}: ${measure} ${formatNumber(comparison.value)} is above the threshold ${formatNumber(comparator.threshold)}` +
      (comparison.category === undefined
        ? "."
        : `; the largest difference is in value ${JSON.stringify(comparison.category)}.`),
    {
      measured: comparison.value,
      threshold: comparator.threshold,
      against,
      ...(comparison.category === undefined ? {} : { category: comparison.category }),
    },
  );
}

function checkFeature(
  spec: FeatureSpec,
  f: FeatureProfile,
  profile: Profile,
  references: { previous?: Profile; serving?: Profile },
  out: Findings,
): void {
  if (!checkPresence(spec, f, out)) return;
  if (f.count - f.missing === 0) return;
  if (!sameFamily(spec.type, f.kind)) {
    // Name offending values: for string data, the most frequent values that do not read as the expected type.
    const top = (f.categorical?.top ?? []).map((t) => t.value);
    const offending =
      spec.type === "numeric" ? top.filter((v) => v.trim() === "" || !Number.isFinite(Number(v))) : top;
    out.add(
      spec.name,
      "UNEXPECTED_DATA_TYPE",
      `Expected ${describeKind(spec.type)}; the data has ${describeKind(f.kind)} values` +
        (offending.length > 0 ? ` such as ${examples(offending)}.` : "."),
      { measured: f.kind, threshold: spec.type },
    );
    return;
  }
  checkNumeric(spec, f, profile, out);
  checkDatetime(spec, f, out);
  checkCategorical(spec, f, profile, out);
  runComparator(spec, spec.driftComparator, f, references.previous, "previous", out);
  runComparator(spec, spec.skewComparator, f, references.serving, "serving", out);
}

function checkDataset(
  schema: SchemaJSON,
  profile: Profile,
  previous: Profile | undefined,
  out: Findings,
): void {
  const d = schema.dataset;
  const n = profile.numRows;
  if (d.minExamples !== undefined && n < d.minExamples) {
    out.add(
      null,
      "DATASET_LOW_NUM_EXAMPLES",
      `${formatNumber(n)} rows; the schema requires at least ${formatNumber(d.minExamples)}.`,
      {
        measured: n,
        threshold: d.minExamples,
      },
    );
  }
  if (d.maxExamples !== undefined && n > d.maxExamples) {
    out.add(
      null,
      "DATASET_HIGH_NUM_EXAMPLES",
      `${formatNumber(n)} rows; the schema allows at most ${formatNumber(d.maxExamples)}.`,
      {
        measured: n,
        threshold: d.maxExamples,
      },
    );
  }
  const drift = d.numExamplesDrift;
  if (drift === undefined || previous === undefined || previous.numRows === 0) return;
  const ratio = n / previous.numRows;
  const versus = `${formatNumber(n)} rows versus ${formatNumber(previous.numRows)} in the previous data (${formatNumber(ratio, 3)}×)`;
  if (drift.minFraction !== undefined && ratio < drift.minFraction) {
    out.add(
      null,
      "COMPARATOR_LOW_NUM_EXAMPLES",
      `${versus}; the schema allows down to ${formatNumber(drift.minFraction)}×.`,
      {
        measured: ratio,
        threshold: drift.minFraction,
        against: "previous",
      },
    );
  }
  if (drift.maxFraction !== undefined && ratio > drift.maxFraction) {
    out.add(
      null,
      "COMPARATOR_HIGH_NUM_EXAMPLES",
      `${versus}; the schema allows up to ${formatNumber(drift.maxFraction)}×.`,
      {
        measured: ratio,
        threshold: drift.maxFraction,
        against: "previous",
      },
    );
  }
}

/** @internal The checks of {@link validate} on profiles, also used by updateSchema. */
export function findAnomalies(
  profile: Profile,
  schema: SchemaJSON,
  options: { environment?: string; previous?: Profile; serving?: Profile },
): { anomalies: Anomaly[]; comparisons: ComparatorResult[] } {
  checkEnvironment(schema, options.environment);
  const out = new Findings();
  checkDataset(schema, profile, options.previous, out);
  const byName = new Map(profile.features.map((f) => [f.name, f]));
  for (const spec of schema.features) {
    if (spec.deprecated === true) continue;
    const f = byName.get(spec.name);
    const expected = inEnvironment(spec, options.environment);
    if (f === undefined) {
      if (expected) {
        out.add(
          spec.name,
          "SCHEMA_MISSING_COLUMN",
          `The data has no column "${spec.name}" (${spec.type})${options.environment === undefined ? "" : `, expected in ${options.environment}`}.`,
        );
      }
      continue;
    }
    if (!expected) {
      out.add(
        spec.name,
        "SCHEMA_NEW_COLUMN",
        `Column "${spec.name}" is present, but the schema declares it absent from environment ${options.environment}.`,
      );
      continue;
    }
    checkFeature(spec, f, profile, options, out);
  }
  const known = new Set(schema.features.map((f) => f.name));
  for (const f of profile.features) {
    if (!known.has(f.name)) {
      out.add(
        f.name,
        "SCHEMA_NEW_COLUMN",
        `Column "${f.name}" (${describeKind(f.kind)}) is not in the schema.`,
        {
          measured: f.kind,
        },
      );
    }
  }
  return out;
}

/**
 * Validates data against a schema (TFDV's `validate_statistics`): presence, types, domains, ranges, NaN/Infinity,
 * distinct counts, dataset size, drift versus `previous` and skew versus `serving` with the schema's comparators.
 * Data problems never throw: they are anomalies in the returned report. It throws only on bad input — an
 * environment the schema lacks (UNKNOWN_ENVIRONMENT, listing the known ones) or data that cannot be read.
 *
 * Cost: one profile per raw input (profiles are reused as given), then O(features + categories).
 *
 * Given a source (`duckdb(…)`, `clickhouse({ … })`), it profiles it in its engine and returns a promise.
 *
 * @example validate(profile(serving), schema, { environment: "SERVING" })
 * @example await validate(duckdb("serving/*.parquet"), schema)
 */
export function validate(data: Source, schema: Schema, options?: SourceValidateOptions): Promise<Anomalies>;
export function validate(data: ValidationInput, schema: Schema, options?: ValidateOptions): Anomalies;
export function validate(
  data: ValidationInput | Source,
  schema: Schema,
  options?: SourceValidateOptions,
): Anomalies | Promise<Anomalies>;
export function validate(
  data: ValidationInput | Source,
  schema: Schema,
  options: ValidateOptions | SourceValidateOptions = {},
): Anomalies | Promise<Anomalies> {
  if (isSource(data) || isSource(options.previous) || isSource(options.serving)) {
    return sourceAnalyses().validate(data, schema, options) as Promise<Anomalies>;
  }
  return validateInMemory(data, schema, options as ValidateOptions);
}

/** Options of {@link validate} over a source: `previous` and `serving` may be sources too. */
export interface SourceValidateOptions extends Omit<ValidateOptions, "previous" | "serving"> {
  previous?: ValidationInput | Source;
  serving?: ValidationInput | Source;
}

function validateInMemory(data: ValidationInput, schema: Schema, options: ValidateOptions): Anomalies {
  const json = schema.toSchemaJSON();
  checkEnvironment(json, options.environment, schema.location);
  const current = profileForSchema(data, json);
  const previous = options.previous === undefined ? undefined : profileForSchema(options.previous, json);
  const serving = options.serving === undefined ? undefined : profileForSchema(options.serving, json);
  const found = findAnomalies(current, json, { environment: options.environment, previous, serving });
  return new Anomalies({
    source: current.source,
    numRows: current.numRows,
    environment: options.environment ?? null,
    schemaSource: schema.location ?? null,
    previousSource: previous?.source ?? null,
    servingSource: serving?.source ?? null,
    anomalies: found.anomalies,
    comparisons: found.comparisons,
    title: options.title,
  });
}
