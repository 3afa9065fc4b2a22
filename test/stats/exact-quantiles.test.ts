import { describe, expect, it } from "vitest";
import { exactQuantiles } from "../../src/stats/exact-quantiles.js";
import { countInBuckets, DEFAULT_STATE_SETTINGS, stateOfColumn } from "../../src/stats/feature-state.js";
import type { NumericState } from "../../src/stats/feature-state.js";

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
    // Integers over at most 2048 units are selected from the first pass's counts alone; 2049 and more are gathered.
    "integers spanning 2048": Float64Array.from({ length: 100_000 }, (_, i) =>
      i === 0 ? -1024 : i === 1 ? 1024 : Math.floor(random() * 2049) - 1024,
    ),
    "integers spanning 2049": Float64Array.from({ length: 100_000 }, (_, i) =>
      i === 0 ? 5 : i === 1 ? 2054 : 5 + Math.floor(random() * 2050),
    ),
    "skewed counts from a large offset": Float64Array.from(
      { length: 100_000 },
      () => 2 ** 40 + Math.floor(-Math.log(random() + 1e-12) * 30),
    ),
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

/** numpy.histogram's rule, the slow way: a value goes to the last bucket whose lower edge is ≤ it; the max to the last. */
function bySearching(values: Float64Array, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length - 1).fill(0);
  for (const v of values) {
    let b = -1;
    for (let i = 0; i < edges.length - 1; i++) if (edges[i] <= v) b = i;
    counts[b]++;
  }
  return counts;
}

describe("the numeric state's histograms, counted in the selection's passes", () => {
  const random = seeded(4242);
  const cases: Record<string, Float64Array> = {
    // n − 1 a multiple of 10: the quantile edges are values of the data (no interpolation).
    normalish: Float64Array.from({ length: 120_001 }, () => random() + random() + random()),
    "integers with ties (repeated quantile edges)": Float64Array.from({ length: 100_000 }, () =>
      Math.floor(-Math.log(random() + 1e-12) * 2),
    ),
    "mostly zeros": Float64Array.from({ length: 90_000 }, () => (random() < 0.93 ? 0 : random() * 1e6)),
    "heavy tail": Float64Array.from({ length: 80_001 }, () => 1 / (random() + 1e-9)),
    "values on the edges": Float64Array.from({ length: 70_000 }, (_, i) => (i % 11) / 10),
    "one huge outlier": Float64Array.from({ length: 60_000 }, (_, i) => (i === 7 ? 1e300 : random())),
    "two values": Float64Array.from({ length: 50_000 }, (_, i) => (i % 3 === 0 ? -1.5 : 2.25)),
  };
  for (const [name, values] of Object.entries(cases)) {
    it(`counts as numpy.histogram would, for ${name}`, () => {
      const column = {
        kind: "numeric",
        name,
        length: values.length,
        valid: null,
        values,
        integer: false,
      } as const;
      const state = stateOfColumn(column, DEFAULT_STATE_SETTINGS) as NumericState;
      const { histogram, quantileHistogram } = state.exact!;
      expect(histogram.counts).toEqual(bySearching(values, histogram.edges));
      expect(histogram.counts).toEqual(countInBuckets(values, histogram.edges));
      expect(quantileHistogram.counts).toEqual(bySearching(values, quantileHistogram.edges));
      expect(quantileHistogram.counts.reduce((a, b) => a + b, 0)).toBe(values.length);
    });
  }
});
