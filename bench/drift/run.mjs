// Benchmark: driftlab's drift() against the same tests with scipy/numpy/pandas, same data, same run.
//
//   npm run build && node bench/drift/run.mjs [--repeats 3]
//
// Data: vega-datasets' flights-3m.parquet, January 2001 (reference) vs June 2001 (current), ~500k rows each,
// written once to bench/data/ as CSV for the Python peer. Both sides time the tests on data already in memory.
import { execFileSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { drift, read } from "../../dist/index.js";

const args = process.argv.slice(2);
const r = args.indexOf("--repeats");
const REPEATS = r >= 0 ? Number(args[r + 1]) : 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
mkdirSync("bench/data", { recursive: true });
mkdirSync("bench/results", { recursive: true });

const flights = await read("node_modules/vega-datasets/data/flights-3m.parquet");
const dates = flights.column("date").values;
const monthRows = (month) => {
  const rows = [];
  for (let i = 0; i < dates.length; i++) if (new Date(dates[i]).getUTCMonth() === month) rows.push(i);
  return Int32Array.from(rows);
};
const reference = flights.take(monthRows(0)).select(["delay", "distance", "origin", "destination"]);
const current = flights.take(monthRows(5)).select(["delay", "distance", "origin", "destination"]);

async function toCsv(dataset, path) {
  if (existsSync(path)) return path;
  const out = createWriteStream(path);
  out.write("delay,distance,origin,destination\n");
  const [delay, distance, origin, destination] = dataset.columns;
  let chunk = "";
  for (let i = 0; i < dataset.numRows; i++) {
    chunk += `${delay.values[i]},${distance.values[i]},${origin.dictionary[origin.codes[i]]},${destination.dictionary[destination.codes[i]]}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
  return path;
}
const refCsv = await toCsv(reference, "bench/data/flights-2001-01.csv");
const curCsv = await toCsv(current, "bench/data/flights-2001-06.csv");

const timings = { default: [], ks: [] };
let report;
for (let k = 0; k < REPEATS; k++) {
  const t0 = performance.now();
  report = drift(reference, current);
  const t1 = performance.now();
  drift(reference, current, { method: { numeric: "ks" }, features: ["delay", "distance"] });
  const t2 = performance.now();
  timings.default.push((t1 - t0) / 1000);
  timings.ks.push((t2 - t1) / 1000);
}
const peer = JSON.parse(
  execFileSync("/usr/bin/python3", ["bench/drift/scipy_drift.py", refCsv, curCsv, String(REPEATS)], {
    encoding: "utf8",
  }),
);
const rows = [
  [
    "default rule: Wasserstein (2 numeric) + Jensen–Shannon (2 categorical)",
    median(timings.default),
    median(peer.timings.default),
  ],
  ["KS test, 2 numeric features", median(timings.ks), median(peer.timings.ks)],
];
console.log(`reference ${reference.numRows} rows, current ${current.numRows} rows`);
console.log("| work | driftlab (s) | scipy/numpy/pandas (s) | scipy ÷ driftlab |");
console.log("|---|---|---|---|");
for (const [name, ours, theirs] of rows)
  console.log(`| ${name} | ${ours.toFixed(3)} | ${theirs.toFixed(3)} | **${(theirs / ours).toFixed(2)}x** |`);
// The numbers must agree, or the timing means nothing.
for (const [name, value] of Object.entries(peer.values)) {
  const ours = report.feature(name).statistic;
  if (Math.abs(ours - value) > 1e-9 * Math.max(1, Math.abs(value))) {
    console.error(`MISMATCH ${name}: driftlab ${ours} vs scipy ${value}`);
    process.exitCode = 1;
  }
}
writeFileSync(
  "bench/results/drift.json",
  JSON.stringify({ date: new Date().toISOString(), rows, peer }, null, 2),
);
