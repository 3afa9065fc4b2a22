// The two end-to-end measurements of issue 15, as a new user runs them: driftlab's CLI against the Python peer,
// alternating in the same run on the same seeded files, medians of the repeats, and the ratios.
//
//   npm run build && node bench/csv/run.mjs [--repeats 3] [--only profile|drift]
//
// 1. profile of a 2M-row CSV (2 normal, 2 lognormal, 2 Poisson numeric columns, 2 categorical):
//    `driftlab profile table-2m.csv --json` vs pandas read_csv + describe(include="all");
// 2. drift between two 1M-row CSVs of that shape (the second shifted):
//    `driftlab drift ref.csv cur.csv --numeric-method ks --categorical-method chisquare --json` vs pandas + scipy
//    ks_2samp / chi2_contingency per column.
// Both sides are timed as processes (start-up, imports, reading, computing, printing JSON). The data is written to
// bench/data/ on the first run (seeded: the same bytes everywhere). Prints the load average before and after.
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { writeTable } from "./data.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const REPEATS = Number(option("repeats", 3));
const ONLY = option("only", "all");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

/** Wall seconds of a process, and its CPU seconds (user + system, all threads) from /usr/bin/time when present. */
function timed(command, commandArgs) {
  const withTime = existsSync("/usr/bin/time");
  const t0 = performance.now();
  const result = withTime
    ? spawnSync("/usr/bin/time", ["-f", "CPU %U %S", command, ...commandArgs], {
        encoding: "utf8",
        maxBuffer: 1 << 28,
      })
    : spawnSync(command, commandArgs, { encoding: "utf8", maxBuffer: 1 << 28 });
  const seconds = (performance.now() - t0) / 1000;
  if (result.status !== 0 && !(command === process.execPath && result.status === 1)) {
    throw new Error(`${command} ${commandArgs.join(" ")} failed (${result.status}):\n${result.stderr}`);
  }
  const cpuLine = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr);
  const cpu = cpuLine === null ? NaN : Number(cpuLine[1]) + Number(cpuLine[2]);
  return { seconds, cpu, stdout: result.stdout };
}

function compare(name, ours, theirs, check) {
  const times = { driftlab: [], peer: [], driftlabCpu: [], peerCpu: [] };
  for (let r = 0; r < REPEATS; r++) {
    const a = timed(...ours);
    const b = timed(...theirs);
    if (r === 0) check(a.stdout, b.stdout);
    times.driftlab.push(a.seconds);
    times.peer.push(b.seconds);
    times.driftlabCpu.push(a.cpu);
    times.peerCpu.push(b.cpu);
    process.stderr.write(
      `${name} #${r + 1}: driftlab ${a.seconds.toFixed(2)} s (CPU ${a.cpu.toFixed(2)} s), ` +
        `peer ${b.seconds.toFixed(2)} s (CPU ${b.cpu.toFixed(2)} s)\n`,
    );
  }
  const d = median(times.driftlab);
  const p = median(times.peer);
  const dc = median(times.driftlabCpu);
  const pc = median(times.peerCpu);
  return { name, driftlab: d, peer: p, ratio: p / d, driftlabCpu: dc, peerCpu: pc, cpuRatio: pc / dc, times };
}

mkdirSync("bench/results", { recursive: true });
const loadBefore = load();
const results = [];
if (ONLY === "all" || ONLY === "profile") {
  process.stderr.write("writing bench/data/table-2m.csv (first run only)\n");
  const table = await writeTable("bench/data/table-2m.csv", 2_000_000, 15);
  results.push(
    compare(
      "profile, 2M-row CSV: driftlab CLI vs pandas read_csv + describe",
      [process.execPath, ["bin/driftlab.js", "profile", table, "--json"]],
      ["/usr/bin/python3", ["bench/csv/pandas_profile.py", table]],
      (ours, theirs) => {
        const report = JSON.parse(ours);
        const described = JSON.parse(theirs);
        const ourMean = report.features.find((f) => f.name === "normal_a").numeric.mean;
        const theirMean = described.normal_a.mean;
        if (Math.abs(ourMean - theirMean) > 1e-9 * Math.abs(theirMean)) {
          throw new Error(`means differ: ${ourMean} vs ${theirMean}`);
        }
      },
    ),
  );
}
if (ONLY === "all" || ONLY === "drift") {
  process.stderr.write("writing bench/data/table-1m-{reference,current}.csv (first run only)\n");
  const reference = await writeTable("bench/data/table-1m-reference.csv", 1_000_000, 1501);
  const current = await writeTable("bench/data/table-1m-current.csv", 1_000_000, 1502, 0.02);
  results.push(
    compare(
      "drift, two 1M-row CSVs: driftlab CLI (KS, chi-square) vs pandas + scipy ks_2samp / chi2_contingency",
      [
        process.execPath,
        [
          "bin/driftlab.js",
          "drift",
          reference,
          current,
          "--numeric-method",
          "ks",
          "--categorical-method",
          "chisquare",
          "--json",
        ],
      ],
      ["/usr/bin/python3", ["bench/csv/scipy_drift.py", reference, current]],
      (ours, theirs) => {
        const report = JSON.parse(ours);
        const peer = JSON.parse(theirs);
        for (const [column, p] of Object.entries(peer)) {
          const feature = report.features.find((f) => f.name === column);
          const close = Math.abs(feature.pValue - p) <= 1e-6 + 1e-3 * Math.abs(p);
          if (!close)
            process.stderr.write(`note: p-value of ${column}: driftlab ${feature.pValue}, scipy ${p}\n`);
        }
      },
    ),
  );
}
const loadAfter = load();
console.log(
  `load average before: ${loadBefore}; after: ${loadAfter}; ${REPEATS} alternating runs each, medians`,
);
console.log(
  "| measurement | driftlab (s) | peer (s) | peer ÷ driftlab | CPU s: driftlab / peer | CPU ratio |",
);
console.log("|---|---|---|---|---|---|");
for (const r of results) {
  console.log(
    `| ${r.name} | ${r.driftlab.toFixed(2)} | ${r.peer.toFixed(2)} | **${r.ratio.toFixed(2)}x** | ` +
      `${r.driftlabCpu.toFixed(2)} / ${r.peerCpu.toFixed(2)} | ${r.cpuRatio.toFixed(2)}x |`,
  );
}
writeFileSync(
  "bench/results/csv.json",
  JSON.stringify(
    { date: new Date().toISOString(), loadBefore, loadAfter, repeats: REPEATS, results },
    null,
    2,
  ),
);
