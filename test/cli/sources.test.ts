import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { isSourceUrl, openSource, splitSourceUrl } from "../../src/cli/sources.js";
import { errorOf, VEGA } from "../data/helpers.js";
import { run } from "./run.js";

const schemaValidator = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync("docs/report.schema.json", "utf8")),
);
const reference = JSON.parse(readFileSync("test/data/reference/flights-3m.json", "utf8")) as Record<
  string,
  string
>;
const FLIGHTS = `${VEGA}flights-3m.parquet`;

describe("source URLs on the command line", () => {
  it("splits the body from where and table, keeping & ? and % inside the condition", () => {
    const names = ["where", "table"];
    expect(splitSourceUrl("duckdb:a/*.parquet", "duckdb:", names, "S")).toEqual({
      body: "a/*.parquet",
      params: new Map(),
    });
    const { body, params } = splitSourceUrl(
      "duckdb:db.duckdb?table=events&where=a = 1 AND name LIKE 'x%' AND b & 3 = 1 AND c = '?'",
      "duckdb:",
      names,
      "S",
    );
    expect(body).toBe("db.duckdb");
    expect(params.get("table")).toBe("events");
    expect(params.get("where")).toBe("a = 1 AND name LIKE 'x%' AND b & 3 = 1 AND c = '?'");
    expect(splitSourceUrl("duckdb:x.csv?where=a%3D1", "duckdb:", names, "S").params.get("where")).toBe("a=1");
  });

  it("names the URL and the syntax for an empty body, an unknown or repeated parameter", async () => {
    expect(await errorOf(() => openSource("duckdb:"), "INVALID_OPTION")).toContain("duckdb:PATH_OR_GLOB");
    expect(await errorOf(() => openSource("duckdb:x.parquet?sample=3"), "INVALID_OPTION")).toContain(
      'unknown parameter "sample"',
    );
    expect(await errorOf(() => openSource("duckdb:x.parquet?where=a&where=b"), "INVALID_OPTION")).toContain(
      "given twice",
    );
    expect(await errorOf(() => openSource("data.csv"), "INVALID_OPTION")).toContain("duckdb:PATH_OR_GLOB");
    expect(isSourceUrl("duckdb:x.parquet")).toBe(true);
    expect(isSourceUrl("x.parquet")).toBe(false);
  });

  it("driftlab profile duckdb:FILE gives a schema-valid report with DuckDB's exact counts", async () => {
    const { code, out } = await run(["profile", `duckdb:${FLIGHTS}`, "--json"]);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(schemaValidator(json), JSON.stringify(schemaValidator.errors)).toBe(true);
    expect(json.source).toBe(`duckdb:${FLIGHTS}`);
    expect(json.numRows).toBe(Number(reference.rows));
    const delay = json.features.find((f: { name: string }) => f.name === "delay").numeric;
    expect(delay.sum).toBe(Number(reference.delay_sum));
  }, 120_000);

  it("driftlab drift takes two duckdb: URLs with where, and names them in the report", async () => {
    const a = `duckdb:${FLIGHTS}?where=month(date) = 1`;
    const b = `duckdb:${FLIGHTS}?where=month(date) = 6`;
    const { code, out } = await run(["drift", a, b, "--json", "--method", "psi"]);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(schemaValidator(json), JSON.stringify(schemaValidator.errors)).toBe(true);
    expect(json.reference.name).toBe(a);
    expect(json.current.name).toBe(b);
    expect(json.features.find((f: { name: string }) => f.name === "distance").approximate).toBe(false);
  }, 120_000);

  it("driftlab infer-schema and validate take duckdb: URLs; a missing file exits 2", async () => {
    const schema = await run(["infer-schema", `duckdb:${VEGA}seattle-weather.csv`]);
    expect(schema.code).toBe(0);
    const path = `${process.env.TMPDIR ?? "/tmp"}/driftlab-duck-schema-${process.pid}.json`;
    const { writeFileSync } = await import("node:fs");
    writeFileSync(path, schema.out);
    const validated = await run([
      "validate",
      `duckdb:${VEGA}seattle-weather.csv`,
      "--schema",
      path,
      "--json",
    ]);
    expect(validated.code).toBe(0);
    expect(JSON.parse(validated.out).anomalies).toEqual([]);
    const missing = await run(["profile", "duckdb:/no/such/dir/*.parquet", "--json"]);
    expect(missing.code).toBe(2);
  }, 120_000);
});
