// The two end-to-end measurements of issue 15, as a new user runs them: driftlab's CLI against the Python peer,
// alternating in the same run on the same seeded files, medians of the repeats, and the ratios.
//
//   node bench/csv/run.mjs [--repeats 3] [--only profile|drift]
//
// Works from a fresh checkout after `npm install`: compiles dist/ first when it is missing or older than src/
// (`tsc -p tsconfig.build.json`), writes the seeded data to bench/data/ on the first run (the same bytes everywhere),
// and needs Debian's /usr/bin/python3 with pandas and scipy (python3-pandas, python3-scipy) for the peer.
// 1. profile of a 2M-row CSV (2 normal, 2 lognormal, 2 Poisson numeric columns, 2 categorical):
//    `driftlab profile table-2m.csv --json` vs pandas read_csv + describe(include="all");
// 2. drift between two 1M-row CSVs of that shape (the second shifted):
//    `driftlab drift ref.csv cur.csv --numeric-method ks --categorical-method chisquare --json` vs pandas + scipy
//    ks_2samp / chi2_contingency per column.
// Both sides are timed as processes (start-up, imports, reading, computing, printing JSON): wall seconds, and CPU
// seconds (user + system, all threads, from /usr/bin/time or getrusage). On a shared machine wall-clock ratios are
// noisy and penalize driftlab's threads (they wait for cores that others hold); the CPU columns say how much work
// each side did. Prints every run, the medians, the load average before and after, and a final RESULT line.
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeTable } from "./data.mjs";

const PYTHON = "/usr/bin/python3";
const TARGETS = { profile: 3, drift: 2 };

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

/** The newest modification time under `dir` (files ending in .ts). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else if (entry.name.endsWith(".ts")) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

/** Compiles dist/ (library, CLI and workers; not the extension) when it is missing or older than src/. */
function ensureBuilt() {
  const cli = "dist/cli/main.js";
  if (existsSync(cli) && statSync(cli).mtimeMs >= newest("src")) return;
  process.stderr.write("compiling dist/ (tsc -p tsconfig.build.json)\n");
  // The tsc that `npm run build` runs (node_modules/.bin/tsc), not necessarily node_modules/typescript's.
  const result = spawnSync("npx", ["--no-install", "tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("tsc -p tsconfig.build.json failed: run `npm install` first");
}

function checkPeer() {
  const result = spawnSync(
    PYTHON,
    ["-c", "import pandas, scipy; print(pandas.__version__, scipy.__version__)"],
    {
      encoding: "utf8",
    },
  );
  if (result.status !== 0) {
    throw new Error(
      `the peer needs ${PYTHON} with pandas and scipy (apt-get install -y python3-pandas python3-scipy):\n${result.stderr ?? ""}`,
    );
  }
  return result.stdout.trim();
}

/**
 * Wall seconds of a process, and its CPU seconds (user + system, all threads) from /usr/bin/time (Debian package
 * `time`; without it the CPU columns say NaN).
 */
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

function compare(key, name, ours, theirs, check) {
  const times = { driftlab: [], peer: [], driftlabCpu: [], peerCpu: [] };
  for (let r = 0; r < REPEATS; r++) {
    const a = timed(...ours);
    const b = timed(...theirs);
    if (r === 0) check(a.stdout, b.stdout);
    times.driftlab.push(a.seconds);
    times.peer.push(b.seconds);
    times.driftlabCpu.push(a.cpu);
    times.peerCpu.push(b.cpu);
    console.log(
      `${name} #${r + 1}: driftlab ${a.seconds.toFixed(2)} s wall, ${a.cpu.toFixed(2)} s CPU; ` +
        `peer ${b.seconds.toFixed(2)} s wall, ${b.cpu.toFixed(2)} s CPU; load ${load()}`,
    );
  }
  const d = median(times.driftlab);
  const p = median(times.peer);
  const dc = median(times.driftlabCpu);
  const pc = median(times.peerCpu);
  return {
    key,
    name,
    driftlab: d,
    peer: p,
    ratio: p / d,
    driftlabCpu: dc,
    peerCpu: pc,
    cpuRatio: pc / dc,
    times,
  };
}

ensureBuilt();
const peerVersions = checkPeer();
if (!existsSync("/usr/bin/time"))
  console.log("note: no /usr/bin/time (apt-get install -y time): CPU seconds not measured");
mkdirSync("bench/results", { recursive: true });
const loadBefore = load();
console.log(`node ${process.version}; pandas, scipy ${peerVersions}; load average at start: ${loadBefore}`);
const results = [];
if (ONLY === "all" || ONLY === "profile") {
  if (!existsSync("bench/data/table-2m.csv"))
    process.stderr.write("writing bench/data/table-2m.csv (seeded)\n");
  const table = await writeTable("bench/data/table-2m.csv", 2_000_000, 15);
  results.push(
    compare(
      "profile",
      "profile, 2M-row CSV: driftlab CLI vs pandas read_csv + describe",
      [process.execPath, ["bin/driftlab.js", "profile", table, "--json"]],
      [PYTHON, ["bench/csv/pandas_profile.py", table]],
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
  if (!existsSync("bench/data/table-1m-current.csv")) {
    process.stderr.write("writing bench/data/table-1m-{reference,current}.csv (seeded)\n");
  }
  const reference = await writeTable("bench/data/table-1m-reference.csv", 1_000_000, 1501);
  const current = await writeTable("bench/data/table-1m-current.csv", 1_000_000, 1502, 0.02);
  results.push(
    compare(
      "drift",
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
      [PYTHON, ["bench/csv/scipy_drift.py", reference, current]],
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
  "| measurement | driftlab wall (s) | peer wall (s) | peer ÷ driftlab, wall | CPU s: driftlab / peer | peer ÷ driftlab, CPU | target |",
);
console.log("|---|---|---|---|---|---|---|");
for (const r of results) {
  console.log(
    `| ${r.name} | ${r.driftlab.toFixed(2)} | ${r.peer.toFixed(2)} | **${r.ratio.toFixed(2)}x** | ` +
      `${r.driftlabCpu.toFixed(2)} / ${r.peerCpu.toFixed(2)} | ${r.cpuRatio.toFixed(2)}x | ≥ ${TARGETS[r.key]}x |`,
  );
}
const verdict = (r) =>
  `${r.key} ${r.ratio.toFixed(2)}x wall (target ≥ ${TARGETS[r.key]}x: ${r.ratio >= TARGETS[r.key] ? "met" : "NOT met"}), ` +
  `${r.cpuRatio.toFixed(2)}x CPU`;
console.log(`RESULT: ${results.map(verdict).join("; ")}; load ${loadBefore} -> ${loadAfter}`);
writeFileSync(
  "bench/results/csv.json",
  JSON.stringify(
    {
      date: new Date().toISOString(),
      loadBefore,
      loadAfter,
      repeats: REPEATS,
      node: process.version,
      peerVersions,
      results,
    },
    null,
    2,
  ),
);
