import { describe, expect, it } from "vitest";
import { bucketError, sketchOfAtoms, summaryAtoms, type SummaryBucket } from "../../src/sources/summary.js";

/** Seeded linear congruential generator (Numerical Recipes constants), values in [0, 1). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** What an engine returns: equal-width buckets with exact count, min and max (computed here by brute force). */
function bucketsOf(values: Float64Array, buckets: number): SummaryBucket[] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const out = new Map<number, SummaryBucket>();
  for (const v of values) {
    const b = Math.min(buckets - 1, Math.floor(((v - min) / (max - min)) * buckets));
    const s = out.get(b);
    if (s === undefined) out.set(b, { count: 1, min: v, max: v });
    else {
      s.count++;
      s.min = Math.min(s.min, v);
      s.max = Math.max(s.max, v);
    }
  }
  return [...out.values()];
}

/** The largest |sketch rank − true rank| over every data value, for ≤ x and < x (brute force over sorted data). */
function worstRankError(sorted: Float64Array, rank: (x: number, inclusive: boolean) => number): number {
  const n = sorted.length;
  let worst = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j < n && sorted[j] === sorted[i]) j++;
    worst = Math.max(
      worst,
      Math.abs(rank(sorted[i], false) - i / n),
      Math.abs(rank(sorted[i], true) - j / n),
    );
    i = j;
  }
  return worst;
}

describe("quantile summary from engine buckets", () => {
  const random = lcg(16);
  const n = 200_000;
  // [name, values, is the bound below 1%?] Skewed data puts most values in a few equal-width buckets: the bound says
  // so (the SQL builder then refines those buckets).
  const cases: [string, Float64Array, boolean][] = [
    ["uniform", Float64Array.from({ length: n }, () => random()), true],
    ["skewed", Float64Array.from({ length: n }, () => Math.exp(6 * random() ** 3)), false],
    [
      "integers with a heavy zero",
      Float64Array.from({ length: n }, () => (random() < 0.3 ? 0 : Math.floor(random() * 50))),
      true,
    ],
  ];
  for (const [name, values, tight] of cases) {
    it(`keeps every rank within the stated bound: ${name}`, () => {
      const sorted = values.slice().sort();
      const buckets = bucketsOf(values, 512);
      const { atoms, n: total, rankError: summaryError } = summaryAtoms(buckets);
      expect(total).toBe(n);
      const worstBucket = Math.max(...buckets.map(bucketError));
      expect(summaryError).toBe(worstBucket / n);
      const { sketch, rankError: condenseError } = sketchOfAtoms(200, atoms, sorted[0], sorted[n - 1]);
      expect(sketch.n).toBe(n);
      expect(sketch.min).toBe(sorted[0]);
      expect(sketch.max).toBe(sorted[n - 1]);
      const measured = worstRankError(sorted, (x, inclusive) => sketch.rank(x, inclusive));
      expect(measured).toBeLessThanOrEqual(summaryError + condenseError + 1e-12);
      // Where buckets are light the bound is far below the KLL bound for the same k (1.33%).
      if (tight) expect(summaryError + condenseError).toBeLessThan(0.01);
      else expect(summaryError).toBeGreaterThan(0.01);
    });
  }

  it("is exact for point masses that fit the sketch", () => {
    const atoms = [
      { value: 1, weight: 3 },
      { value: 2, weight: 5 },
    ];
    const { sketch, rankError } = sketchOfAtoms(200, atoms, 1, 2);
    expect(rankError).toBe(0);
    expect(sketch.rank(1)).toBe(3 / 8);
    expect(sketch.rank(2, false)).toBe(3 / 8);
  });

  it("keeps few distinct values exactly at any count (each mass in binary, one item per bit)", () => {
    const atoms = Array.from({ length: 20 }, (_, i) => ({ value: i, weight: 5_000_000 + 12_345 * i }));
    const n = atoms.reduce((t, a) => t + a.weight, 0);
    const { sketch, rankError } = sketchOfAtoms(200, atoms, 0, 19);
    expect(rankError).toBe(0);
    expect(sketch.n).toBe(n);
    let below = 0;
    for (const a of atoms) {
      expect(sketch.rank(a.value, false)).toBeCloseTo(below / n, 14);
      below += a.weight;
      expect(sketch.rank(a.value, true)).toBeCloseTo(below / n, 14);
    }
  });

  it("states the error of a bucket holding different values", () => {
    expect(bucketError({ count: 1, min: 3, max: 3 })).toBe(0);
    expect(bucketError({ count: 100, min: 3, max: 3 })).toBe(0);
    expect(bucketError({ count: 2, min: 3, max: 4 })).toBe(0);
    expect(bucketError({ count: 7, min: 3, max: 4 })).toBe(3);
  });
});
