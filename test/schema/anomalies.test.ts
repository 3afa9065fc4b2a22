import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import type { Dataset } from "../../src/data/column.js";
import { JUPYTER_DISPLAY } from "../../src/report/report.js";
import {
  ANOMALY_CODE_LIST,
  ANOMALY_CODES,
  validate,
  type Anomalies,
  type Anomaly,
  type AnomalyCode,
  type Schema,
} from "../../src/schema/index.js";
import { profile } from "../../src/stats/profile.js";
import { taxi, taxiSchema } from "./helpers.js";

const reportSchema = JSON.parse(readFileSync("docs/report.schema.json", "utf8"));

let training: Dataset;
let serving: Dataset;
let empty: Dataset;
let schema: Schema;
/** serving.csv validated in SERVING with training.csv as the previous span. */
let servingReport: Anomalies;
/** training.csv validated in TRAINING with serving.csv as previous and as serving data. */
let trainingReport: Anomalies;

beforeAll(async () => {
  ({ training, serving, empty } = await taxi());
  schema = taxiSchema(training);
  servingReport = validate(serving, schema, { environment: "SERVING", previous: training });
  trainingReport = validate(training, schema, { environment: "TRAINING", previous: serving, serving });
});

function only(report: Anomalies, code: AnomalyCode, feature: string | null): Anomaly {
  const found = report.anomalies.filter((a) => a.code === code && a.feature === feature);
  expect(found.length, `${code} on ${feature} in\n${report.toString()}`).toBeGreaterThanOrEqual(1);
  for (const a of found) {
    expect(a.severity).toBe(ANOMALY_CODES[code].severity);
    expect(a.short).toBe(ANOMALY_CODES[code].short);
  }
  return found[0];
}

/** Counts serving.csv rows whose field `column` satisfies `test` (read from the file, independently of driftlab). */
function countRows(column: string, test: (field: string) => boolean): number {
  const [header, ...lines] = readFileSync("test/schema/fixtures/serving.csv", "utf8").trimEnd().split("\n");
  const index = header.split(",").indexOf(column);
  return lines.filter((line) => test(line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)[index])).length;
}

/** One scenario per catalogued code: how the crafted data triggers it. */
const scenarios: Record<AnomalyCode, () => void> = {
  SCHEMA_MISSING_COLUMN: () => {
    only(servingReport, "SCHEMA_MISSING_COLUMN", "tolls");
    // The label is declared absent from SERVING: no anomaly for it.
    expect(servingReport.ofFeature("big_tip")).toEqual([]);
  },
  SCHEMA_NEW_COLUMN: () => {
    only(servingReport, "SCHEMA_NEW_COLUMN", "driver_rating");
    // A column the schema declares absent from the environment also counts as new there.
    only(validate(training, schema, { environment: "SERVING" }), "SCHEMA_NEW_COLUMN", "big_tip");
  },
  UNEXPECTED_DATA_TYPE: () => {
    const a = only(servingReport, "UNEXPECTED_DATA_TYPE", "passengers");
    expect(a.measured).toBe("categorical");
    expect(a.threshold).toBe("numeric");
    // The message names offending values (issue 14).
    expect(a.description).toMatch(/such as "[^"]+"/);
    const fractional = profile({ passengers: [1, 2.5, 3] });
    const f = only(validate(fractional, schema), "UNEXPECTED_DATA_TYPE", "passengers");
    expect(f.description).toContain("fractional values such as 2.5");
  },
  FEATURE_TYPE_NOT_PRESENT: () => {
    only(servingReport, "FEATURE_TYPE_NOT_PRESENT", "dropoff_area");
  },
  FEATURE_TYPE_LOW_FRACTION_PRESENT: () => {
    const a = only(servingReport, "FEATURE_TYPE_LOW_FRACTION_PRESENT", "fare");
    const missing = countRows("fare", (f) => f === "");
    expect(missing).toBeGreaterThan(0);
    expect(a.measured).toBeCloseTo(1 - missing / 200, 12);
    expect(a.threshold).toBe(1);
  },
  FEATURE_TYPE_LOW_NUMBER_PRESENT: () => {
    const edited = schema.clone();
    edited.feature("tip_rate").presence.minCount = 500;
    const a = only(
      validate(serving, edited, { environment: "SERVING" }),
      "FEATURE_TYPE_LOW_NUMBER_PRESENT",
      "tip_rate",
    );
    expect(a.measured).toBe(200);
    expect(a.threshold).toBe(500);
  },
  ENUM_TYPE_UNEXPECTED_STRING_VALUES: () => {
    const a = only(servingReport, "ENUM_TYPE_UNEXPECTED_STRING_VALUES", "payment_type");
    const bitcoin = countRows("payment_type", (f) => f === "Bitcoin");
    expect(a.values).toEqual([{ value: "Bitcoin", count: bitcoin, fraction: bitcoin / 200 }]);
    // With a minimum domain mass below the observed share, the values are tolerated.
    const tolerant = schema.clone();
    tolerant.feature("payment_type").domain.minMass = 0.9;
    expect(
      validate(serving, tolerant, { environment: "SERVING" })
        .withCode("ENUM_TYPE_UNEXPECTED_STRING_VALUES")
        .map((x) => x.feature),
    ).toEqual(["pickup_area"]);
  },
  FLOAT_TYPE_HAS_NAN: () => {
    const a = only(servingReport, "FLOAT_TYPE_HAS_NAN", "tip_rate");
    expect(a.measured).toBe(countRows("tip_rate", (f) => f === "NaN"));
  },
  FLOAT_TYPE_HAS_INF: () => {
    const a = only(servingReport, "FLOAT_TYPE_HAS_INF", "extras");
    expect(a.measured).toBe(countRows("extras", (f) => f === "inf" || f === "-inf"));
  },
  FLOAT_TYPE_SMALL_FLOAT: () => {
    const a = only(servingReport, "FLOAT_TYPE_SMALL_FLOAT", "trip_miles");
    expect(a.measured).toBe(-1.5);
    expect(a.threshold).toBe(schema.feature("trip_miles").numeric!.min);
  },
  FLOAT_TYPE_BIG_FLOAT: () => {
    const a = only(servingReport, "FLOAT_TYPE_BIG_FLOAT", "trip_miles");
    expect(a.measured).toBe(250);
  },
  DATETIME_TYPE_TOO_EARLY: () => {
    const a = only(servingReport, "DATETIME_TYPE_TOO_EARLY", "pickup_time");
    expect(a.measured).toBe("2023-12-31T23:00:00.000Z");
  },
  DATETIME_TYPE_TOO_LATE: () => {
    const a = only(servingReport, "DATETIME_TYPE_TOO_LATE", "pickup_time");
    expect(a.measured).toBe("2024-02-03T10:00:00.000Z");
  },
  FEATURE_TYPE_LOW_UNIQUE: () => {
    const a = only(servingReport, "FEATURE_TYPE_LOW_UNIQUE", "company");
    expect(a.measured).toBe(2);
    expect(a.threshold).toBe(8);
  },
  FEATURE_TYPE_HIGH_UNIQUE: () => {
    const a = only(servingReport, "FEATURE_TYPE_HIGH_UNIQUE", "pickup_area");
    expect(a.measured).toBe(14);
    expect(a.threshold).toBe(10);
  },
  DATASET_LOW_NUM_EXAMPLES: () => {
    // The inferred schema requires at least one row: the header-only file is an anomaly, not an error.
    const report = validate(empty, schema, { environment: "TRAINING" });
    expect(report.anomalies.map((a) => a.code)).toEqual(["DATASET_LOW_NUM_EXAMPLES"]);
    only(report, "DATASET_LOW_NUM_EXAMPLES", null);
  },
  DATASET_HIGH_NUM_EXAMPLES: () => {
    const edited = schema.clone();
    edited.dataset.maxExamples = 100;
    const a = only(validate(serving, edited, { environment: "SERVING" }), "DATASET_HIGH_NUM_EXAMPLES", null);
    expect(a.measured).toBe(200);
  },
  COMPARATOR_LOW_NUM_EXAMPLES: () => {
    const a = only(servingReport, "COMPARATOR_LOW_NUM_EXAMPLES", null);
    expect(a.measured).toBe(0.2);
    expect(a.threshold).toBe(0.5);
  },
  COMPARATOR_HIGH_NUM_EXAMPLES: () => {
    const a = only(trainingReport, "COMPARATOR_HIGH_NUM_EXAMPLES", null);
    expect(a.measured).toBe(5);
  },
  COMPARATOR_L_INFTY_HIGH: () => {
    const drift = only(servingReport, "COMPARATOR_L_INFTY_HIGH", "payment_type");
    expect(drift.against).toBe("previous");
    expect(drift.category).toBe("Cash");
    expect(drift.description).toContain('"Cash"');
    const skew = trainingReport.anomalies.find(
      (a) => a.code === "COMPARATOR_L_INFTY_HIGH" && a.against === "serving",
    );
    expect(skew?.feature).toBeDefined();
  },
  COMPARATOR_JENSEN_SHANNON_DIVERGENCE_HIGH: () => {
    const drift = only(servingReport, "COMPARATOR_JENSEN_SHANNON_DIVERGENCE_HIGH", "fare");
    expect(drift.against).toBe("previous");
    const skew = trainingReport.anomalies.filter(
      (a) => a.code === "COMPARATOR_JENSEN_SHANNON_DIVERGENCE_HIGH" && a.feature === "fare",
    );
    expect(skew.map((a) => a.against).sort()).toEqual(["previous", "serving"]);
  },
  COMPARATOR_CONTROL_DATA_MISSING: () => {
    // serving.csv, used as the previous span, has no tolls column.
    const a = trainingReport.anomalies.find(
      (x) => x.code === "COMPARATOR_CONTROL_DATA_MISSING" && x.feature === "tolls",
    );
    expect(a?.severity).toBe("info");
  },
};

describe("anomaly catalogue on the crafted serving data", () => {
  it("has a scenario for every catalogued code", () => {
    expect(Object.keys(scenarios).sort()).toEqual([...ANOMALY_CODE_LIST].sort());
  });

  for (const code of ANOMALY_CODE_LIST) {
    it(`raises ${code}`, () => scenarios[code]());
  }

  it("finds nothing when training data is validated against its own schema", () => {
    expect(validate(training, schema, { environment: "TRAINING" }).anomalies).toEqual([]);
    expect(validate(training, schema).anomalies).toEqual([]);
  });

  it("raises nothing but the expected codes on serving.csv", () => {
    const codes = new Set(servingReport.anomalies.map((a) => a.code));
    expect(codes.has("COMPARATOR_CONTROL_DATA_MISSING")).toBe(false);
    expect(servingReport.hasErrors).toBe(true);
  });
});

describe("anomalies report", () => {
  it("validates against the report JSON Schema", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const check = ajv.compile(reportSchema);
    for (const report of [servingReport, trainingReport]) {
      const json = JSON.parse(JSON.stringify(report.toJSON()));
      expect(check(json), JSON.stringify(check.errors)).toBe(true);
      expect(json.kind).toBe("anomalies");
      expect(json.summary.error).toBe(report.anomalies.filter((a) => a.severity === "error").length);
    }
    const broken = JSON.parse(JSON.stringify(servingReport.toJSON()));
    broken.anomalies[0].severity = "fatal";
    expect(check(broken)).toBe(false);
  });

  it("lists anomalies by severity, errors first, with a row per anomaly", () => {
    const json = servingReport.toJSON();
    const ranks = json.anomalies.map((a) => ["error", "warning", "info"].indexOf(a.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(json.anomalies[0]).toMatchObject({
      feature: expect.any(String),
      code: expect.any(String),
      description: expect.any(String),
    });
  });

  it("shows itself as static HTML grouped by severity, and as text", async () => {
    const bundle = (await servingReport[JUPYTER_DISPLAY]()) as Record<string, string>;
    const html = bundle["text/html"];
    expect(html).not.toContain("<script");
    expect(html.indexOf("<h3>Errors</h3>")).toBeGreaterThan(0);
    expect(html.indexOf("<h3>Warnings</h3>")).toBeGreaterThan(html.indexOf("<h3>Errors</h3>"));
    expect(html).toContain('class="driftlab-chip bad"');
    expect(html).toContain("ENUM_TYPE_UNEXPECTED_STRING_VALUES");
    expect(html).toContain("Bitcoin");
    expect(bundle["text/plain"]).toMatch(/errors?, \d+ warnings?/);
    expect(bundle["text/plain"]).toContain("SCHEMA_MISSING_COLUMN");
  });
});
