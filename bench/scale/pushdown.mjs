// Benchmark (issue 16, item 5): the same profile three ways, ratios in one run, on the 10M-row table of
// bench/profile/run.mjs (seeded: 8 numeric + 2 categorical columns), as CSV and as Parquet:
//   - in-process: driftlab read() + profile() (CSV), profile(readBatches()) (Parquet, streamed);
//   - DuckDB pushdown: profile(duckdb(path)) — SQL aggregates in an embedded DuckDB, only summaries come back;
//   - pandas: read_csv + describe(include="all") (Debian's pandas has no Parquet engine).
//
//   npm run build && node bench/scale/pushdown.mjs [--rows 10000000] [--repeats 3] [--threads 2]
//
// Writes bench/data/synthetic-N.csv / .parquet on first run and bench/results/pushdown.json.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { DuckDBInstance } from "@duckdb/node-api";
import { duckdb, profile, read, readBatches } from "../../dist/index.js";
import { syntheticCsv } from "../profile/synthetic.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ROWS = option("rows", 10_000_000);
const REPEATS = option("repeats", 3);
const THREADS = option("threads", 2);
const DATA = "bench/data";
mkdirSync(DATA, { recursive: true });
mkdirSync("bench/results", { recursive: true });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The same table as Parquet (row groups of 1M rows), written by DuckDB. */
async function syntheticParquet(csv, rows) {
  const path = `${DATA}/synthetic-${rows}.parquet`;
  if (existsSync(path)) return path;
  const instance = await DuckDBInstance.create(":memory:", { threads: String(THREADS) });
  const connection = await instance.connect();
  await connection.run(
    `COPY (SELECT * FROM read_csv('${csv}')) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)`,
  );
  connection.closeSync?.();
  return path;
}

async function timed(fn) {
  const times = [];
  let last;
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    last = await fn();
    times.push((performance.now() - t0) / 1000);
  }
  return { seconds: median(times), all: times, last };
}

function pandas(path) {
  const out = execFileSync("/usr/bin/python3", ["bench/profile/pandas_profile.py", path, String(REPEATS)], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  const r = JSON.parse(out);
  const totals = r.read.map((x, i) => x + r.describe[i]);
  return { seconds: median(totals), all: totals, version: r.pandas };
}

const csv = await syntheticCsv(ROWS);
const parquet = await syntheticParquet(csv, ROWS);
const load = { before: loadavg() };
process.stderr.write(`in-process CSV\n`);
const inProcessCsv = await timed(async () => profile(await read(csv)));
process.stderr.write(`DuckDB pushdown CSV\n`);
const duckCsv = await timed(async () => {
  const source = duckdb(csv, { threads: THREADS });
  try {
    return await profile(source);
  } finally {
    await source.close();
  }
});
process.stderr.write(`pandas CSV\n`);
const pandasCsv = pandas(csv);
process.stderr.write(`in-process Parquet (streamed)\n`);
const inProcessParquet = await timed(async () => profile(readBatches(parquet)));
process.stderr.write(`DuckDB pushdown Parquet\n`);
const duckParquet = await timed(async () => {
  const source = duckdb(parquet, { threads: THREADS });
  try {
    return await profile(source);
  } finally {
    await source.close();
  }
});
load.after = loadavg();

// The two paths agree: exact fields equal, quantiles within the stated bound.
const a = inProcessCsv.last.feature("x1").numeric;
const b = duckCsv.last.feature("x1").numeric;
const agreement = {
  count: [inProcessCsv.last.numRows, duckCsv.last.numRows],
  x1Min: [a.min, b.min],
  x1Max: [a.max, b.max],
  x1Mean: [a.mean, b.mean],
  x1Median: [a.median, b.median],
  x1QuantileRankError: b.quantileRankError,
  deviceUnique: [
    inProcessCsv.last.feature("device").categorical.unique,
    duckCsv.last.feature("device").categorical.unique,
  ],
};
const f = (x) => x.toFixed(2);
const rows = [
  ["CSV", "driftlab in-process read + profile", inProcessCsv.seconds],
  ["CSV", `driftlab DuckDB pushdown (${THREADS} threads)`, duckCsv.seconds],
  ["CSV", `pandas ${pandasCsv.version} read_csv + describe`, pandasCsv.seconds],
  ["Parquet", "driftlab in-process profile(readBatches())", inProcessParquet.seconds],
  ["Parquet", `driftlab DuckDB pushdown (${THREADS} threads)`, duckParquet.seconds],
];
console.log(
  `${ROWS.toLocaleString("en-US")} rows x 10 columns, median of ${REPEATS}; load average ${load.before.map(f).join(" ")} before, ${load.after.map(f).join(" ")} after`,
);
console.log(`| file | path | seconds | ÷ in-process (same file) |`);
console.log(`|---|---|---|---|`);
for (const [file, path, seconds] of rows) {
  const base = file === "CSV" ? inProcessCsv.seconds : inProcessParquet.seconds;
  console.log(`| ${file} | ${path} | ${f(seconds)} | ${f(seconds / base)}x |`);
}
console.log(JSON.stringify(agreement));
writeFileSync(
  "bench/results/pushdown.json",
  JSON.stringify(
    {
      date: new Date().toISOString(),
      rows: ROWS,
      repeats: REPEATS,
      threads: THREADS,
      load,
      results: rows.map(([file, path, seconds]) => ({ file, path, seconds })),
      all: {
        inProcessCsv: inProcessCsv.all,
        duckCsv: duckCsv.all,
        pandasCsv: pandasCsv.all,
        inProcessParquet: inProcessParquet.all,
        duckParquet: duckParquet.all,
      },
      agreement,
    },
    null,
    2,
  ),
);
