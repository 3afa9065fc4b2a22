// Measures skew()'s false-alarm rate per kind of shift over seeded null panels (no shift planted), and BBSE's
// coverage of the planted serving prior. Needs a build (`npm run build`). Deterministic for the arguments.
//
//   node scripts/skew-false-alarms.mjs [n per side = 5000] [runs = 200]
import { skew, skewPanel } from "../dist/index.js";

const n = Number(process.argv[2] ?? 5000);
const runs = Number(process.argv[3] ?? 200);
const alarms = { covariate: 0, label: 0, concept: 0 };
for (let seed = 1; seed <= runs; seed++) {
  const { training, serving } = skewPanel("none", { seed: 10_000 + seed, n });
  const report = skew(training, serving, { label: "y", score: "score", resamples: 10, seed });
  for (const kind of report.detected) alarms[kind]++;
}
let covered = 0;
for (let seed = 1; seed <= runs; seed++) {
  const { training, serving } = skewPanel("label", { seed: 5000 + seed, n });
  const unlabelled = serving.select(["x1", "x2", "x3", "x4", "score"]);
  const json = skew(training, unlabelled, { label: "y", score: "score", features: ["x1"], seed }).toJSON();
  const interval = json.label.bbse.intervals[1];
  if (interval.lower <= 0.6 && 0.6 <= interval.upper) covered++;
}
console.log(JSON.stringify({ n, runs, alpha: 0.05, falseAlarms: alarms, bbseCoverage: covered / runs }));
