import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import type { Dataset } from "../../src/data/column.js";
import { read } from "../../src/data/index.js";
import { duckdb, loadDuckDB, sql } from "../../src/sources/duckdb.js";
import { profile, type Profile } from "../../src/stats/profile.js";
import type { FeatureProfile } from "../../src/stats/types.js";
import { errorOf, VEGA } from "../data/helpers.js";

const FLIGHTS = `${VEGA}flights-3m.parquet`;
/** Independent facts computed by DuckDB's own reader: test/data/reference/flights-3m.mjs. */
const reference = JSON.parse(readFileSync("test/data/reference/flights-3m.json", "utf8")) as Record<
  string,
  string
> & {
  topOrigin: { origin: string; n: string };
};

/** Exact fields of a feature: must be equal between the engine and the in-process path. */
function exactFields(f: FeatureProfile): unknown {
  const n = f.numeric;
  return {
    name: f.name,
    kind: f.kind,
    count: f.count,
    missing: f.missing,
    numeric:
      n === undefined
        ? undefined
        : {
            finiteCount: n.finiteCount,
            min: n.min,
            max: n.max,
            zeros: n.zeros,
            nan: n.nan,
            positiveInfinity: n.positiveInfinity,
            negativeInfinity: n.negativeInfinity,
            integer: n.integer,
          },
    categorical:
      f.categorical === undefined
        ? undefined
        : {
            unique: f.categorical.unique,
            top: f.categorical.top,
            countsExact: f.categorical.countsExact,
            averageLength: f.categorical.averageLength,
            minLength: f.categorical.minLength,
            maxLength: f.categorical.maxLength,
          },
    datetime:
      f.datetime === undefined
        ? undefined
        : { min: f.datetime.min, max: f.datetime.max, granularity: f.datetime.granularity },
    boolean: f.boolean,
  };
}

/** Sorted finite values of a numeric column. */
function sortedValues(dataset: Dataset, name: string): Float64Array {
  const column = dataset.column(name) as { values: Float64Array };
  return Float64Array.from(column.values.filter((v) => Number.isFinite(v))).sort();
}

function lowerBound(sorted: Float64Array, x: number, inclusive: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (inclusive ? sorted[mid] <= x : sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

describe("duckdb() source on flights-3m (3,000,000 rows, Parquet)", () => {
  let inProcess: Profile;
  let engine: Profile;
  let dataset: Dataset;
  beforeAll(async () => {
    dataset = await read(FLIGHTS);
    inProcess = profile(dataset);
    const source = duckdb(FLIGHTS);
    engine = await profile(source);
    await source.close();
  }, 180_000);

  it("names the source and gives every exact field equal to the in-process profile", () => {
    expect(engine.source).toBe(`duckdb:${FLIGHTS}`);
    expect(engine.numRows).toBe(Number(reference.rows));
    expect(engine.features.map(exactFields)).toEqual(inProcess.features.map(exactFields));
    // And to DuckDB's own reference facts.
    expect(engine.feature("delay").numeric!.min).toBe(Number(reference.delay_min));
    expect(engine.feature("delay").numeric!.sum).toBe(Number(reference.delay_sum));
    expect(engine.feature("distance").numeric!.sum).toBe(Number(reference.distance_sum));
    expect(engine.feature("origin").categorical!.top[0]).toEqual({
      value: reference.topOrigin.origin,
      count: Number(reference.topOrigin.n),
    });
  });

  it("gives mean, std, skewness and kurtosis to floating-point accuracy", () => {
    for (const name of ["delay", "distance"]) {
      const a = engine.feature(name).numeric!;
      const b = inProcess.feature(name).numeric!;
      expect(Math.abs(a.mean - b.mean) / Math.abs(b.mean)).toBeLessThan(1e-12);
      expect(Math.abs(a.mean - Number(reference[`${name}_sum`]) / 3e6)).toBeLessThan(1e-12);
      for (const key of ["std", "stdPopulation", "skewness", "kurtosis"] as const) {
        expect(Math.abs(a[key] - b[key]) / Math.abs(b[key])).toBeLessThan(1e-10);
      }
    }
  });

  it("states the quantiles' rank error, and every quantile's true rank is within it", () => {
    for (const name of ["delay", "distance"]) {
      const stats = engine.feature(name).numeric!;
      expect(stats.quantileMethod).toBe("sketch");
      expect(stats.quantileRankError).toBeGreaterThan(0);
      expect(stats.quantileRankError).toBeLessThan(0.005);
      const sorted = sortedValues(dataset, name);
      const n = sorted.length;
      for (const { q, value } of stats.quantiles) {
        // value is a data value; its ranks are [#< value, #≤ value] / n; q must be within the error of that range.
        const below = lowerBound(sorted, value, false) / n;
        const upTo = lowerBound(sorted, value, true) / n;
        expect(q).toBeGreaterThanOrEqual(below - stats.quantileRankError);
        expect(q).toBeLessThanOrEqual(upTo + stats.quantileRankError);
      }
    }
  });

  it("saves and restores the engine profile with its bound (toState / fromState)", () => {
    const { Profile: P } = { Profile: engine.constructor as typeof Profile };
    const restored = P.fromState(JSON.parse(JSON.stringify(engine.toState())));
    expect(restored.feature("delay").numeric!.quantileRankError).toBe(
      engine.feature("delay").numeric!.quantileRankError,
    );
  });

  it("filters rows with where, as the same filter in memory", async () => {
    const source = duckdb(FLIGHTS, { where: "delay > 60 AND origin = 'ORD'" });
    const p = await profile(source);
    await source.close();
    const delay = dataset.column("delay") as { values: Float64Array };
    const origin = dataset.column("origin") as { codes: Int32Array; dictionary: readonly string[] };
    let count = 0;
    for (let i = 0; i < dataset.numRows; i++) {
      if (delay.values[i] > 60 && origin.dictionary[origin.codes[i]] === "ORD") count++;
    }
    expect(p.numRows).toBe(count);
    expect(p.source).toBe(`duckdb:${FLIGHTS}?where=delay > 60 AND origin = 'ORD'`);
    expect(p.feature("origin").categorical!.unique).toBe(1);
  });
});

describe("duckdb() over CSV, JSON, globs and database files; sql() over a DuckDB instance", () => {
  const dir = mkdtempSync(join(tmpdir(), "driftlab-duckdb-"));

  it("profiles a CSV file like the in-process reader", async () => {
    const path = `${VEGA}seattle-weather.csv`;
    const a = await profile(duckdb(path));
    const b = profile(await read(path));
    expect(a.features.map(exactFields)).toEqual(b.features.map(exactFields));
  });

  it("profiles a JSON file: numeric and categorical fields as the in-process reader", async () => {
    const path = `${VEGA}penguins.json`;
    const a = await profile(duckdb(path));
    const b = profile(await read(path));
    for (const name of ["Species", "Island", "Beak Length (mm)", "Body Mass (g)"]) {
      expect(exactFields(a.feature(name))).toEqual(exactFields(b.feature(name)));
    }
  });

  it("reads a glob of files as one table", async () => {
    const lines = readFileSync(`${VEGA}seattle-weather.csv`, "utf8").trimEnd().split("\n");
    const header = lines[0];
    const half = Math.floor((lines.length - 1) / 2);
    writeFileSync(join(dir, "part-1.csv"), [header, ...lines.slice(1, 1 + half)].join("\n") + "\n");
    writeFileSync(join(dir, "part-2.csv"), [header, ...lines.slice(1 + half)].join("\n") + "\n");
    const a = await profile(duckdb(join(dir, "part-*.csv")));
    const b = profile(await read(`${VEGA}seattle-weather.csv`));
    expect(a.numRows).toBe(b.numRows);
    expect(a.features.map(exactFields)).toEqual(b.features.map(exactFields));
  });

  it("reads a table of a DuckDB database file, and sql() queries an instance", async () => {
    const file = join(dir, "weather.duckdb");
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    await connection.run(`CREATE TABLE weather AS SELECT * FROM read_csv('${VEGA}seattle-weather.csv')`);
    const viaSql = await profile(sql(connection, "SELECT * FROM weather WHERE weather = 'rain'"));
    expect(viaSql.source).toBe("duckdb: SELECT * FROM weather WHERE weather = 'rain'");
    expect(viaSql.feature("weather").categorical!.unique).toBe(1);
    connection.closeSync();
    instance.closeSync();
    const table = await profile(duckdb(file, { table: "weather" }));
    const b = profile(await read(`${VEGA}seattle-weather.csv`));
    expect(table.features.map(exactFields)).toEqual(b.features.map(exactFields));
    expect(viaSql.numRows).toBe(b.feature("weather").categorical!.top.find((t) => t.value === "rain")!.count);
  });

  it("names the file and the fix when it does not exist or is no known format", async () => {
    const missing = await errorOf(() => profile(duckdb(join(dir, "nope-*.parquet"))), "FILE_NOT_FOUND");
    expect(missing).toContain("nope-*.parquet");
    expect(await errorOf(() => duckdb(join(dir, "x.xlsx")), "UNKNOWN_FORMAT")).toContain("{ table");
  });

  it("names the column and the fix for a bad where, an unknown feature, and a kind it cannot force", async () => {
    const bad = await errorOf(
      () => profile(duckdb(FLIGHTS, { where: "no_such_column > 1" })),
      "SOURCE_FAILED",
    );
    expect(bad).toContain("no_such_column");
    expect(await errorOf(() => profile(duckdb(FLIGHTS), { features: ["nope"] }), "MISSING_COLUMN")).toContain(
      '"delay"',
    );
    expect(
      await errorOf(() => profile(duckdb(FLIGHTS), { kinds: { delay: "categorical" } }), "INVALID_OPTION"),
    ).toContain("CAST");
  });

  it("says which package to install when @duckdb/node-api is absent", async () => {
    const message = await errorOf(
      () => loadDuckDB(() => Promise.reject(new Error("Cannot find package '@duckdb/node-api'"))),
      "MISSING_DEPENDENCY",
    );
    expect(message).toContain("npm install @duckdb/node-api");
  });
});
