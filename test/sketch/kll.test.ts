import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KllSketch } from "../../src/sketch/kll.js";
import { reference } from "./fixtures/reference.js";
import { exactRanks, expectDriftlabError, normalValues, seededRandom, zipfCodes } from "./random-data.js";

const FRACTIONS = [0, 0.001, 0.01, 0.05, 0.1, 0.25, 0.333, 0.5, 0.6, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

/** The answer x of quantile(q) is right within eps if q lies in [rank(<x) − eps, rank(≤x) + eps]. */
function expectQuantilesWithin(sketch: KllSketch, sorted: Float64Array, eps: number): void {
  for (const q of FRACTIONS) {
    const x = sketch.quantile(q);
    const { below, atOrBelow } = exactRanks(sorted, x);
    expect(q, `quantile(${q}) = ${x}, true ranks [${below}, ${atOrBelow}]`).toBeGreaterThanOrEqual(
      below - eps,
    );
    expect(q, `quantile(${q}) = ${x}, true ranks [${below}, ${atOrBelow}]`).toBeLessThanOrEqual(
      atOrBelow + eps,
    );
  }
}

function expectRanksWithin(sketch: KllSketch, sorted: Float64Array, eps: number): void {
  for (const q of FRACTIONS) {
    const x = sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    const { below, atOrBelow } = exactRanks(sorted, x);
    expect(Math.abs(sketch.rank(x) - atOrBelow), `rank(${x})`).toBeLessThanOrEqual(eps);
    expect(Math.abs(sketch.rank(x, false) - below), `rank(${x}, exclusive)`).toBeLessThanOrEqual(eps);
  }
}

function sortedCopy(values: Float64Array): Float64Array {
  return values.filter((x) => Number.isFinite(x)).sort();
}

const DISTRIBUTIONS: Record<string, (n: number, seed: number) => Float64Array> = {
  normal: (n, seed) => normalValues(n, seed, 10, 3),
  uniform: (n, seed) => Float64Array.from({ length: n }, seededRandom(seed)),
  "heavy ties": (n, seed) => Float64Array.from(zipfCodes(n, 50, 1.2, seed)),
  "sorted ascending": (n) => Float64Array.from({ length: n }, (_, i) => i),
  "sorted descending": (n) => Float64Array.from({ length: n }, (_, i) => n - i),
};

describe("KllSketch exact mode", () => {
  for (const [name, dataset] of Object.entries(reference.datasets)) {
    it(`equals numpy's inverted_cdf quantiles while nothing is compacted ("${name}")`, () => {
      const sketch = new KllSketch({ k: 1000 }).addArray(Float64Array.from(dataset.values));
      expect(sketch.exact).toBe(true);
      const qs = Array.from(
        { length: dataset.quantileHistogram.bins + 1 },
        (_, i) => i / dataset.quantileHistogram.bins,
      );
      expect(sketch.quantiles(qs)).toEqual(dataset.quantileHistogram.edges);
      expect(sketch.min).toBe(dataset.moments.min);
      expect(sketch.max).toBe(dataset.moments.max);
    });
  }

  it("is exact for the first k values and compacts after", () => {
    const sketch = new KllSketch({ k: 200 });
    for (let i = 0; i < 200; i++) sketch.add(i);
    expect(sketch.exact).toBe(true);
    expect(sketch.rank(99)).toBe(0.5);
    sketch.add(200);
    expect(sketch.exact).toBe(false);
    expect(sketch.n).toBe(201);
  });
});

describe("KllSketch error bound", () => {
  it("documents DataSketches' bounds: 1.33% single-sided and 1.65% PMF for k = 200", () => {
    expect(KllSketch.normalizedRankError(200)).toBeCloseTo(0.0133, 4);
    expect(KllSketch.normalizedRankError(200, true)).toBeCloseTo(0.0165, 4);
    expect(new KllSketch({ k: 100 }).normalizedRankError()).toBeCloseTo(2.296 / Math.pow(100, 0.9723), 12);
  });

  for (const [name, make] of Object.entries(DISTRIBUTIONS)) {
    it(`keeps quantiles and ranks within the bound (${name}, n = 100k, k = 200)`, () => {
      const values = make(100_000, 17);
      const sketch = new KllSketch().addArray(values);
      const sorted = sortedCopy(values);
      const eps = sketch.normalizedRankError();
      expect(sketch.exact).toBe(false);
      expect(sketch.retained).toBeLessThan(3 * 200 + 8 * 20);
      expectQuantilesWithin(sketch, sorted, eps);
      expectRanksWithin(sketch, sorted, eps);
      expect(sketch.min).toBe(sorted[0]);
      expect(sketch.max).toBe(sorted[sorted.length - 1]);
      expect(sketch.quantile(0)).toBe(sorted[0]);
      expect(sketch.quantile(1)).toBe(sorted[sorted.length - 1]);
    });
  }

  it("keeps cdf and pmf within the PMF bound", () => {
    const values = normalValues(50_000, 3);
    const sketch = new KllSketch({ k: 100 }).addArray(values);
    const sorted = sortedCopy(values);
    const splits = [-2, -1, -0.5, 0, 0.5, 1, 2];
    const cdf = sketch.cdf(splits);
    const pmf = sketch.pmf(splits);
    const eps = sketch.normalizedRankError(true);
    expect(cdf).toHaveLength(splits.length + 1);
    expect(cdf[splits.length]).toBe(1);
    expect(pmf.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    let previous = 0;
    splits.forEach((split, i) => {
      const truth = exactRanks(sorted, split).atOrBelow;
      expect(Math.abs(cdf[i] - truth)).toBeLessThanOrEqual(eps);
      expect(Math.abs(pmf[i] - (truth - previous))).toBeLessThanOrEqual(eps);
      previous = truth;
    });
  });

  it("merge of partitions stays within the bound of the union (property, seeded)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(DISTRIBUTIONS)),
        fc.array(fc.integer({ min: 0, max: 30_000 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 1000 }),
        (distribution, sizes, seed) => {
          const total = sizes.reduce((a, b) => a + b, 0);
          const values = DISTRIBUTIONS[distribution](total, seed);
          const merged = new KllSketch({ k: 128, seed });
          let start = 0;
          for (const size of sizes) {
            merged.merge(
              new KllSketch({ k: 128, seed: seed + start }).addArray(values.subarray(start, start + size)),
            );
            start += size;
          }
          expect(merged.n).toBe(total);
          if (total === 0) return;
          const sorted = sortedCopy(values);
          expectQuantilesWithin(merged, sorted, merged.normalizedRankError());
          expectRanksWithin(merged, sorted, merged.normalizedRankError());
          expect(merged.min).toBe(sorted[0]);
          expect(merged.max).toBe(sorted[sorted.length - 1]);
        },
      ),
      { seed: 2024, numRuns: 25 },
    );
  });
});

describe("KllSketch behaviour", () => {
  it("is deterministic: same data and seed give the same sketch; add and addArray agree", () => {
    const values = normalValues(20_000, 9);
    const a = new KllSketch().addArray(values);
    const b = new KllSketch();
    for (const x of values) b.add(x);
    expect(b.toJSON()).toEqual(a.toJSON());
    const other = new KllSketch({ seed: 99 }).addArray(values);
    expect(other.toJSON().levels).not.toEqual(a.toJSON().levels);
  });

  it("skips NaN, ±Infinity and invalid rows", () => {
    const sketch = new KllSketch().addArray(
      Float64Array.from([3, NaN, 1, Infinity, 2, -Infinity, 50]),
      Uint8Array.from([1, 1, 1, 1, 1, 1, 0]),
    );
    sketch.add(NaN);
    expect(sketch.n).toBe(3);
    expect(sketch.quantiles([0, 0.5, 1])).toEqual([1, 2, 3]);
    expect(sketch.cdf([1.5, 2.5])).toEqual([1 / 3, 2 / 3, 1]);
    sketch.pmf([1.5, 2.5]).forEach((mass) => expect(mass).toBeCloseTo(1 / 3, 15));
  });

  it("answers NaN when empty and rejects invalid fractions and split points", () => {
    const sketch = new KllSketch();
    expect(sketch.quantile(0.5)).toBeNaN();
    expect(sketch.rank(1)).toBeNaN();
    expect(sketch.min).toBeNaN();
    expectDriftlabError(() => sketch.quantile(1.5), "INVALID_OPTION", /from 0 to 1/);
    expectDriftlabError(() => sketch.quantile(NaN), "INVALID_OPTION");
    expectDriftlabError(() => sketch.cdf([2, 1]), "INVALID_OPTION", /strictly increasing/);
    expectDriftlabError(() => new KllSketch({ k: 4 }), "INVALID_OPTION", /"k"/);
  });

  it("refuses to merge sketches with different k", () => {
    expectDriftlabError(
      () => new KllSketch({ k: 200 }).merge(new KllSketch({ k: 100 }).add(1)),
      "INCOMPATIBLE_MERGE",
      /k is 200 in one and 100/,
    );
  });
});

describe("KllSketch JSON", () => {
  it("round-trips and the restored sketch continues identically", () => {
    const values = normalValues(30_000, 21);
    const sketch = new KllSketch({ k: 64 }).addArray(values.subarray(0, 20_000));
    const restored = KllSketch.fromJSON(JSON.parse(JSON.stringify(sketch)));
    expect(restored.toJSON()).toEqual(sketch.toJSON());
    sketch.addArray(values.subarray(20_000));
    restored.addArray(values.subarray(20_000));
    expect(restored.toJSON()).toEqual(sketch.toJSON());
    expect(KllSketch.fromJSON(new KllSketch().toJSON()).n).toBe(0);
  });

  it("rejects corrupt input with INVALID_SKETCH naming the problem", () => {
    const good = new KllSketch({ k: 16 }).addArray(normalValues(1000, 4)).toJSON();
    const levels = good.levels.map((level) => [...level]);
    expectDriftlabError(() => KllSketch.fromJSON({ ...good, type: "moments" }), "INVALID_SKETCH", /"type"/);
    expectDriftlabError(() => KllSketch.fromJSON({ ...good, k: 3 }), "INVALID_SKETCH", /"k"/);
    expectDriftlabError(
      () => KllSketch.fromJSON({ ...good, n: good.n + 1 }),
      "INVALID_SKETCH",
      /total weight/,
    );
    expectDriftlabError(() => KllSketch.fromJSON({ ...good, levels: "x" }), "INVALID_SKETCH", /"levels"/);
    expectDriftlabError(
      () => KllSketch.fromJSON({ ...good, randomState: 0 }),
      "INVALID_SKETCH",
      /"randomState"/,
    );
    expectDriftlabError(
      () => KllSketch.fromJSON({ ...good, max: good.min }),
      "INVALID_SKETCH",
      /outside \[min, max\]/,
    );
    const sortedLevel = levels.findIndex(
      (level, h) => h > 0 && level.length >= 2 && level[0] < level[level.length - 1],
    );
    expect(sortedLevel).toBeGreaterThan(0);
    const unsorted = levels.map((level, h) => (h === sortedLevel ? [...level].reverse() : level));
    expectDriftlabError(() => KllSketch.fromJSON({ ...good, levels: unsorted }), "INVALID_SKETCH", /sorted/);
    const withString = levels.map((level, h) => (h === 0 ? ["1", ...level.slice(1)] : level));
    expectDriftlabError(
      () => KllSketch.fromJSON({ ...good, levels: withString }),
      "INVALID_SKETCH",
      /levels\[0\]\[0\]/,
    );
  });
});
