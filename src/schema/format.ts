import { FEATURE_KINDS, type FeatureKind } from "../data/column.js";
import { DriftlabError } from "../errors.js";
import {
  SCHEMA_FORMAT_VERSION,
  type ComparatorSpec,
  type DatasetSpec,
  type FeatureSpec,
  type SchemaJSON,
} from "../format/schema.js";

/**
 * Reading and writing the schema file format (docs/schema.md). Every schema goes through {@link checkSchemaJSON},
 * which rejects anything malformed with an INVALID_SCHEMA error naming the file and the JSON path, and returns the
 * canonical form: keys in a fixed order, features sorted by name, domain values and environments sorted, so the
 * file diffs well in git.
 */

type Json = Record<string, unknown>;

/** Sorts strings by UTF-16 code units (not locale): stable across machines. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareStrings);
}

/** The kinds whose values are strings: a categorical feature may be inferred as text on other data and vice versa. */
export function isStringKind(kind: FeatureKind): boolean {
  return kind === "categorical" || kind === "text";
}

/** Which comparator measures apply to a type (TFDV: L-infinity on strings only; JSD on both). */
export function comparatorAllowed(measure: ComparatorSpec["measure"], type: FeatureKind): boolean {
  if (type === "datetime") return false;
  return measure === "jensenShannonDivergence" || type !== "numeric";
}

class Checker {
  constructor(readonly source: string) {}

  fail(path: string, message: string): never {
    throw new DriftlabError(
      "INVALID_SCHEMA",
      `${this.source}: ${path === "" ? "" : `at ${path}: `}${message} (see docs/schema.md for the format).`,
      { subject: path === "" ? this.source : path },
    );
  }

  object(value: unknown, path: string, known: readonly string[]): Json {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      this.fail(path, `expected an object, got ${describe(value)}`);
    }
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) {
        this.fail(path, `unknown key "${key}"; known keys are ${known.map((k) => `"${k}"`).join(", ")}`);
      }
    }
    return value as Json;
  }

  number(
    value: unknown,
    path: string,
    range: { min?: number; max?: number; integer?: boolean } = {},
  ): number {
    if (typeof value !== "number" || !Number.isFinite(value))
      this.fail(path, `expected a finite number, got ${describe(value)}`);
    if (range.integer === true && !Number.isInteger(value))
      this.fail(path, `expected an integer, got ${value}`);
    if (range.min !== undefined && value < range.min)
      this.fail(path, `expected a number ≥ ${range.min}, got ${value}`);
    if (range.max !== undefined && value > range.max)
      this.fail(path, `expected a number ≤ ${range.max}, got ${value}`);
    return value;
  }

  optionalNumber(
    value: unknown,
    path: string,
    range: { min?: number; max?: number; integer?: boolean } = {},
  ) {
    return value === undefined ? undefined : this.number(value, path, range);
  }

  boolean(value: unknown, path: string): boolean {
    if (typeof value !== "boolean") this.fail(path, `expected true or false, got ${describe(value)}`);
    return value;
  }

  string(value: unknown, path: string): string {
    if (typeof value !== "string" || value === "")
      this.fail(path, `expected a non-empty string, got ${describe(value)}`);
    return value;
  }

  strings(value: unknown, path: string): string[] {
    if (!Array.isArray(value)) this.fail(path, `expected an array of strings, got ${describe(value)}`);
    return value.map((v, i) => {
      if (typeof v !== "string") this.fail(`${path}[${i}]`, `expected a string, got ${describe(v)}`);
      return v;
    });
  }

  instant(value: unknown, path: string): string {
    const text = this.string(value, path);
    const time = Date.parse(text);
    if (Number.isNaN(time))
      this.fail(path, `expected an ISO 8601 date or timestamp, got ${JSON.stringify(text)}`);
    return new Date(time).toISOString();
  }
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}

const ROOT_KEYS = ["format", "version", "source", "environments", "dataset", "features"] as const;
const FEATURE_KEYS = [
  "name",
  "type",
  "deprecated",
  "sensitive",
  "presence",
  "inEnvironments",
  "notInEnvironments",
  "domain",
  "numeric",
  "datetime",
  "unique",
  "driftComparator",
  "skewComparator",
] as const;

/**
 * Checks a parsed schema file and returns it in canonical form. Throws INVALID_SCHEMA naming `source` and the JSON
 * path of the first problem (e.g. `features[2] ("fare").presence.minFraction`).
 */
export function checkSchemaJSON(value: unknown, source = "schema"): SchemaJSON {
  const c = new Checker(source);
  const root = c.object(value, "", ROOT_KEYS);
  if (root.format !== "driftlab-schema") {
    c.fail(
      "format",
      `not a driftlab schema (expected "format": "driftlab-schema", got ${describe(root.format)})`,
    );
  }
  const version = c.number(root.version, "version", { integer: true, min: 1 });
  if (version > SCHEMA_FORMAT_VERSION) {
    c.fail(
      "version",
      `schema format version ${version} is newer than this driftlab reads (${SCHEMA_FORMAT_VERSION}); upgrade driftlab`,
    );
  }
  const environments = root.environments === undefined ? [] : c.strings(root.environments, "environments");
  environments.forEach((e, i) => {
    if (e === "") c.fail(`environments[${i}]`, "an environment name cannot be empty");
  });
  const dataset = checkDataset(c, root.dataset ?? {});
  const rawFeatures = root.features;
  if (!Array.isArray(rawFeatures))
    c.fail("features", `expected an array of features, got ${describe(rawFeatures)}`);
  const names = new Set<string>();
  const features = (rawFeatures as unknown[]).map((f, i): FeatureSpec => {
    const feature = checkFeature(c, f, i, environments);
    if (names.has(feature.name)) c.fail(`features[${i}].name`, `feature "${feature.name}" appears twice`);
    names.add(feature.name);
    return feature;
  });
  const schema: SchemaJSON = {
    format: "driftlab-schema",
    version: SCHEMA_FORMAT_VERSION,
    environments: sortedUnique(environments),
    dataset,
    features: features.sort((a, b) => compareStrings(a.name, b.name)),
  };
  if (root.source !== undefined) schema.source = c.string(root.source, "source");
  return canonical(schema);
}

function checkDataset(c: Checker, value: unknown): DatasetSpec {
  const d = c.object(value, "dataset", ["minExamples", "maxExamples", "numExamplesDrift"]);
  const out: DatasetSpec = {};
  const count = { integer: true, min: 0 };
  out.minExamples = c.optionalNumber(d.minExamples, "dataset.minExamples", count);
  out.maxExamples = c.optionalNumber(d.maxExamples, "dataset.maxExamples", count);
  if (out.minExamples !== undefined && out.maxExamples !== undefined && out.minExamples > out.maxExamples) {
    c.fail("dataset", `minExamples ${out.minExamples} is above maxExamples ${out.maxExamples}`);
  }
  if (d.numExamplesDrift !== undefined) {
    const path = "dataset.numExamplesDrift";
    const n = c.object(d.numExamplesDrift, path, ["minFraction", "maxFraction"]);
    out.numExamplesDrift = {
      minFraction: c.optionalNumber(n.minFraction, `${path}.minFraction`, { min: 0 }),
      maxFraction: c.optionalNumber(n.maxFraction, `${path}.maxFraction`, { min: 0 }),
    };
  }
  return out;
}

function checkComparator(c: Checker, value: unknown, path: string, type: FeatureKind): ComparatorSpec {
  const o = c.object(value, path, ["measure", "threshold", "histogram"]);
  if (o.measure !== "lInfinity" && o.measure !== "jensenShannonDivergence") {
    c.fail(
      `${path}.measure`,
      `expected "lInfinity" or "jensenShannonDivergence", got ${describe(o.measure)}`,
    );
  }
  if (!comparatorAllowed(o.measure, type)) {
    c.fail(
      `${path}.measure`,
      type === "datetime"
        ? "datetime features have no comparator"
        : `${o.measure} compares categories; use "jensenShannonDivergence" for a ${type} feature`,
    );
  }
  const spec: ComparatorSpec = {
    measure: o.measure,
    threshold: c.number(o.threshold, `${path}.threshold`, { min: 0 }),
  };
  if (o.histogram !== undefined) {
    if (o.histogram !== "standard" && o.histogram !== "quantiles") {
      c.fail(`${path}.histogram`, `expected "standard" or "quantiles", got ${describe(o.histogram)}`);
    }
    if (type !== "numeric" || spec.measure !== "jensenShannonDivergence") {
      c.fail(`${path}.histogram`, "a histogram applies to jensenShannonDivergence on numeric features only");
    }
    spec.histogram = o.histogram;
  }
  return spec;
}

function checkFeature(
  c: Checker,
  value: unknown,
  index: number,
  environments: readonly string[],
): FeatureSpec {
  const name = typeof (value as Json | null)?.name === "string" ? (value as Json).name : undefined;
  const at = `features[${index}]${name === undefined ? "" : ` (${JSON.stringify(name)})`}`;
  const o = c.object(value, at, FEATURE_KEYS);
  const type = o.type;
  if (typeof type !== "string" || !(FEATURE_KINDS as readonly string[]).includes(type)) {
    c.fail(`${at}.type`, `expected one of ${FEATURE_KINDS.join(", ")}, got ${describe(type)}`);
  }
  const kind = type as FeatureKind;
  const p = c.object(o.presence ?? {}, `${at}.presence`, ["minFraction", "minCount"]);
  const feature: FeatureSpec = {
    name: c.string(o.name, `${at}.name`),
    type: kind,
    presence: {
      minFraction: c.optionalNumber(p.minFraction, `${at}.presence.minFraction`, { min: 0, max: 1 }) ?? 0,
      minCount: c.optionalNumber(p.minCount, `${at}.presence.minCount`, { min: 0, integer: true }) ?? 0,
    },
  };
  if (o.deprecated !== undefined && c.boolean(o.deprecated, `${at}.deprecated`)) feature.deprecated = true;
  if (o.sensitive !== undefined && c.boolean(o.sensitive, `${at}.sensitive`)) feature.sensitive = true;
  for (const key of ["inEnvironments", "notInEnvironments"] as const) {
    if (o[key] === undefined) continue;
    const list = c.strings(o[key], `${at}.${key}`);
    list.forEach((e, i) => {
      if (!environments.includes(e)) {
        c.fail(
          `${at}.${key}[${i}]`,
          `environment "${e}" is not declared in "environments" (${environments.length === 0 ? "none declared" : environments.join(", ")})`,
        );
      }
    });
    if (list.length > 0) feature[key] = sortedUnique(list);
  }
  if (o.domain !== undefined) {
    if (!isStringKind(kind))
      c.fail(`${at}.domain`, `a domain applies to categorical features; this one is ${kind}`);
    const d = c.object(o.domain, `${at}.domain`, ["values", "minMass"]);
    feature.domain = { values: sortedUnique(c.strings(d.values, `${at}.domain.values`)) };
    const minMass = c.optionalNumber(d.minMass, `${at}.domain.minMass`, { min: 0, max: 1 });
    if (minMass !== undefined) feature.domain.minMass = minMass;
  }
  if (o.numeric !== undefined || kind === "numeric") {
    if (kind !== "numeric")
      c.fail(`${at}.numeric`, `numeric constraints apply to numeric features; this one is ${kind}`);
    const n = c.object(o.numeric ?? {}, `${at}.numeric`, [
      "integer",
      "allowNaN",
      "allowInfinity",
      "min",
      "max",
    ]);
    feature.numeric = {
      integer: n.integer === undefined ? false : c.boolean(n.integer, `${at}.numeric.integer`),
      allowNaN: n.allowNaN === undefined ? true : c.boolean(n.allowNaN, `${at}.numeric.allowNaN`),
      allowInfinity:
        n.allowInfinity === undefined ? true : c.boolean(n.allowInfinity, `${at}.numeric.allowInfinity`),
    };
    const min = c.optionalNumber(n.min, `${at}.numeric.min`);
    const max = c.optionalNumber(n.max, `${at}.numeric.max`);
    if (min !== undefined && max !== undefined && min > max)
      c.fail(`${at}.numeric`, `min ${min} is above max ${max}`);
    if (min !== undefined) feature.numeric.min = min;
    if (max !== undefined) feature.numeric.max = max;
  }
  if (o.datetime !== undefined) {
    if (kind !== "datetime")
      c.fail(`${at}.datetime`, `datetime constraints apply to datetime features; this one is ${kind}`);
    const d = c.object(o.datetime, `${at}.datetime`, ["min", "max"]);
    feature.datetime = {};
    if (d.min !== undefined) feature.datetime.min = c.instant(d.min, `${at}.datetime.min`);
    if (d.max !== undefined) feature.datetime.max = c.instant(d.max, `${at}.datetime.max`);
    const { min, max } = feature.datetime;
    if (min !== undefined && max !== undefined && min > max)
      c.fail(`${at}.datetime`, `min ${min} is after max ${max}`);
  }
  if (o.unique !== undefined) {
    if (!isStringKind(kind))
      c.fail(`${at}.unique`, `unique constraints apply to categorical features; this one is ${kind}`);
    const u = c.object(o.unique, `${at}.unique`, ["min", "max"]);
    feature.unique = {};
    const min = c.optionalNumber(u.min, `${at}.unique.min`, { min: 0, integer: true });
    const max = c.optionalNumber(u.max, `${at}.unique.max`, { min: 0, integer: true });
    if (min !== undefined && max !== undefined && min > max)
      c.fail(`${at}.unique`, `min ${min} is above max ${max}`);
    if (min !== undefined) feature.unique.min = min;
    if (max !== undefined) feature.unique.max = max;
  }
  if (o.driftComparator !== undefined) {
    feature.driftComparator = checkComparator(c, o.driftComparator, `${at}.driftComparator`, kind);
  }
  if (o.skewComparator !== undefined) {
    feature.skewComparator = checkComparator(c, o.skewComparator, `${at}.skewComparator`, kind);
  }
  return feature;
}

/** Rebuilds objects with keys in the documented order and drops undefined fields. */
function canonical(schema: SchemaJSON): SchemaJSON {
  const out: SchemaJSON = {
    format: schema.format,
    version: schema.version,
    ...(schema.source === undefined ? {} : { source: schema.source }),
    environments: [...schema.environments],
    dataset: prune({
      minExamples: schema.dataset.minExamples,
      maxExamples: schema.dataset.maxExamples,
      numExamplesDrift:
        schema.dataset.numExamplesDrift === undefined
          ? undefined
          : prune({
              minFraction: schema.dataset.numExamplesDrift.minFraction,
              maxFraction: schema.dataset.numExamplesDrift.maxFraction,
            }),
    }),
    features: schema.features.map(canonicalFeature),
  };
  return out;
}

export function canonicalFeature(f: FeatureSpec): FeatureSpec {
  const comparator = (s: ComparatorSpec | undefined) =>
    s === undefined
      ? undefined
      : prune({ measure: s.measure, threshold: s.threshold, histogram: s.histogram });
  return prune({
    name: f.name,
    type: f.type,
    deprecated: f.deprecated === true ? true : undefined,
    sensitive: f.sensitive === true ? true : undefined,
    presence: { minFraction: f.presence.minFraction, minCount: f.presence.minCount },
    inEnvironments: f.inEnvironments?.length ? sortedUnique(f.inEnvironments) : undefined,
    notInEnvironments: f.notInEnvironments?.length ? sortedUnique(f.notInEnvironments) : undefined,
    domain:
      f.domain === undefined
        ? undefined
        : prune({ values: sortedUnique(f.domain.values), minMass: f.domain.minMass }),
    numeric:
      f.numeric === undefined
        ? undefined
        : prune({
            integer: f.numeric.integer,
            allowNaN: f.numeric.allowNaN,
            allowInfinity: f.numeric.allowInfinity,
            min: f.numeric.min,
            max: f.numeric.max,
          }),
    datetime: f.datetime === undefined ? undefined : prune({ min: f.datetime.min, max: f.datetime.max }),
    unique: f.unique === undefined ? undefined : prune({ min: f.unique.min, max: f.unique.max }),
    driftComparator: comparator(f.driftComparator),
    skewComparator: comparator(f.skewComparator),
  }) as FeatureSpec;
}

/** The object without its undefined fields (which JSON.stringify would drop anyway, but not structuredClone). */
function prune<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, value]) => value !== undefined)) as T;
}

/** Parses schema file text; JSON syntax errors and format errors are INVALID_SCHEMA naming `source`. */
export function parseSchemaText(text: string, source = "schema"): SchemaJSON {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DriftlabError(
      "INVALID_SCHEMA",
      `${source}: not valid JSON (${(error as Error).message}). Fix the file or infer a new schema with inferSchema / driftlab infer-schema.`,
      { subject: source, cause: error },
    );
  }
  return checkSchemaJSON(value, source);
}

/** The canonical text of a schema file: 2-space indented JSON and a final newline. */
export function schemaText(schema: SchemaJSON): string {
  return `${JSON.stringify(canonical(schema), null, 2)}\n`;
}
