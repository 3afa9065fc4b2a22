import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isDrifted, isSkip, METHODS, type DriftMethod } from "../../src/drift/methods.js";
import { numericSideOfColumn, type NumericSide } from "../../src/drift/sides.js";
import { seededRandom } from "../../src/measures/bootstrap.js";
import { fisherExact } from "../../src/measures/fisher-exact.js";

/**
 * The false-alarm rates documented in docs/drift.md, measured by bench/drift/power.mjs (600 seeded runs per size,
 * copied from bench/results/drift-power.json to this fixture).
 */
const documented = JSON.parse(readFileSync("test/drift/fixtures/null-calibration.json", "utf8")) as {
  results: { n: number; shift: number; method: string; runs: number; drifted: number }[];
};

/** The same generator as bench/drift/power.mjs: N(shift, 1) rounded to 4 decimals, Box–Muller on mulberry32. */
function normalSample(random: () => number, n: number, shift: number): Float64Array {
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

function side(values: Float64Array): NumericSide {
  return numericSideOfColumn({
    name: "x",
    kind: "numeric",
    length: values.length,
    valid: null,
    values,
    integer: false,
  });
}

const DISTANCES = (Object.keys(METHODS) as DriftMethod[]).filter(
  (m) => METHODS[m].type === "distance" && METHODS[m].numeric !== undefined,
);
const TESTS = (Object.keys(METHODS) as DriftMethod[]).filter(
  (m) => METHODS[m].type === "p-value" && METHODS[m].numeric !== undefined && m !== "fisher",
);

/**
 * False alarms of each method on `runs` pairs of same-distribution samples, seeded apart from the benchmark's
 * seeds (so the two measurements are independent).
 */
function falseAlarms(n: number, runs: number, methods: DriftMethod[]): Map<DriftMethod, number> {
  const counts = new Map(methods.map((m) => [m, 0]));
  for (let run = 0; run < runs; run++) {
    const random = seededRandom(987_654_321 + 1_000_003 * n + run);
    const reference = side(normalSample(random, n, 0));
    const current = side(normalSample(random, n, 0));
    for (const m of methods) {
      const outcome = METHODS[m].numeric!(reference, current);
      if (isSkip(outcome)) throw new Error(`${m} skipped on normal samples`);
      const spec = METHODS[m];
      const score = spec.type === "p-value" ? outcome.pValue! : outcome.statistic;
      if (isDrifted(spec.comparison, score, spec.threshold)) counts.set(m, counts.get(m)! + 1);
    }
  }
  return counts;
}

/**
 * Whether this run's false-alarm count is consistent with the documented one. Both counts are binomial with the
 * same (unknown) rate when the implementation is the one documented; given their sum, this run's count is
 * hypergeometric, so Fisher's exact test has size ≤ 1e-6 whatever the rate: a correct implementation fails this
 * check with probability below 1e-6, while a KL that flags 40% of same-distribution features fails it at once.
 */
function consistent(count: number, runs: number, documentedCount: number, documentedRuns: number): number {
  return fisherExact([
    [count, runs - count],
    [documentedCount, documentedRuns - documentedCount],
  ]).pValue;
}

describe("null calibration: false alarms on same-distribution normal samples match the documented rates", () => {
  for (const [n, runs] of [
    [200, 300],
    [5000, 100],
  ] as const) {
    it(`for every distance and test at n = ${n} (${runs} seeded runs)`, () => {
      const counts = falseAlarms(n, runs, [...DISTANCES, ...TESTS]);
      for (const [method, count] of counts) {
        const doc = documented.results.find((r) => r.n === n && r.shift === 0 && r.method === method);
        expect(doc, `${method} documented at n = ${n}`).toBeDefined();
        const p = consistent(count, runs, doc!.drifted, doc!.runs);
        expect(
          p,
          `${method} at n = ${n}: ${count}/${runs} vs documented ${doc!.drifted}/${doc!.runs}`,
        ).toBeGreaterThan(1e-6);
      }
      // Tests hold their level at any n: at most alpha (+ a binomial 1e-6 margin) false alarms.
      for (const method of TESTS) {
        const alpha = METHODS[method].threshold;
        const count = counts.get(method)!;
        // P(Bin(runs, alpha) > bound) < 1e-6 for these bounds (computed from the binomial tail).
        const bound = binomialUpperBound(runs, alpha, 1e-6);
        expect(count, `${method} at n = ${n}`).toBeLessThanOrEqual(bound);
      }
      // KL with Evidently's empty-bin filling no longer flags same-distribution features (issue 14: 42% / 39%).
      expect(counts.get("kl")! / runs).toBeLessThan(0.1);
    });
  }
});

/** The smallest k with P(Bin(n, p) > k) < tail. */
function binomialUpperBound(n: number, p: number, tail: number): number {
  const logPmf = (k: number) =>
    logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log(1 - p);
  let above = 0;
  for (let k = n; k >= 0; k--) {
    const next = above + Math.exp(logPmf(k));
    if (next >= tail) return k;
    above = next;
  }
  return 0;
}

function logFactorial(k: number): number {
  let sum = 0;
  for (let i = 2; i <= k; i++) sum += Math.log(i);
  return sum;
}
