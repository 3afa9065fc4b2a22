// False-alarm rates and power of every drift method on normal data, for docs/drift.md ("Calibration", "Power").
//
//   npm run build && node bench/drift/power.mjs [--runs 1000] [--large-runs 40]
//
// Reference and current are independent N(0, 1) and N(shift, 1) samples of equal size n (seeded, mulberry32 +
// Box–Muller), values rounded to 4 decimals like a CSV column. For n = 200 and 5,000: `runs` repetitions; for
// n = 500,000: `large-runs`. Each method is run with its default threshold on the same pair; "default" is
// Evidently's rule (KS at n ≤ 1000, normed Wasserstein above); "test-and-effect" is KS p ≤ 0.05 AND normed
// Wasserstein ≥ 0.05. Writes bench/results/drift-power.json and prints Markdown tables.
import { mkdirSync, writeFileSync } from "node:fs";
import { chooseMethod } from "../../dist/drift/choose.js";
import { isDrifted, isSkip, METHODS } from "../../dist/drift/methods.js";
import { numericSideOfColumn } from "../../dist/drift/sides.js";
import { seededRandom } from "../../dist/measures/bootstrap.js";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RUNS = option("runs", 1000);
const LARGE_RUNS = option("large-runs", 40);
const SIZES = [200, 5000, 500000];
const SHIFTS = [0, 0.05, 0.1, 0.2];
const METHOD_NAMES = Object.keys(METHODS).filter((m) => METHODS[m].numeric !== undefined);
const SLOW_AT_LARGE = new Set(["fisher"]); // skips on > 2 bins anyway

export function normalSample(random, n, shift) {
  const values = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const u = 1 - random();
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    values[i] = Math.round((r * Math.cos(2 * Math.PI * v) + shift) * 1e4) / 1e4;
    if (i + 1 < n) values[i + 1] = Math.round((r * Math.sin(2 * Math.PI * v) + shift) * 1e4) / 1e4;
  }
  return values;
}

const side = (values) =>
  numericSideOfColumn({
    name: "x",
    kind: "numeric",
    length: values.length,
    valid: null,
    values,
    integer: false,
  });

const results = [];
for (const n of SIZES) {
  const runs = n > 100000 ? LARGE_RUNS : RUNS;
  for (const shift of SHIFTS) {
    const counts = Object.fromEntries([...METHOD_NAMES, "default", "test-and-effect"].map((m) => [m, 0]));
    for (let run = 0; run < runs; run++) {
      // Seeds depend on (n, shift, run) only: rerunning reproduces every number.
      const random = seededRandom(1_000_003 * n + 7919 * Math.round(shift * 100) + run);
      const reference = side(normalSample(random, n, 0));
      const current = side(normalSample(random, n, shift));
      const verdicts = {};
      for (const m of METHOD_NAMES) {
        if (n > 100000 && SLOW_AT_LARGE.has(m)) continue;
        const outcome = METHODS[m].numeric(reference, current);
        if (isSkip(outcome)) continue;
        const spec = METHODS[m];
        const score = spec.type === "p-value" ? outcome.pValue : outcome.statistic;
        verdicts[m] = {
          drifted: isDrifted(spec.comparison, score, spec.threshold),
          value: outcome.statistic,
        };
        if (verdicts[m].drifted) counts[m]++;
      }
      if (verdicts[chooseMethod(reference, current)].drifted) counts.default++;
      if (verdicts.ks.drifted && verdicts.wasserstein.value >= 0.05) counts["test-and-effect"]++;
    }
    for (const [method, count] of Object.entries(counts)) {
      if (n > 100000 && SLOW_AT_LARGE.has(method)) continue;
      results.push({ n, shift, method, runs, drifted: count, rate: count / runs });
    }
    process.stderr.write(`n=${n} shift=${shift} done (${runs} runs)\n`);
  }
}
mkdirSync("bench/results", { recursive: true });
writeFileSync(
  "bench/results/drift-power.json",
  JSON.stringify({ runs: RUNS, largeRuns: LARGE_RUNS, results }, null, 1),
);

const pct = (r) => `${(100 * r.rate).toFixed(1)}%`;
const methods = [...new Set(results.map((r) => r.method))];
console.log(`\nFalse-alarm rate (shift 0), ${RUNS} runs at n = 200 and 5,000, ${LARGE_RUNS} at 500,000\n`);
console.log(`| method | ${SIZES.map((n) => `n = ${n.toLocaleString("en")}`).join(" | ")} |`);
console.log(`|---|${SIZES.map(() => "---:").join("|")}|`);
for (const m of methods) {
  const cells = SIZES.map((n) => results.find((r) => r.method === m && r.n === n && r.shift === 0));
  console.log(`| ${m} | ${cells.map((c) => (c ? `${pct(c)} (${c.drifted}/${c.runs})` : "–")).join(" | ")} |`);
}
console.log(`\nDetection rate (power) for mean shifts of 0.05, 0.1, 0.2 sd\n`);
const columns = SIZES.flatMap((n) => SHIFTS.slice(1).map((s) => [n, s]));
console.log(`| method | ${columns.map(([n, s]) => `${n.toLocaleString("en")}: ${s}`).join(" | ")} |`);
console.log(`|---|${columns.map(() => "---:").join("|")}|`);
for (const m of methods) {
  const cells = columns.map(([n, s]) => results.find((r) => r.method === m && r.n === n && r.shift === s));
  console.log(`| ${m} | ${cells.map((c) => (c ? pct(c) : "–")).join(" | ")} |`);
}
