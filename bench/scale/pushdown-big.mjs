// Profiles the 100M-row Parquet file of bench/scale/make-big-parquet.mjs through DuckDB pushdown (issue 16, item 5):
// the rows stay in DuckDB (memory_limit below), only aggregates come into Node. Run under /usr/bin/time -v for the
// peak RSS of the whole process (Node + DuckDB):
//
//   npm run build && node bench/scale/make-big-parquet.mjs 100000000 /tmp/driftlab-big.parquet
//   /usr/bin/time -v node bench/scale/pushdown-big.mjs [/tmp/driftlab-big.parquet] [--threads 2] [--memory 512MB]
import { loadavg } from "node:os";
import { duckdb, profile } from "../../dist/index.js";

const args = process.argv.slice(2);
const value = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const path =
  args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--")) ?? "/tmp/driftlab-big.parquet";
const threads = Number(value("threads", "2"));
const memoryLimit = value("memory", "512MB");
const before = loadavg();
const t0 = performance.now();
const source = duckdb(path, { threads, memoryLimit });
const report = await profile(source);
await source.close();
const seconds = (performance.now() - t0) / 1000;
const json = report.toJSON();
console.log(
  JSON.stringify({
    path,
    threads,
    memoryLimit,
    seconds,
    loadBefore: before,
    loadAfter: loadavg(),
    numRows: json.numRows,
    features: json.features.map((f) => ({
      name: f.name,
      kind: f.kind,
      count: f.count,
      missing: f.missing,
      mean: f.numeric?.mean,
      min: f.numeric?.min,
      max: f.numeric?.max,
      median: f.numeric?.median,
      quantileRankError: f.numeric?.quantileRankError,
      unique: f.categorical?.unique,
    })),
  }),
);
