import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { fromColumns } from "../../src/data/index.js";
import { drift } from "../../src/drift/index.js";

const schema = JSON.parse(readFileSync("docs/report.schema.json", "utf8"));

/** 300 features x 12 rows; feature f_k's current side is shifted by k, so the most drifted are the last. */
function wide(shiftScale: number): Record<string, number[]> {
  const columns: Record<string, number[]> = {};
  for (let k = 0; k < 300; k++) {
    columns[`f_${String(k).padStart(3, "0")}`] = Array.from({ length: 12 }, (_, i) => i + shiftScale * k);
  }
  return columns;
}

describe("drift reports of wide tables", () => {
  it("carries distributions of the most drifted features only, says so, and computes the rest on request", () => {
    const reference = fromColumns(wide(0));
    const current = fromColumns(wide(0.05));
    const report = drift(reference, current, { maxDistributions: 20 });
    const json = report.toJSON();
    expect(json.features).toHaveLength(300);
    const withDistribution = json.features.filter((f) => f.distribution !== null);
    expect(withDistribution.map((f) => f.name)).toEqual(json.features.slice(0, 20).map((f) => f.name));
    expect(json.omitted?.notes?.[0]).toMatch(/distributions of 280 of 300 features left out/);
    const last = json.features[299];
    expect(last.distribution).toBeNull();
    const full = drift(reference, current, { maxDistributions: 300 });
    expect(report.distribution(last.name)).toEqual(full.feature(last.name).distribution);
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(JSON.parse(JSON.stringify(json))), JSON.stringify(validate.errors)).toBe(true);
    expect(JSON.stringify(json).length).toBeLessThan(JSON.stringify(full.toJSON()).length / 4);
  });

  it("keeps every distribution of a report of up to 100 features (the default)", () => {
    const columns = Object.fromEntries(Object.entries(wide(0.05)).slice(0, 100));
    const report = drift(fromColumns(columns), fromColumns(columns));
    expect(report.features.every((f) => f.distribution !== null)).toBe(true);
    expect(report.toJSON().omitted).toBeUndefined();
  });

  it("cuts long category labels in distributions and summaries", () => {
    const long = "L".repeat(10_000);
    const report = drift(
      fromColumns({ c: ["a", "a", "b", "b"] }),
      fromColumns({ c: [long, long, "a", "b"] }),
    );
    const f = report.feature("c");
    expect(JSON.stringify(f).length).toBeLessThan(3_000);
    expect(f.summary).toContain("(10,000 chars)");
  });
});
