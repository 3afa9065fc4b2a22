import type { Profile } from "../stats/profile.js";
import type { FeatureProfile } from "../stats/types.js";
import type { Anomaly } from "./anomalies.js";
import type { AnomalyCode } from "./anomaly-codes.js";
import { comparatorAllowed, isStringKind, sortedUnique } from "./format.js";
import { inferFeature } from "./infer.js";
import { Schema } from "./schema.js";
import type { FeatureSpec, SchemaJSON } from "../format/schema.js";
import { categoryCounts, findAnomalies, profileForSchema, type ValidationInput } from "./validate.js";

/** One change {@link updateSchema} made, and the anomaly it resolves. */
export interface SchemaChange {
  /** The feature changed, or null for dataset constraints. */
  feature: string | null;
  /** The anomaly the change resolves. */
  code: AnomalyCode;
  /** The field changed, as a path in the feature (or `dataset`) object, e.g. `presence.minFraction`. */
  field: string;
  from: unknown;
  to: unknown;
  /** The change in words. */
  description: string;
}

/** Options of {@link updateSchema}. */
export interface UpdateSchemaOptions {
  /**
   * The environment the new data comes from. A feature missing from it is then declared `notIn` that environment;
   * without one, a missing feature is deprecated. Default: none.
   */
  environment?: string;
}

/** Floors to 4 decimals so that the observed value satisfies the new bound. */
function floor4(value: number): number {
  return Math.max(0, Math.floor(value * 1e4 + 1e-9) / 1e4);
}

class Editor {
  readonly changes: SchemaChange[] = [];
  constructor(readonly json: SchemaJSON) {}

  set<T extends object, K extends keyof T & string>(
    feature: string | null,
    code: AnomalyCode,
    target: T,
    path: string,
    key: K,
    to: T[K],
    description: string,
  ): void {
    const from = target[key];
    if (JSON.stringify(from) === JSON.stringify(to)) return;
    target[key] = to;
    this.changes.push({
      feature,
      code,
      field: path,
      from: from === undefined ? null : from,
      to,
      description,
    });
  }
}

function relax(
  anomaly: Anomaly,
  spec: FeatureSpec | undefined,
  f: FeatureProfile | undefined,
  profile: Profile,
  e: Editor,
  environment?: string,
): void {
  const code = anomaly.code;
  const name = anomaly.feature;
  const dataset = e.json.dataset;
  switch (code) {
    case "DATASET_LOW_NUM_EXAMPLES":
      e.set(
        null,
        code,
        dataset,
        "dataset.minExamples",
        "minExamples",
        profile.numRows,
        `accept ${profile.numRows} rows`,
      );
      return;
    case "DATASET_HIGH_NUM_EXAMPLES":
      e.set(
        null,
        code,
        dataset,
        "dataset.maxExamples",
        "maxExamples",
        profile.numRows,
        `accept ${profile.numRows} rows`,
      );
      return;
    case "SCHEMA_NEW_COLUMN": {
      if (f === undefined) return;
      if (spec === undefined) {
        const added = inferFeature(f);
        e.json.features.push(added);
        e.changes.push({
          feature: f.name,
          code,
          field: "",
          from: null,
          to: added,
          description: `add feature "${f.name}" (${f.kind})`,
        });
        return;
      }
      if (environment === undefined) return;
      if (spec.inEnvironments !== undefined) {
        e.set(
          name,
          code,
          spec,
          "inEnvironments",
          "inEnvironments",
          sortedUnique([...spec.inEnvironments, environment]),
          `expect "${spec.name}" in ${environment}`,
        );
      } else {
        const rest = (spec.notInEnvironments ?? []).filter((x) => x !== environment);
        e.set(
          name,
          code,
          spec,
          "notInEnvironments",
          "notInEnvironments",
          rest.length > 0 ? rest : undefined,
          `expect "${spec.name}" in ${environment}`,
        );
      }
      return;
    }
    case "SCHEMA_MISSING_COLUMN":
      if (spec === undefined) return;
      if (environment === undefined) {
        e.set(
          name,
          code,
          spec,
          "deprecated",
          "deprecated",
          true,
          `deprecate "${spec.name}" (absent from the data)`,
        );
      } else if (spec.inEnvironments !== undefined) {
        const rest = spec.inEnvironments.filter((x) => x !== environment);
        if (rest.length === 0)
          e.set(
            name,
            code,
            spec,
            "deprecated",
            "deprecated",
            true,
            `deprecate "${spec.name}" (absent from its only environment)`,
          );
        else
          e.set(
            name,
            code,
            spec,
            "inEnvironments",
            "inEnvironments",
            rest,
            `"${spec.name}" is not in ${environment}`,
          );
      } else {
        e.set(
          name,
          code,
          spec,
          "notInEnvironments",
          "notInEnvironments",
          sortedUnique([...(spec.notInEnvironments ?? []), environment]),
          `"${spec.name}" is not in ${environment}`,
        );
      }
      return;
  }
  if (spec === undefined || f === undefined) return;
  const present = f.count - f.missing;
  switch (code) {
    case "UNEXPECTED_DATA_TYPE": {
      if (spec.numeric !== undefined && f.kind === "numeric") {
        e.set(name, code, spec.numeric, "numeric.integer", "integer", false, "allow fractional values");
        return;
      }
      const inferred = inferFeature(f);
      const replacement: FeatureSpec = { ...inferred, presence: spec.presence };
      for (const key of ["deprecated", "sensitive", "inEnvironments", "notInEnvironments"] as const) {
        if (spec[key] !== undefined) (replacement as unknown as Record<string, unknown>)[key] = spec[key];
      }
      for (const key of ["driftComparator", "skewComparator"] as const) {
        const c = spec[key];
        if (c !== undefined && comparatorAllowed(c.measure, f.kind))
          replacement[key] = { measure: c.measure, threshold: c.threshold };
      }
      const index = e.json.features.indexOf(spec);
      e.json.features[index] = replacement;
      e.changes.push({
        feature: name,
        code,
        field: "type",
        from: spec.type,
        to: f.kind,
        description: `change the type of "${spec.name}" from ${spec.type} to ${f.kind} (constraints re-inferred)`,
      });
      return;
    }
    case "FEATURE_TYPE_NOT_PRESENT":
      e.set(name, code, spec.presence, "presence.minFraction", "minFraction", 0, "allow no values");
      e.set(name, code, spec.presence, "presence.minCount", "minCount", 0, "allow no values");
      return;
    case "FEATURE_TYPE_LOW_FRACTION_PRESENT": {
      const to = floor4(present / f.count);
      e.set(
        name,
        code,
        spec.presence,
        "presence.minFraction",
        "minFraction",
        to,
        `lower the required fraction present to ${to}`,
      );
      return;
    }
    case "FEATURE_TYPE_LOW_NUMBER_PRESENT":
      e.set(
        name,
        code,
        spec.presence,
        "presence.minCount",
        "minCount",
        present,
        `lower the required count to ${present}`,
      );
      return;
    case "ENUM_TYPE_UNEXPECTED_STRING_VALUES": {
      if (spec.domain === undefined) return;
      const added = [...categoryCounts(profile, f).counts.keys()].filter(
        (v) => !spec.domain!.values.includes(v),
      );
      e.set(
        name,
        code,
        spec.domain,
        "domain.values",
        "values",
        sortedUnique([...spec.domain.values, ...added]),
        `add ${added.length} value(s) to the domain: ${added
          .slice(0, 10)
          .map((v) => JSON.stringify(v))
          .join(", ")}${added.length > 10 ? ", …" : ""}`,
      );
      return;
    }
    case "FLOAT_TYPE_HAS_NAN":
      e.set(name, code, spec.numeric!, "numeric.allowNaN", "allowNaN", true, "allow NaN");
      return;
    case "FLOAT_TYPE_HAS_INF":
      e.set(name, code, spec.numeric!, "numeric.allowInfinity", "allowInfinity", true, "allow ±Infinity");
      return;
    case "FLOAT_TYPE_SMALL_FLOAT":
      e.set(
        name,
        code,
        spec.numeric!,
        "numeric.min",
        "min",
        f.numeric!.min,
        `lower the minimum to ${f.numeric!.min}`,
      );
      return;
    case "FLOAT_TYPE_BIG_FLOAT":
      e.set(
        name,
        code,
        spec.numeric!,
        "numeric.max",
        "max",
        f.numeric!.max,
        `raise the maximum to ${f.numeric!.max}`,
      );
      return;
    case "DATETIME_TYPE_TOO_EARLY":
      e.set(
        name,
        code,
        spec.datetime!,
        "datetime.min",
        "min",
        f.datetime!.min,
        `move the minimum to ${f.datetime!.min}`,
      );
      return;
    case "DATETIME_TYPE_TOO_LATE":
      e.set(
        name,
        code,
        spec.datetime!,
        "datetime.max",
        "max",
        f.datetime!.max,
        `move the maximum to ${f.datetime!.max}`,
      );
      return;
    case "FEATURE_TYPE_LOW_UNIQUE":
      e.set(
        name,
        code,
        spec.unique!,
        "unique.min",
        "min",
        f.categorical!.unique,
        `lower the minimum distinct count to ${f.categorical!.unique}`,
      );
      return;
    case "FEATURE_TYPE_HIGH_UNIQUE":
      e.set(
        name,
        code,
        spec.unique!,
        "unique.max",
        "max",
        f.categorical!.unique,
        `raise the maximum distinct count to ${f.categorical!.unique}`,
      );
      return;
    default:
      // Comparator anomalies need previous or serving data, which updateSchema does not take.
      return;
  }
}

/**
 * Relaxes a schema so that new, legitimate data conforms to it (TFDV's `update_schema`): adds new columns, widens
 * domains, ranges and distinct-count bounds, lowers presence requirements, allows NaN/Infinity, changes types,
 * declares missing features absent from the environment (or deprecates them). The input schema is not modified.
 * Every change is listed with the anomaly it resolves, to review before saving. Comparator thresholds are left alone:
 * drift is not a schema property to relax.
 *
 * @example const { schema: next, changes } = updateSchema(schema, profile(newData));
 */
export function updateSchema(
  schema: Schema,
  data: ValidationInput,
  options: UpdateSchemaOptions = {},
): { schema: Schema; changes: SchemaChange[] } {
  const json = schema.toSchemaJSON();
  const profile = profileForSchema(data, json);
  const editor = new Editor(json);
  // A type change re-infers the feature, so a second pass is never needed; two guard against surprises.
  for (let pass = 0; pass < 2; pass++) {
    const { anomalies } = findAnomalies(profile, json, { environment: options.environment });
    const before = editor.changes.length;
    for (const anomaly of anomalies) {
      const spec = json.features.find((f) => f.name === anomaly.feature);
      const f = profile.features.find((x) => x.name === anomaly.feature);
      relax(anomaly, spec, f, profile, editor, options.environment);
    }
    if (editor.changes.length === before) break;
  }
  for (const spec of json.features) {
    if (!isStringKind(spec.type)) delete spec.domain;
  }
  return { schema: new Schema(json, schema.location), changes: editor.changes };
}
