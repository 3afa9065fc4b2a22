import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import type { Dataset } from "../../src/data/column.js";
import { DriftlabError } from "../../src/errors.js";
import {
  inferSchema,
  loadSchema,
  parseSchema,
  saveSchema,
  Schema,
  stringifySchema,
  validate,
} from "../../src/schema/index.js";
import { taxi, taxiSchema } from "./helpers.js";

const fileSchema = JSON.parse(readFileSync("docs/schema.schema.json", "utf8"));
const reportSchema = JSON.parse(readFileSync("docs/report.schema.json", "utf8"));

let training: Dataset;
let serving: Dataset;
beforeAll(async () => {
  ({ training, serving } = await taxi());
});

function errorOf(f: () => unknown): DriftlabError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(DriftlabError);
    return error as DriftlabError;
  }
  throw new Error("expected a DriftlabError");
}

describe("schema file format", () => {
  it("keeps a feature's sensitive mark through text and lists the sensitive columns", () => {
    const schema = new Schema();
    schema.addFeature("email", "text");
    schema.addFeature("age", "numeric");
    schema.feature("email").markSensitive();
    const text = stringifySchema(schema);
    expect(JSON.parse(text).features.find((f: { name: string }) => f.name === "email").sensitive).toBe(true);
    const again = parseSchema(text);
    expect(again.feature("email").sensitive).toBe(true);
    expect(again.feature("age").sensitive).toBe(false);
    expect(again.sensitiveColumns).toEqual(["email"]);
    expect(new Ajv({ allErrors: true, strict: false }).validate(fileSchema, JSON.parse(text))).toBe(true);
    again.feature("email").markSensitive(false);
    expect(again.sensitiveColumns).toEqual([]);
    const bad = JSON.parse(text);
    bad.features[0].sensitive = "yes";
    expect(errorOf(() => parseSchema(JSON.stringify(bad))).code).toBe("INVALID_SCHEMA");
  });

  it("round-trips through text and files unchanged", () => {
    const schema = taxiSchema(training);
    const text = stringifySchema(schema);
    expect(parseSchema(text).stringify()).toBe(text);
    const dir = mkdtempSync(join(tmpdir(), "driftlab-schema-"));
    saveSchema(schema, join(dir, "schema.json"));
    expect(readFileSync(join(dir, "schema.json"), "utf8")).toBe(text);
    expect(loadSchema(join(dir, "schema.json")).stringify()).toBe(text);
  });

  it("writes features, values and environments sorted and keys in a fixed order, whatever the input order", () => {
    const schema = taxiSchema(training);
    const json = JSON.parse(schema.stringify());
    const shuffled = {
      ...json,
      features: [...json.features]
        .reverse()
        .map((f: Record<string, unknown>) => Object.fromEntries(Object.entries(f).reverse())),
    };
    shuffled.environments = [...json.environments].reverse();
    const payment = shuffled.features.find((f: { name: string }) => f.name === "payment_type");
    payment.domain.values = [...payment.domain.values].reverse();
    expect(new Schema(shuffled).stringify()).toBe(schema.stringify());
    const names = json.features.map((f: { name: string }) => f.name);
    expect(names).toEqual([...names].sort());
    expect(Object.keys(json)).toEqual(["format", "version", "source", "environments", "dataset", "features"]);
    expect(Object.keys(json.features.find((f: { name: string }) => f.name === "fare"))).toEqual([
      "name",
      "type",
      "presence",
      "numeric",
      "driftComparator",
      "skewComparator",
    ]);
  });

  it("is checked by docs/schema.schema.json, and the schema report by docs/report.schema.json", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const check = ajv.compile(fileSchema);
    const json = JSON.parse(taxiSchema(training).stringify());
    expect(check(json), JSON.stringify(check.errors)).toBe(true);
    expect(check(JSON.parse(inferSchema(serving).stringify()))).toBe(true);
    expect(check({ ...json, features: [{ ...json.features[0], presense: {} }] })).toBe(false);
    const checkReport = ajv.compile(reportSchema);
    const report = JSON.parse(JSON.stringify(taxiSchema(training).toJSON()));
    expect(report.kind).toBe("schema");
    expect(checkReport(report), JSON.stringify(checkReport.errors)).toBe(true);
  });

  it("reports a corrupt file with the file and the JSON path", () => {
    const dir = mkdtempSync(join(tmpdir(), "driftlab-schema-"));
    const path = join(dir, "bad.json");
    const json = JSON.parse(taxiSchema(training).stringify());
    const fare = json.features.findIndex((f: { name: string }) => f.name === "fare");
    json.features[fare].presence.minFraction = "most";
    writeFileSync(path, JSON.stringify(json));
    const error = errorOf(() => loadSchema(path));
    expect(error.code).toBe("INVALID_SCHEMA");
    expect(error.message).toContain(path);
    expect(error.message).toContain(`features[${fare}] ("fare").presence.minFraction`);
    json.features[fare].presence.minFraction = 1;
    writeFileSync(path, "{ not json");
    expect(errorOf(() => loadSchema(path)).message).toMatch(/bad\.json: not valid JSON/);
    expect(errorOf(() => loadSchema(join(dir, "missing.json"))).code).toBe("FILE_NOT_FOUND");
    expect(errorOf(() => parseSchema(JSON.stringify({ ...json, version: 2 }), "s.json")).message).toMatch(
      /newer/,
    );
    expect(errorOf(() => parseSchema(JSON.stringify({ ...json, format: "tfdv" }), "s.json")).message).toMatch(
      /not a driftlab schema/,
    );
    const typo = structuredClone(json);
    typo.features[fare].presense = {};
    expect(errorOf(() => parseSchema(JSON.stringify(typo), "s.json")).message).toMatch(
      /unknown key "presense"/,
    );
    const l = structuredClone(json);
    l.features[fare].driftComparator = { measure: "lInfinity", threshold: 0.1 };
    expect(errorOf(() => parseSchema(JSON.stringify(l), "s.json")).message).toMatch(
      /use "jensenShannonDivergence"/,
    );
    const env = structuredClone(json);
    env.features[fare].notInEnvironments = ["STAGING"];
    expect(errorOf(() => parseSchema(JSON.stringify(env), "s.json")).message).toMatch(
      /"STAGING" is not declared/,
    );
  });
});

describe("editing a schema in a notebook", () => {
  it("edits domains, ranges, presence, environments and comparators fluently", () => {
    const schema = taxiSchema(training);
    schema.feature("payment_type").domain.add("Bitcoin", "Apple Pay").remove("No Charge");
    expect(schema.feature("payment_type").domain.values).toEqual([
      "Apple Pay",
      "Bitcoin",
      "Cash",
      "Credit Card",
      "Mobile",
    ]);
    schema
      .feature("trip_miles")
      .setRange(-2, 500)
      .driftComparator.jensenShannonDivergence(0.2, { histogram: "quantiles" });
    schema.feature("fare").presence.minFraction = 0.8;
    schema.feature("payment_type").driftComparator.lInfinity(0.5).skewComparator.clear();
    schema.feature("pickup_area").domain.clear();
    schema.feature("pickup_area").setUnique(undefined, undefined);
    schema.feature("tolls").notIn("SERVING");
    schema.feature("tip_rate").allowNaN();
    schema.feature("extras").allowInfinity();
    schema.feature("pickup_time").setRange(new Date("2023-12-01"), "2024-03-01");
    schema.feature("company").setUnique(1, undefined);
    schema.dataset.numExamplesDrift(0.1, 10);
    const text = schema.stringify();
    const reloaded = parseSchema(text);
    expect(reloaded.feature("trip_miles").range).toEqual({ min: -2, max: 500 });
    expect(reloaded.feature("trip_miles").driftComparator.threshold).toBe(0.2);
    expect(reloaded.feature("fare").presence.minFraction).toBe(0.8);
    expect(reloaded.feature("payment_type").skewComparator.measure).toBeUndefined();
    expect(reloaded.feature("tolls").isIn("SERVING")).toBe(false);
    const report = validate(serving, reloaded, { environment: "SERVING", previous: training });
    const codes = new Set(report.anomalies.map((a) => `${a.feature}:${a.code}`));
    for (const gone of [
      "payment_type:ENUM_TYPE_UNEXPECTED_STRING_VALUES",
      "payment_type:COMPARATOR_L_INFTY_HIGH",
      "trip_miles:FLOAT_TYPE_SMALL_FLOAT",
      "trip_miles:FLOAT_TYPE_BIG_FLOAT",
      "pickup_area:ENUM_TYPE_UNEXPECTED_STRING_VALUES",
      "tolls:SCHEMA_MISSING_COLUMN",
      "tip_rate:FLOAT_TYPE_HAS_NAN",
      "extras:FLOAT_TYPE_HAS_INF",
      "pickup_time:DATETIME_TYPE_TOO_EARLY",
      "company:FEATURE_TYPE_LOW_UNIQUE",
      "null:COMPARATOR_LOW_NUM_EXAMPLES",
    ]) {
      expect(codes.has(gone), gone).toBe(false);
    }
    expect(codes.has("fare:FEATURE_TYPE_LOW_FRACTION_PRESENT")).toBe(false);
    expect(codes.has("fare:COMPARATOR_JENSEN_SHANNON_DIVERGENCE_HIGH")).toBe(true);
  });

  it("rejects edits that do not fit the feature, naming it", () => {
    const schema = taxiSchema(training);
    expect(errorOf(() => schema.feature("fare").domain.add("x")).message).toMatch(/"fare" is numeric/);
    expect(errorOf(() => schema.feature("fare").driftComparator.lInfinity(0.1)).message).toMatch(
      /jensenShannonDivergence/,
    );
    expect(errorOf(() => (schema.feature("fare").presence.minFraction = 1.5)).code).toBe("INVALID_SCHEMA");
    expect(errorOf(() => schema.feature("fare").setRange(10, 1)).message).toMatch(/above max/);
    expect(errorOf(() => schema.feature("payment_type").setRange(0, 1)).message).toMatch(
      /numeric and datetime/,
    );
    const missing = errorOf(() => schema.feature("nope"));
    expect(missing.code).toBe("MISSING_COLUMN");
    expect(missing.message).toContain('"payment_type"');
  });

  it("declares environments: the label is not expected in SERVING", () => {
    const schema = inferSchema(training, {
      environments: ["TRAINING", "SERVING"],
      notIn: { SERVING: ["big_tip"] },
    });
    expect(schema.environments).toEqual(["SERVING", "TRAINING"]);
    expect(schema.feature("big_tip").isIn("SERVING")).toBe(false);
    expect(schema.feature("big_tip").isIn("TRAINING")).toBe(true);
    const withoutLabel = validate(serving, schema, { environment: "SERVING" });
    expect(withoutLabel.ofFeature("big_tip")).toEqual([]);
    const everywhere = validate(serving, schema);
    expect(everywhere.withCode("SCHEMA_MISSING_COLUMN").map((a) => a.feature)).toContain("big_tip");
  });

  it("throws on an environment the schema lacks, listing the known ones", () => {
    const schema = taxiSchema(training);
    const error = errorOf(() => validate(serving, schema, { environment: "STAGING" }));
    expect(error.code).toBe("UNKNOWN_ENVIRONMENT");
    expect(error.message).toContain("SERVING, TRAINING");
    expect(
      errorOf(() => validate(serving, inferSchema(training), { environment: "SERVING" })).message,
    ).toMatch(/declares no environments/);
  });

  it("reports columns the schema does not know as anomalies, not errors", () => {
    const other = inferSchema({ a: [1, 2, 3], b: ["x", "y", "x"] });
    const report = validate(serving, other);
    expect(report.withCode("SCHEMA_MISSING_COLUMN").map((a) => a.feature)).toEqual(["a", "b"]);
    expect(report.withCode("SCHEMA_NEW_COLUMN")).toHaveLength(serving.columns.length);
  });

  it("shows itself as a table of features", async () => {
    const schema = taxiSchema(training);
    expect(schema.toString()).toMatch(/payment_type\s+categorical/);
    const html = await schema.toStaticHTML();
    expect(html).toContain("<table");
    expect(html).toContain("not in SERVING");
  });
});
