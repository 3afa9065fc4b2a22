// Independent reference for test/data/read.test.ts: facts about flights-3m.parquet computed by DuckDB's own Parquet
// reader (not parquet-wasm, not driftlab). Run from the repository root: node test/data/reference/flights-3m.mjs
import { DuckDBInstance } from "@duckdb/node-api";
import { writeFileSync } from "node:fs";

const path = "node_modules/vega-datasets/data/flights-3m.parquet";
const instance = await DuckDBInstance.create(":memory:");
const connection = await instance.connect();
async function one(sql) {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJson()[0];
}
const facts = await one(`
  SELECT count(*) AS rows,
         sum(delay) AS delay_sum, min(delay) AS delay_min, max(delay) AS delay_max,
         sum(distance) AS distance_sum,
         count(DISTINCT origin) AS origins, count(DISTINCT destination) AS destinations,
         epoch_ms(min(date)) AS date_min_ms, epoch_ms(max(date)) AS date_max_ms,
         count(*) - count(date) AS date_nulls, count(*) - count(origin) AS origin_nulls
  FROM read_parquet('${path}')`);
const top = await one(`
  SELECT origin, count(*) AS n FROM read_parquet('${path}') GROUP BY origin ORDER BY n DESC LIMIT 1`);
const first = await one(
  `SELECT epoch_ms(date) AS date_ms, delay, distance, origin, destination FROM read_parquet('${path}') LIMIT 1`,
);
const out = { source: path, computedWith: "DuckDB read_parquet", ...facts, topOrigin: top, firstRow: first };
writeFileSync(new URL("./flights-3m.json", import.meta.url), JSON.stringify(out, null, 2) + "\n");
console.log(out);
