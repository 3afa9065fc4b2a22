import { describe, expect, it } from "vitest";
import { exactQuantiles } from "../../src/stats/exact-quantiles.js";

/** numpy.quantile(method="linear") on a fully sorted copy: the definition, computed the slow way. */
function bySorting(values: Float64Array, q: number): number {
  const sorted = values.slice().sort();
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (h - lo);
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const LEVELS = [0, 0.001, 0.01, 0.05, 0.1, 0.25, 0.333, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

describe("exactQuantiles", () => {
  const random = seeded(99);
  const cases: Record<string, Float64Array> = {
    uniform: Float64Array.from({ length: 200_000 }, () => random()),
    "heavy tail": Float64Array.from({ length: 150_000 }, () => 1 / (random() + 1e-9)),
    "mostly zeros": Float64Array.from({ length: 120_000 }, () => (random() < 0.9 ? 0 : random() * 1e6)),
    "integers with ties": Float64Array.from({ length: 100_000 }, () => Math.floor(random() * 7) - 3),
    "timestamps in a narrow range": Float64Array.from(
      { length: 80_000 },
      () => 978_307_200_000 + Math.floor(random() * 1e6) * 60_000,
    ),
    "one huge outlier": Float64Array.from({ length: 90_000 }, (_, i) => (i === 5 ? 1e300 : random())),
    small: Float64Array.from([3, 1, 2]),
    single: Float64Array.from([42]),
  };
  for (const [name, values] of Object.entries(cases)) {
    it(`equals sorting, for ${name}`, () => {
      const got = exactQuantiles(values, LEVELS);
      LEVELS.forEach((q, i) => {
        const expected = bySorting(values, q);
        expect(Math.abs(got[i] - expected)).toBeLessThanOrEqual(Math.abs(expected) * 1e-12);
      });
    });
  }

  it("leaves the input untouched and returns NaN for no values", () => {
    const values = Float64Array.from([5, 4, 3, 2, 1]);
    exactQuantiles(values, [0.5]);
    expect(Array.from(values)).toEqual([5, 4, 3, 2, 1]);
    expect(exactQuantiles(new Float64Array(0), [0.5])).toEqual([NaN]);
  });
});
