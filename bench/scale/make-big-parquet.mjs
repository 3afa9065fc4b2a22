// Writes the seeded Parquet file of bench/scale/big-parquet.sql with DuckDB (@duckdb/node-api, a devDependency).
// Usage: node bench/scale/make-big-parquet.mjs [rows = 100000000] [path = /tmp/driftlab-big.parquet]
import { readFileSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";

const rows = Number(process.argv[2] ?? 100_000_000);
const path = process.argv[3] ?? "/tmp/driftlab-big.parquet";
const sql = readFileSync(new URL("./big-parquet.sql", import.meta.url), "utf8")
  .replaceAll("${ROWS}", String(rows))
  .replaceAll("${PATH}", path.replaceAll("'", "''"));
const instance = await DuckDBInstance.create(":memory:", { threads: "1", memory_limit: "512MB" });
const connection = await instance.connect();
for (const statement of sql
  .split(";")
  .map((s) => s.trim())
  .filter((s) => !/^(--.*\n?)*$/.test(s))) {
  await connection.run(statement);
}
console.log(`wrote ${rows} rows to ${path}`);
