import { readFileSync, writeFileSync } from "node:fs";
import { FEATURE_KINDS, type FeatureKind } from "../data/column.js";
import { DriftlabError } from "../errors.js";
import { envelope, Report } from "../report/report.js";
import {
  checkSchemaJSON,
  comparatorAllowed,
  compareStrings,
  isStringKind,
  parseSchemaText,
  schemaText,
  sortedUnique,
} from "./format.js";
import {
  SCHEMA_FORMAT_VERSION,
  type ComparatorSpec,
  type DatasetSpec,
  type FeatureSpec,
  type SchemaJSON,
  type SchemaReportJSON,
} from "../format/schema.js";

export type { SchemaReportJSON } from "../format/schema.js";

function invalid(message: string, subject?: string): never {
  throw new DriftlabError("INVALID_SCHEMA", message, { subject });
}

function checkFraction(value: number, what: string, feature: string): void {
  if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
    invalid(`${what} of "${feature}" must be a number in [0, 1], got ${String(value)}.`, feature);
  }
}

/** Presence of a feature: `minFraction` (1 = not nullable) and `minCount` of rows with a value. */
export class Presence {
  readonly #spec: FeatureSpec;
  constructor(spec: FeatureSpec) {
    this.#spec = spec;
  }
  /** Fraction of rows that must have a value (not null), in [0, 1]. 1 means the feature is not nullable. */
  get minFraction(): number {
    return this.#spec.presence.minFraction;
  }
  set minFraction(value: number) {
    checkFraction(value, "presence.minFraction", this.#spec.name);
    this.#spec.presence.minFraction = value;
  }
  /** Number of rows that must have a value. */
  get minCount(): number {
    return this.#spec.presence.minCount;
  }
  set minCount(value: number) {
    if (!Number.isInteger(value) || value < 0) {
      invalid(
        `presence.minCount of "${this.#spec.name}" must be an integer ≥ 0, got ${String(value)}.`,
        this.#spec.name,
      );
    }
    this.#spec.presence.minCount = value;
  }
  /** True when missing values are allowed (minFraction < 1). */
  get nullable(): boolean {
    return this.#spec.presence.minFraction < 1;
  }
}

/** The allowed values of a categorical feature. Methods return the domain, for chaining. */
export class Domain {
  readonly #spec: FeatureSpec;
  constructor(spec: FeatureSpec) {
    this.#spec = spec;
  }
  #domain() {
    if (!isStringKind(this.#spec.type)) {
      invalid(
        `"${this.#spec.name}" is ${this.#spec.type}; a domain applies to categorical features.`,
        this.#spec.name,
      );
    }
    this.#spec.domain ??= { values: [] };
    return this.#spec.domain;
  }
  /** True when the feature has a domain (a list of allowed values). */
  get defined(): boolean {
    return this.#spec.domain !== undefined;
  }
  /** The allowed values, sorted. Empty when there is no domain. */
  get values(): readonly string[] {
    return this.#spec.domain?.values ?? [];
  }
  get size(): number {
    return this.values.length;
  }
  has(value: string): boolean {
    return this.values.includes(value);
  }
  /** Adds values (creating the domain if there was none). */
  add(...values: string[]): this {
    const domain = this.#domain();
    domain.values = sortedUnique([...domain.values, ...values.map(String)]);
    return this;
  }
  /** Removes values. */
  remove(...values: string[]): this {
    const domain = this.#domain();
    domain.values = domain.values.filter((v) => !values.includes(v));
    return this;
  }
  /** Replaces the values. */
  set(values: Iterable<string>): this {
    this.#domain().values = sortedUnique([...values].map(String));
    return this;
  }
  /** Removes the domain: any value is allowed. */
  clear(): this {
    delete this.#spec.domain;
    return this;
  }
  /** Share of present values that must be in the domain (TFDV's min_domain_mass); 1 by default. */
  get minMass(): number {
    return this.#spec.domain?.minMass ?? 1;
  }
  set minMass(value: number) {
    checkFraction(value, "domain.minMass", this.#spec.name);
    const domain = this.#domain();
    if (value === 1) delete domain.minMass;
    else domain.minMass = value;
  }
}

function removeComparator(spec: FeatureSpec, key: "driftComparator" | "skewComparator"): void {
  if (key === "driftComparator") delete spec.driftComparator;
  else delete spec.skewComparator;
}

/** A drift or skew comparator of a feature; the setters return the feature, for chaining. */
export class Comparator {
  readonly #feature: FeatureSchema;
  readonly #spec: FeatureSpec;
  readonly #key: "driftComparator" | "skewComparator";
  constructor(feature: FeatureSchema, spec: FeatureSpec, key: "driftComparator" | "skewComparator") {
    this.#feature = feature;
    this.#spec = spec;
    this.#key = key;
  }
  #set(spec: ComparatorSpec): FeatureSchema {
    if (!comparatorAllowed(spec.measure, this.#spec.type)) {
      invalid(
        this.#spec.type === "datetime"
          ? `"${this.#spec.name}" is datetime; datetime features have no comparator.`
          : `${spec.measure} compares categories and "${this.#spec.name}" is ${this.#spec.type}; use jensenShannonDivergence(threshold).`,
        this.#spec.name,
      );
    }
    if (typeof spec.threshold !== "number" || !(spec.threshold >= 0) || !Number.isFinite(spec.threshold)) {
      invalid(
        `The ${this.#key} threshold of "${this.#spec.name}" must be a finite number ≥ 0, got ${String(spec.threshold)}.`,
      );
    }
    this.#spec[this.#key] = spec;
    return this.#feature;
  }
  /** L-infinity distance between value frequencies above `threshold` is an anomaly (TFDV's infinity_norm). */
  lInfinity(threshold: number): FeatureSchema {
    return this.#set({ measure: "lInfinity", threshold });
  }
  /**
   * Jensen–Shannon divergence (bits) above `threshold` is an anomaly. Numeric features compare their `standard`
   * (equal-width, default) or `quantiles` histograms.
   */
  jensenShannonDivergence(
    threshold: number,
    options: { histogram?: "standard" | "quantiles" } = {},
  ): FeatureSchema {
    const spec: ComparatorSpec = { measure: "jensenShannonDivergence", threshold };
    if (options.histogram !== undefined) {
      if (this.#spec.type !== "numeric")
        invalid(`A histogram applies to numeric features; "${this.#spec.name}" is ${this.#spec.type}.`);
      spec.histogram = options.histogram;
    }
    return this.#set(spec);
  }
  /** Removes the comparator. */
  clear(): FeatureSchema {
    removeComparator(this.#spec, this.#key);
    return this.#feature;
  }
  get measure(): ComparatorSpec["measure"] | undefined {
    return this.#spec[this.#key]?.measure;
  }
  get threshold(): number | undefined {
    return this.#spec[this.#key]?.threshold;
  }
}

/** A feature of a {@link Schema}, editable in place: `schema.feature("fare").setRange(0, 500).notIn("SERVING")`. */
export class FeatureSchema {
  readonly #schema: Schema;
  readonly #spec: FeatureSpec;
  readonly presence: Presence;
  readonly domain: Domain;
  /** Compared with the previous span (`validate(..., { previous })`). */
  readonly driftComparator: Comparator;
  /** Compared with serving data (`validate(..., { serving })`). */
  readonly skewComparator: Comparator;

  /** @internal Use `schema.feature(name)`. */
  constructor(schema: Schema, spec: FeatureSpec) {
    this.#schema = schema;
    this.#spec = spec;
    this.presence = new Presence(spec);
    this.domain = new Domain(spec);
    this.driftComparator = new Comparator(this, spec, "driftComparator");
    this.skewComparator = new Comparator(this, spec, "skewComparator");
  }

  get name(): string {
    return this.#spec.name;
  }
  get type(): FeatureKind {
    return this.#spec.type;
  }
  get deprecated(): boolean {
    return this.#spec.deprecated === true;
  }
  /** Values identify people: shared reports hash or redact them (docs/privacy.md). Default false. */
  get sensitive(): boolean {
    return this.#spec.sensitive === true;
  }

  /** Changes the type; constraints that do not apply to the new type (domain, range, comparators) are dropped. */
  setType(type: FeatureKind): this {
    if (!(FEATURE_KINDS as readonly string[]).includes(type)) {
      invalid(`Type "${String(type)}" is not a kind; use one of ${FEATURE_KINDS.join(", ")}.`, this.name);
    }
    if (type === this.#spec.type) return this;
    const s = this.#spec;
    s.type = type;
    if (!isStringKind(type)) {
      delete s.domain;
      delete s.unique;
    }
    if (type !== "numeric") delete s.numeric;
    else s.numeric ??= { integer: false, allowNaN: true, allowInfinity: true };
    if (type !== "datetime") delete s.datetime;
    for (const key of ["driftComparator", "skewComparator"] as const) {
      const c = s[key];
      if (c !== undefined && !comparatorAllowed(c.measure, type)) removeComparator(s, key);
      else if (c !== undefined && type !== "numeric") delete c.histogram;
    }
    return this;
  }

  /**
   * The allowed range: numbers for numeric features, ISO strings or Dates for datetime features. `undefined` leaves
   * a side open.
   */
  setRange(min: number | string | Date | undefined, max: number | string | Date | undefined): this {
    if (this.type === "numeric") {
      for (const v of [min, max]) {
        if (v !== undefined && (typeof v !== "number" || !Number.isFinite(v))) {
          invalid(
            `The range of numeric feature "${this.name}" takes finite numbers, got ${String(v)}.`,
            this.name,
          );
        }
      }
      if (typeof min === "number" && typeof max === "number" && min > max) {
        invalid(`Range of "${this.name}": min ${min} is above max ${max}.`, this.name);
      }
      const n = this.#numeric();
      if (min === undefined) delete n.min;
      else n.min = min as number;
      if (max === undefined) delete n.max;
      else n.max = max as number;
      return this;
    }
    if (this.type === "datetime") {
      const instant = (v: number | string | Date | undefined) => {
        if (v === undefined) return undefined;
        const time = v instanceof Date ? v.getTime() : typeof v === "number" ? v : Date.parse(v);
        if (!Number.isFinite(time))
          invalid(`The range of datetime feature "${this.name}" takes dates, got ${String(v)}.`, this.name);
        return new Date(time).toISOString();
      };
      const range = { min: instant(min), max: instant(max) };
      if (range.min !== undefined && range.max !== undefined && range.min > range.max) {
        invalid(`Range of "${this.name}": min ${range.min} is after max ${range.max}.`, this.name);
      }
      this.#spec.datetime = {};
      if (range.min !== undefined) this.#spec.datetime.min = range.min;
      if (range.max !== undefined) this.#spec.datetime.max = range.max;
      return this;
    }
    invalid(`"${this.name}" is ${this.type}; a range applies to numeric and datetime features.`, this.name);
  }

  /** Removes the range. */
  clearRange(): this {
    if (this.#spec.numeric !== undefined) {
      delete this.#spec.numeric.min;
      delete this.#spec.numeric.max;
    }
    delete this.#spec.datetime;
    return this;
  }

  /** The range, when one is set (numbers, or ISO strings for datetime features). */
  get range(): { min?: number | string; max?: number | string } | undefined {
    const r = this.#spec.numeric ?? this.#spec.datetime;
    if (r?.min === undefined && r?.max === undefined) return undefined;
    return { min: r.min, max: r.max };
  }

  #numeric() {
    if (this.#spec.numeric === undefined) {
      invalid(`"${this.name}" is ${this.type}; this constraint applies to numeric features.`, this.name);
    }
    return this.#spec.numeric;
  }

  /** Allows (or forbids) NaN values. */
  allowNaN(allowed = true): this {
    this.#numeric().allowNaN = allowed;
    return this;
  }
  /** Allows (or forbids) ±Infinity values. */
  allowInfinity(allowed = true): this {
    this.#numeric().allowInfinity = allowed;
    return this;
  }
  /** Requires (or stops requiring) integer values. */
  setInteger(integer = true): this {
    this.#numeric().integer = integer;
    return this;
  }
  get numeric(): Readonly<NonNullable<FeatureSpec["numeric"]>> | undefined {
    return this.#spec.numeric;
  }

  /** Bounds on the number of distinct values (FEATURE_TYPE_LOW_UNIQUE / HIGH_UNIQUE); `undefined` leaves a side open. */
  setUnique(min: number | undefined, max: number | undefined): this {
    if (!isStringKind(this.type))
      invalid(`"${this.name}" is ${this.type}; unique bounds apply to categorical features.`, this.name);
    for (const v of [min, max]) {
      if (v !== undefined && (!Number.isInteger(v) || v < 0))
        invalid(`Unique bounds of "${this.name}" must be integers ≥ 0.`, this.name);
    }
    if (min === undefined && max === undefined) delete this.#spec.unique;
    else this.#spec.unique = { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
    return this;
  }

  /** Declares the feature absent from these environments (e.g. the label in SERVING); unknown ones are added to the schema. */
  notIn(...environments: string[]): this {
    this.#schema.addEnvironment(...environments);
    this.#spec.notInEnvironments = sortedUnique([...(this.#spec.notInEnvironments ?? []), ...environments]);
    if (this.#spec.inEnvironments !== undefined) {
      this.#spec.inEnvironments = this.#spec.inEnvironments.filter((e) => !environments.includes(e));
      if (this.#spec.inEnvironments.length === 0) delete this.#spec.inEnvironments;
    }
    return this;
  }

  /** Restricts the feature to these environments only; unknown ones are added to the schema. */
  onlyIn(...environments: string[]): this {
    this.#schema.addEnvironment(...environments);
    this.#spec.inEnvironments = sortedUnique(environments);
    delete this.#spec.notInEnvironments;
    return this;
  }

  /** Removes environment restrictions: the feature is expected everywhere. */
  inAllEnvironments(): this {
    delete this.#spec.inEnvironments;
    delete this.#spec.notInEnvironments;
    return this;
  }

  /** Whether the feature is expected in `environment` (TFDV's rule: in_environment, else not_in_environment). */
  isIn(environment: string | undefined): boolean {
    return inEnvironment(this.#spec, environment);
  }

  /** Deprecated features are never checked (TFDV's lifecycle_stage DEPRECATED). */
  deprecate(deprecated = true): this {
    if (deprecated) this.#spec.deprecated = true;
    else delete this.#spec.deprecated;
    return this;
  }

  /** Marks the feature sensitive (or not): shared reports then show its values hashed or redacted. */
  markSensitive(sensitive = true): this {
    if (sensitive) this.#spec.sensitive = true;
    else delete this.#spec.sensitive;
    return this;
  }

  /** The feature's part of the schema file. */
  toJSON(): FeatureSpec {
    return structuredClone(this.#spec);
  }
}

/** Whether a feature is expected in an environment; with no environment, every feature is. */
export function inEnvironment(spec: FeatureSpec, environment: string | undefined): boolean {
  if (environment === undefined) return true;
  if (spec.inEnvironments !== undefined && spec.inEnvironments.length > 0)
    return spec.inEnvironments.includes(environment);
  return !(spec.notInEnvironments ?? []).includes(environment);
}

/** Dataset-level constraints of a schema. */
export class DatasetConstraints {
  readonly #spec: DatasetSpec;
  constructor(spec: DatasetSpec) {
    this.#spec = spec;
  }
  #count(value: number | undefined, what: string): number | undefined {
    if (value !== undefined && (!Number.isInteger(value) || value < 0))
      invalid(`dataset.${what} must be an integer ≥ 0, got ${String(value)}.`);
    return value;
  }
  /** Fewer rows raise DATASET_LOW_NUM_EXAMPLES. */
  get minExamples(): number | undefined {
    return this.#spec.minExamples;
  }
  set minExamples(value: number | undefined) {
    this.#spec.minExamples = this.#count(value, "minExamples");
  }
  /** More rows raise DATASET_HIGH_NUM_EXAMPLES. */
  get maxExamples(): number | undefined {
    return this.#spec.maxExamples;
  }
  set maxExamples(value: number | undefined) {
    this.#spec.maxExamples = this.#count(value, "maxExamples");
  }
  /**
   * Rows versus the previous span: below `minFraction` × previous raises COMPARATOR_LOW_NUM_EXAMPLES, above
   * `maxFraction` × previous COMPARATOR_HIGH_NUM_EXAMPLES. Pass `undefined` to remove.
   */
  numExamplesDrift(minFraction: number | undefined, maxFraction: number | undefined): this {
    for (const v of [minFraction, maxFraction]) {
      if (v !== undefined && !(v >= 0 && Number.isFinite(v)))
        invalid(`dataset.numExamplesDrift fractions must be finite numbers ≥ 0, got ${String(v)}.`);
    }
    if (minFraction === undefined && maxFraction === undefined) delete this.#spec.numExamplesDrift;
    else this.#spec.numExamplesDrift = { minFraction, maxFraction };
    return this;
  }
  get numExamplesDriftFractions(): { minFraction?: number; maxFraction?: number } | undefined {
    return this.#spec.numExamplesDrift;
  }
}

/**
 * A data schema: per feature its type, presence, domain, range, environments and drift/skew comparators (TFDV's
 * Schema proto, as JSON). Make one with {@link inferSchema}, load one with {@link loadSchema}, edit it in place
 * (`schema.feature("payment_type").domain.add("Cash")`), save it with {@link saveSchema} and review it in git. It
 * shows itself as a report of kind "schema" (a table of the features).
 */
export class Schema extends Report<SchemaReportJSON> {
  #json: SchemaJSON;
  readonly dataset: DatasetConstraints;
  /** The file the schema was loaded from, when it was. */
  readonly location: string | undefined;

  /**
   * A schema from its JSON document (checked: throws INVALID_SCHEMA naming `location` and the path of a problem).
   * Default: an empty schema.
   */
  constructor(json: SchemaJSON | unknown = emptySchema(), location?: string) {
    super();
    this.location = location;
    this.#json = checkSchemaJSON(json, location ?? "schema");
    this.dataset = new DatasetConstraints(this.#json.dataset);
  }

  /** Where the schema was inferred from, if known. */
  get source(): string | undefined {
    return this.#json.source;
  }

  /** The declared environments (e.g. TRAINING, SERVING), sorted. */
  get environments(): readonly string[] {
    return this.#json.environments;
  }

  /** Declares environments. */
  addEnvironment(...environments: string[]): this {
    for (const e of environments) {
      if (typeof e !== "string" || e === "")
        invalid(`An environment name must be a non-empty string, got ${JSON.stringify(e)}.`);
    }
    this.#json.environments = sortedUnique([...this.#json.environments, ...environments]);
    return this;
  }

  /** The features, sorted by name. */
  get features(): FeatureSchema[] {
    return this.#sorted().map((spec) => new FeatureSchema(this, spec));
  }

  /** The names of the features marked sensitive (`sensitive: true`), sorted. */
  get sensitiveColumns(): string[] {
    return this.#sorted()
      .filter((spec) => spec.sensitive === true)
      .map((spec) => spec.name);
  }

  get featureNames(): string[] {
    return this.#sorted().map((f) => f.name);
  }

  has(name: string): boolean {
    return this.#json.features.some((f) => f.name === name);
  }

  /** The feature called `name`, to read or edit; throws MISSING_COLUMN naming the features that exist. */
  feature(name: string): FeatureSchema {
    const spec = this.#json.features.find((f) => f.name === name);
    if (spec === undefined) {
      throw new DriftlabError(
        "MISSING_COLUMN",
        `The schema has no feature "${name}". Features are: ${this.featureNames.map((n) => `"${n}"`).join(", ")}. Add one with schema.addFeature(name, type).`,
        { subject: name },
      );
    }
    return new FeatureSchema(this, spec);
  }

  /** Adds a feature with no constraints beyond its type (presence 0); throws if it exists. */
  addFeature(name: string, type: FeatureKind): FeatureSchema {
    if (typeof name !== "string" || name === "") invalid(`A feature name must be a non-empty string.`);
    if (this.has(name)) invalid(`The schema already has a feature "${name}".`, name);
    if (!(FEATURE_KINDS as readonly string[]).includes(type))
      invalid(`Type "${String(type)}" is not a kind; use one of ${FEATURE_KINDS.join(", ")}.`, name);
    const spec: FeatureSpec = { name, type, presence: { minFraction: 0, minCount: 0 } };
    if (type === "numeric") spec.numeric = { integer: false, allowNaN: true, allowInfinity: true };
    return this.addFeatureSpec(spec);
  }

  /** @internal Adds a complete feature spec (used by inference and updateSchema). */
  addFeatureSpec(spec: FeatureSpec): FeatureSchema {
    if (this.has(spec.name)) invalid(`The schema already has a feature "${spec.name}".`, spec.name);
    this.#json.features.push(spec);
    return new FeatureSchema(this, spec);
  }

  /** Removes a feature. */
  removeFeature(name: string): this {
    this.feature(name);
    this.#json.features = this.#json.features.filter((f) => f.name !== name);
    return this;
  }

  /** A deep copy. */
  clone(): Schema {
    return new Schema(this.toSchemaJSON(), this.location);
  }

  /** The schema document (the file format), canonical and checked. */
  toSchemaJSON(): SchemaJSON {
    return checkSchemaJSON(structuredClone(this.#json), this.location ?? "schema");
  }

  /** The schema file text (what {@link saveSchema} writes). */
  stringify(): string {
    return schemaText(this.toSchemaJSON());
  }

  /** Parses schema file text; `source` names it in errors. */
  static parse(text: string, location?: string): Schema {
    return new Schema(parseSchemaText(text, location ?? "schema"), location);
  }

  /** The schema as a report (kind "schema"): the envelope plus the document. */
  toJSON(): SchemaReportJSON {
    return {
      ...envelope(
        "schema",
        this.#json.source === undefined ? "Schema" : `Schema inferred from ${this.#json.source}`,
        { status: "ok", reasons: [] },
      ),
      schema: this.toSchemaJSON(),
    };
  }

  #sorted(): FeatureSpec[] {
    return [...this.#json.features].sort((a, b) => compareStrings(a.name, b.name));
  }
}

function emptySchema(): SchemaJSON {
  return {
    format: "driftlab-schema",
    version: SCHEMA_FORMAT_VERSION,
    environments: [],
    dataset: {},
    features: [],
  };
}

/** Parses schema file text into a {@link Schema}. */
export function parseSchema(text: string, location?: string): Schema {
  return Schema.parse(text, location);
}

/** The schema file text: canonical JSON (sorted features and values, fixed key order) that diffs well. */
export function stringifySchema(schema: Schema): string {
  return schema.stringify();
}

/** Reads a schema file; a missing file is FILE_NOT_FOUND, a malformed one INVALID_SCHEMA naming the JSON path. */
export function loadSchema(path: string): Schema {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new DriftlabError(
      "FILE_NOT_FOUND",
      `Cannot read schema file ${path}: ${(error as Error).message}.`,
      {
        subject: path,
        cause: error,
      },
    );
  }
  return Schema.parse(text, path);
}

/** Writes a schema file in canonical form. */
export function saveSchema(schema: Schema, path: string): void {
  writeFileSync(path, schema.stringify());
}
