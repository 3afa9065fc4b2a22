// Detection delays and false alarms of the change detectors (River's defaults) on seeded error streams; the numbers
// in docs/feedback.md. Run after `npm run build`:
//   node bench/feedback/detectors.mjs [seeds=100] [seedOffset=10000]
import { DETECTOR_NAMES, runDetector } from "../../dist/feedback/detectors.js";
import { seededRandom } from "../../dist/measures/bootstrap.js";

const seeds = Number(process.argv[2] ?? 100);
const offset = Number(process.argv[3] ?? 10000);

function stream(seed, n, p) {
  const random = seededRandom(seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = random() < p(i) ? 1 : 0;
  return out;
}

const quantile = (values, q) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

console.log(
  "| detector | false alarms / 1000 (p = 0.2) | abrupt 0.2→0.4 found ≤ 500 | delay median | p90 | ramp 0.2→0.4 over 1000 found ≤ 1500 | delay median | p90 |",
);
console.log("|---|---|---|---|---|---|---|---|");
for (const name of DETECTOR_NAMES) {
  let falseAlarms = 0;
  const abrupt = [];
  const ramp = [];
  for (let s = 0; s < seeds; s++) {
    falseAlarms += runDetector(
      name,
      stream(offset + 1000 + s, 5000, () => 0.2),
      s,
    ).drifts.length;
    const a = runDetector(
      name,
      stream(offset + 2000 + s, 2000, (i) => (i < 1000 ? 0.2 : 0.4)),
      s,
    ).drifts.find((d) => d >= 1000);
    if (a !== undefined && a - 1000 <= 500) abrupt.push(a - 1000);
    const r = runDetector(
      name,
      stream(offset + 3000 + s, 3000, (i) =>
        i < 1000 ? 0.2 : Math.min(0.4, 0.2 + (0.2 * (i - 1000)) / 1000),
      ),
      s,
    ).drifts.find((d) => d >= 1000);
    if (r !== undefined && r - 1000 <= 1500) ramp.push(r - 1000);
  }
  console.log(
    `| ${name} | ${(falseAlarms / seeds / 5).toFixed(3)} | ${((100 * abrupt.length) / seeds).toFixed(0)}% | ${quantile(abrupt, 0.5)} | ${quantile(abrupt, 0.9)} | ${((100 * ramp.length) / seeds).toFixed(0)}% | ${quantile(ramp, 0.5)} | ${quantile(ramp, 0.9)} |`,
  );
}
