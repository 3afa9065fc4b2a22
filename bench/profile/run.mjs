// Benchmark: driftlab's read + profile against pandas read_csv + describe(include="all") and DuckDB's SUMMARIZE,
// on the same files in the same run. Prints a table of medians and ratios; writes bench/results/profile.json.
//
//   npm run build && node bench/profile/run.mjs [--rows 10000000] [--repeats 3]
//
// Data: vega-datasets' flights-3m.parquet (3M real rows), the same rows as CSV, and a generated table of N rows x
// (8 numeric + 2 categorical) columns (seeded), written to bench/data/ on first run.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { read, profile } from "../../dist/index.js";
import { syntheticCsv, writeCsv } from "./synthetic.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ROWS = option("rows", 10_000_000);
const REPEATS = option("repeats", 3);
const DATA = "bench/data";
const PARQUET = "node_modules/vega-datasets/data/flights-3m.parquet";
mkdirSync(DATA, { recursive: true });
mkdirSync("bench/results", { recursive: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function flightsCsv() {
  const path = `${DATA}/flights-3m.csv`;
  if (existsSync(path)) return path;
  const flights = await read(PARQUET);
  const [date, delay, distance, origin, destination] = flights.columns;
  await writeCsv(path, "date,delay,distance,origin,destination", flights.numRows, (i) =>
    [
      new Date(date.values[i]).toISOString().slice(0, 19).replace("T", " "),
      delay.values[i],
      distance.values[i],
      origin.dictionary[origin.codes[i]],
      destination.dictionary[destination.codes[i]],
    ].join(","),
  );
  return path;
}

async function timeDriftlab(path) {
  const reads = [];
  const profiles = [];
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    const data = await read(path);
    const t1 = performance.now();
    profile(data);
    const t2 = performance.now();
    reads.push((t1 - t0) / 1000);
    profiles.push((t2 - t1) / 1000);
  }
  return {
    read: median(reads),
    profile: median(profiles),
    total: median(reads.map((x, i) => x + profiles[i])),
  };
}

function timePandas(path) {
  const out = execFileSync("/usr/bin/python3", ["bench/profile/pandas_profile.py", path, String(REPEATS)], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  const r = JSON.parse(out);
  return {
    read: median(r.read),
    profile: median(r.describe),
    total: median(r.read.map((x, i) => x + r.describe[i])),
    version: r.pandas,
  };
}

async function timeDuckdb(path) {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const source = path.endsWith(".parquet") ? `read_parquet('${path}')` : `read_csv('${path}')`;
  const totals = [];
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    await connection.run(`SUMMARIZE SELECT * FROM ${source}`);
    totals.push((performance.now() - t0) / 1000);
  }
  connection.closeSync?.();
  return { total: median(totals) };
}

const cases = [
  {
    name: "flights-3m.parquet (3M rows x 5)",
    driftlab: PARQUET,
    pandas: await flightsCsv(),
    duckdb: PARQUET,
  },
  {
    name: "flights-3m.csv (same rows as CSV)",
    driftlab: await flightsCsv(),
    pandas: await flightsCsv(),
    duckdb: await flightsCsv(),
  },
  {
    name: `synthetic ${ROWS.toLocaleString("en-US")} rows x (8 numeric + 2 categorical), CSV`,
    driftlab: await syntheticCsv(ROWS),
    pandas: await syntheticCsv(ROWS),
    duckdb: await syntheticCsv(ROWS),
  },
];

const results = [];
for (const c of cases) {
  process.stderr.write(`benchmarking ${c.name}\n`);
  const ours = await timeDriftlab(c.driftlab);
  const pandas = timePandas(c.pandas);
  const duckdb = await timeDuckdb(c.duckdb);
  results.push({
    case: c.name,
    driftlab: ours,
    pandas,
    duckdb,
    ratioPandas: pandas.total / ours.total,
    ratioDuckdb: duckdb.total / ours.total,
  });
}

const f = (x) => x.toFixed(2);
console.log(
  `| data | driftlab read + profile (s) | pandas read_csv + describe (s) | pandas ÷ driftlab | DuckDB SUMMARIZE (s) | DuckDB ÷ driftlab |`,
);
console.log(`|---|---|---|---|---|---|`);
for (const r of results) {
  console.log(
    `| ${r.case} | ${f(r.driftlab.read)} + ${f(r.driftlab.profile)} = ${f(r.driftlab.total)} | ${f(r.pandas.read)} + ${f(r.pandas.profile)} = ${f(r.pandas.total)} | **${f(r.ratioPandas)}x** | ${f(r.duckdb.total)} | ${f(r.ratioDuckdb)}x |`,
  );
}
writeFileSync(
  "bench/results/profile.json",
  JSON.stringify({ date: new Date().toISOString(), repeats: REPEATS, results }, null, 2),
);
