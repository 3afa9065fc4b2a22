import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ANOMALY_CODE_LIST, INCIDENT_CODES } from "../../src/format/index.js";

const schema = JSON.parse(readFileSync("docs/report.schema.json", "utf8"));

describe("the generated report JSON Schema", () => {
  it("is what scripts/report-schema.mjs generates from src/format/ (run `npm run schema` after a change)", async () => {
    // Exits 1 with a message when docs/report.schema.json differs from the generated schema. Asynchronous, so that
    // the test worker's event loop is not blocked while the generator runs.
    await promisify(execFile)(process.execPath, ["scripts/report-schema.mjs", "--check"]);
  });

  it("dispatches on every report kind and requires the verdict", () => {
    expect(schema.properties.kind.enum).toEqual([
      "profile",
      "drift",
      "drift-timeline",
      "anomalies",
      "schema",
      "fairness",
      "slices",
      "skew",
      "feedback-labels",
      "feedback",
      "predictive-content",
      "coverage",
      "representation",
    ]);
    expect(schema.required).toContain("verdict");
    for (const condition of schema.allOf) {
      const name = condition.then.$ref.replace("#/definitions/", "");
      expect(schema.definitions[name].required, name).toContain("verdict");
    }
    expect(schema.definitions.VerdictStatus.enum).toEqual(["ok", "warn", "fail"]);
  });

  it("carries the anomaly and incident catalogues", () => {
    expect(schema.definitions.AnomalyCode.enum).toEqual([...ANOMALY_CODE_LIST]);
    expect([...schema.definitions.IncidentCode.enum].sort()).toEqual(Object.keys(INCIDENT_CODES).sort());
  });
});
