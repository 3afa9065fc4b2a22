import { beforeAll, describe, expect, it } from "vitest";
import type { Dataset } from "../../src/data/column.js";
import { read } from "../../src/data/index.js";
import { drift } from "../../src/drift/index.js";
import type { DriftReport } from "../../src/drift/report.js";
import { inferSchema } from "../../src/schema/infer.js";
import { validate } from "../../src/schema/validate.js";
import { duckdb } from "../../src/sources/index.js";
import { profile } from "../../src/stats/profile.js";
import { VEGA } from "../data/helpers.js";
import { expectInsideBound } from "./helpers.js";

const FLIGHTS = `${VEGA}flights-3m.parquet`;

/** The rows of flights-3m in a month (1–12, UTC), filtered in memory. */
function month(dataset: Dataset, m: number): Dataset {
  const date = dataset.column("date") as { values: Float64Array };
  const rows: number[] = [];
  for (let i = 0; i < dataset.numRows; i++)
    if (new Date(date.values[i]).getUTCMonth() + 1 === m) rows.push(i);
  return dataset.take(rows);
}

describe("drift of two DuckDB sources (flights-3m, January vs June) against drift of the same rows in memory", () => {
  let dataset: Dataset;
  let january: Dataset;
  let june: Dataset;
  const jan = () => duckdb(FLIGHTS, { where: "month(date) = 1" });
  const jun = () => duckdb(FLIGHTS, { where: "month(date) = 6" });
  beforeAll(async () => {
    dataset = await read(FLIGHTS);
    january = month(dataset, 1);
    june = month(dataset, 6);
  }, 120_000);

  it("KS: the exact D and p-value lie inside the engine's D ± ε and p interval; the report names the sources", async () => {
    const options = { method: "ks" as const, features: ["delay", "distance"], correction: "none" as const };
    const exact = drift(january, june, options);
    const engine: DriftReport = await drift(jan(), jun(), options);
    expect(engine.toJSON().reference.name).toBe(`duckdb:${FLIGHTS}?where=month(date) = 1`);
    expect(engine.toJSON().current.name).toBe(`duckdb:${FLIGHTS}?where=month(date) = 6`);
    expect(engine.toJSON().reference.numRows).toBe(january.numRows);
    for (const name of options.features) {
      const e = engine.features.find((f) => f.name === name)!;
      const x = exact.features.find((f) => f.name === name)!;
      expectInsideBound(e, x, name);
    }
  }, 120_000);

  it("binned methods (PSI) on agreed edges use exact counts: equal to the in-memory drift", async () => {
    const options = { method: "psi" as const, features: ["delay", "distance"] };
    const exact = drift(january, june, options);
    const engine = await drift(jan(), jun(), options);
    for (const name of options.features) {
      const e = engine.features.find((f) => f.name === name)!;
      const x = exact.features.find((f) => f.name === name)!;
      expect(e.approximate).toBe(false);
      expect(e.statistic).toBeCloseTo(x.statistic, 12);
      expect(e.drifted).toBe(x.drifted);
    }
  }, 120_000);

  it("categorical features compare exact counts: the same statistic as in memory", async () => {
    const options = { method: "jensenshannon" as const, features: ["origin", "destination"] };
    const exact = drift(january, june, options);
    const engine = await drift(jan(), jun(), options);
    for (const name of options.features) {
      const e = engine.features.find((f) => f.name === name)!;
      const x = exact.features.find((f) => f.name === name)!;
      expect(e.statistic).toBeCloseTo(x.statistic, 12);
    }
  }, 120_000);

  it("drift of a source against in-memory data works too (the data side keeps its raw values)", async () => {
    const report = await drift(jan(), june, { method: "psi", features: ["distance"] });
    const exact = drift(january, june, { method: "psi", features: ["distance"] });
    expect(report.features[0].statistic).toBeCloseTo(exact.features[0].statistic, 12);
  }, 120_000);

  it("validate(source, schema) gives the anomalies of the same rows in memory", async () => {
    const schema = inferSchema(profile(january));
    const inMemory = validate(june, schema);
    const engine = await validate(jun(), schema);
    const codes = (a: typeof inMemory) =>
      a
        .toJSON()
        .anomalies.map((x) => `${x.feature}:${x.code}`)
        .sort();
    expect(codes(engine)).toEqual(codes(inMemory));
    expect(engine.toJSON().source).toBe(`duckdb:${FLIGHTS}?where=month(date) = 6`);
  }, 120_000);
});
