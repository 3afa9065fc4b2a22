// ClickHouse pushdown: profile and drift through the two-shard vs the one-shard Distributed table (the same 3M
// flights-3m rows), and the in-process path on the same rows, medians of RUNS runs in one process (compare ratios).
//
//   npm run build && scripts/clickhouse/cluster.sh start && scripts/clickhouse/cluster.sh load
//   DRIFTLAB_CLICKHOUSE_URL=http://127.0.0.1:28123 node bench/scale/clickhouse.mjs [RUNS=3]
//
// Prints a Markdown table (docs/benchmarks.md, "ClickHouse: two shards vs one").
import { loadavg, cpus } from "node:os";
import { Dataset, drift, profile, read } from "../../dist/index.js";
import { clickhouse } from "../../dist/sources/clickhouse.js";

const url = process.env.DRIFTLAB_CLICKHOUSE_URL ?? "http://127.0.0.1:28123";
const runs = Number(process.argv[2] ?? 3);
const FLIGHTS = "node_modules/vega-datasets/data/flights-3m.parquet";

async function version() {
  const response = await fetch(`${url}/?query=${encodeURIComponent("SELECT version()")}`);
  if (!response.ok) throw new Error(`${url}: ${await response.text()}`);
  return (await response.text()).trim();
}

async function median(label, task) {
  const times = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = await task();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)];
  process.stderr.write(`${label}: ${times.map((t) => t.toFixed(0)).join(", ")} ms\n`);
  return { ms, result };
}

async function withSource(options, use) {
  const source = clickhouse({ url, ...options });
  try {
    return await use(source);
  } finally {
    await source.close();
  }
}

/** The rows of `dataset` in month `month` (1-12, UTC) of its `date` column. */
function monthRows(dataset, month) {
  const date = dataset.column("date").values;
  const rows = [];
  for (let i = 0; i < dataset.numRows; i++) if (new Date(date[i]).getUTCMonth() + 1 === month) rows.push(i);
  const columns = dataset.columns.map((c) =>
    c.kind === "categorical" || c.kind === "text"
      ? { ...c, length: rows.length, valid: null, codes: Int32Array.from(rows, (i) => c.codes[i]) }
      : { ...c, length: rows.length, valid: null, values: Float64Array.from(rows, (i) => c.values[i]) },
  );
  return new Dataset(columns, { source: `${FLIGHTS} month ${month}`, numRows: rows.length });
}

const load = loadavg();
const lines = [];
const row = (work, path, ms, base) =>
  lines.push(
    `| ${work} | ${path} | ${(ms / 1000).toFixed(2)} s | ${base === undefined ? "1.00" : (ms / base).toFixed(2)}x |`,
  );

const serverVersion = await version();
const features = ["delay", "distance", "origin", "destination"];

// Profile of all 3M rows.
const profileTwo = await median("profile, 2 shards", () =>
  withSource({ table: "default.flights" }, (s) => s.profile()),
);
const profileOne = await median("profile, 1 shard", () =>
  withSource({ table: "default.flights_one" }, (s) => s.profile()),
);
const readLocal = await median("read parquet", () => read(FLIGHTS));
const dataset = readLocal.result;
const profileLocal = await median("profile in-process", () => profile(dataset));

// Drift January vs June (where=toMonth(ts)=…).
const driftOf = (table) => () =>
  withSource({ table, where: "toMonth(ts) = 1" }, (january) =>
    withSource({ table, where: "toMonth(ts) = 6" }, (june) => drift(january, june, { features })),
  );
const driftTwo = await median("drift, 2 shards", driftOf("default.events"));
const driftOne = await median("drift, 1 shard", driftOf("default.events_one"));
const january = monthRows(dataset, 1);
const june = monthRows(dataset, 6);
const driftLocal = await median("drift in-process", () => drift(january, june, { features }));

row("profile, 3M rows x 5 columns", "ClickHouse, Distributed over 2 shards", profileTwo.ms, profileOne.ms);
row("", "ClickHouse, Distributed over 1 shard", profileOne.ms, profileOne.ms);
row("", "in-process `profile()` (rows already in memory)", profileLocal.ms, profileOne.ms);
row(
  "",
  "in-process `read()` of the Parquet file + `profile()`",
  readLocal.ms + profileLocal.ms,
  profileOne.ms,
);
row(
  "drift January vs June (4 features)",
  "ClickHouse, 2 shards (`where=toMonth(ts)=…`)",
  driftTwo.ms,
  driftOne.ms,
);
row("", "ClickHouse, 1 shard", driftOne.ms, driftOne.ms);
row("", "in-process `drift()` (rows already in memory)", driftLocal.ms, driftOne.ms);

const verdict = (report) => report.toJSON().verdict.status;
console.log(
  `ClickHouse ${serverVersion}, 2 server processes on one ${cpus().length}-vCPU machine; load average at start ` +
    `${load.map((x) => x.toFixed(2)).join(", ")}; medians of ${runs} runs.\n`,
);
console.log("| work | path | time | vs 1 shard |");
console.log("|---|---|---|---|");
for (const line of lines) console.log(line);
console.log(
  `\nVerdicts: 2 shards ${verdict(driftTwo.result)}, 1 shard ${verdict(driftOne.result)}, in-process ` +
    `${verdict(driftLocal.result)}. Load average at end ${loadavg()
      .map((x) => x.toFixed(2))
      .join(", ")}.`,
);
