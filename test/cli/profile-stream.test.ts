import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { run } from "./run.js";

const validate = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync("docs/report.schema.json", "utf8")),
);
const flightsReference = JSON.parse(readFileSync("test/data/reference/flights-3m.json", "utf8")) as Record<
  string,
  string
>;

describe("driftlab profile --stream", () => {
  it("profiles a Parquet file by row groups: exact counts and sums as DuckDB, quantiles marked sketch", async () => {
    const { code, out } = await run([
      "profile",
      "node_modules/vega-datasets/data/flights-3m.parquet",
      "--stream",
      "--json",
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.numRows).toBe(Number(flightsReference.rows));
    const delay = json.features.find((f: { name: string }) => f.name === "delay").numeric;
    expect(delay.sum).toBe(Number(flightsReference.delay_sum));
    expect(delay.quantileMethod).toBe("sketch");
  });

  it("refuses --slices on a streamed file, naming the fix", async () => {
    const { code } = await run([
      "profile",
      "node_modules/vega-datasets/data/flights-3m.parquet",
      "--stream",
      "--slices",
      "origin",
    ]);
    expect(code).toBe(2);
  });
});
