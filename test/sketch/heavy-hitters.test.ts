import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HeavyHitters } from "../../src/sketch/heavy-hitters.js";
import { expectDriftlabError, zipfCodes } from "./random-data.js";

function exactCounts(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

function zipfStrings(n: number, distinct: number, exponent: number, seed: number): string[] {
  return Array.from(zipfCodes(n, distinct, exponent, seed), (code) => `item${code}`);
}

/** Every true count lies within the reported bounds; every frequent item is kept; the bound holds. */
function expectBoundsHold(sketch: HeavyHitters, truth: Map<string, number>): void {
  const n = Array.from(truth.values()).reduce((a, b) => a + b, 0);
  expect(sketch.n).toBe(n);
  expect(sketch.errorBound).toBeLessThanOrEqual(n / (sketch.capacity + 1));
  expect(sketch.size).toBeLessThanOrEqual(sketch.capacity);
  const violations: string[] = [];
  for (const [value, count] of truth) {
    const { lowerBound, upperBound } = sketch.frequency(value);
    if (count < lowerBound || count > upperBound)
      violations.push(`${value}: ${count} ∉ [${lowerBound}, ${upperBound}]`);
    if (count > n / (sketch.capacity + 1) && lowerBound === 0)
      violations.push(`frequent ${value} (${count}) not kept`);
  }
  expect(violations).toEqual([]);
  for (const hitter of sketch.top()) {
    const count = truth.get(hitter.value) ?? 0;
    expect(count).toBeGreaterThanOrEqual(hitter.lowerBound);
    expect(count).toBeLessThanOrEqual(hitter.upperBound);
  }
}

describe("HeavyHitters", () => {
  it("is exact while there are no more distinct items than counters", () => {
    const values = zipfStrings(5000, 40, 1.1, 1);
    const sketch = new HeavyHitters({ capacity: 40 });
    for (const value of values) sketch.add(value);
    const truth = exactCounts(values);
    expect(sketch.exact).toBe(true);
    expect(sketch.errorBound).toBe(0);
    for (const hitter of sketch.top()) {
      expect(hitter.count).toBe(truth.get(hitter.value));
      expect(hitter.upperBound).toBe(hitter.lowerBound);
      expect(hitter.exact).toBe(true);
    }
    expect(sketch.top().length).toBe(truth.size);
  });

  it("sorts by count descending, then value ascending", () => {
    const sketch = new HeavyHitters().add("b", 3).add("a", 3).add("c", 5).add("d");
    expect(sketch.top(3).map((h) => [h.value, h.count])).toEqual([
      ["c", 5],
      ["a", 3],
      ["b", 3],
    ]);
  });

  it("keeps the bounds for one-at-a-time, batch and dictionary-coded input (property, seeded)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 500 }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.integer({ min: 0, max: 10_000 }),
        (capacity, distinct, exponent, seed) => {
          const codes = zipfCodes(3000, distinct, exponent, seed);
          const dictionary = Array.from({ length: distinct }, (_, i) => `v${i}`);
          const values = Array.from(codes, (code) => dictionary[code]);
          const truth = exactCounts(values);
          const single = new HeavyHitters({ capacity });
          for (const value of values) single.add(value);
          expectBoundsHold(single, truth);
          expectBoundsHold(new HeavyHitters({ capacity }).addStrings(values), truth);
          expectBoundsHold(new HeavyHitters({ capacity }).addCodes(codes, dictionary), truth);
        },
      ),
      { seed: 5, numRuns: 60 },
    );
  });

  it("merge of partitions keeps the bounds of the union (Agarwal et al.)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 10_000 }),
        (capacity, sizes, seed) => {
          const total = sizes.reduce((a, b) => a + b, 0);
          const values = zipfStrings(total, 300, 1.05, seed);
          const merged = new HeavyHitters({ capacity });
          let start = 0;
          for (const size of sizes) {
            const part = new HeavyHitters({ capacity });
            for (const value of values.slice(start, start + size)) part.add(value);
            merged.merge(part);
            start += size;
          }
          expectBoundsHold(merged, exactCounts(values));
        },
      ),
      { seed: 6, numRuns: 60 },
    );
  });

  it("finds the frequent items of a long skewed stream", () => {
    const values = zipfStrings(200_000, 100_000, 1.1, 3);
    const sketch = new HeavyHitters({ capacity: 100 }).addStrings(values);
    const truth = exactCounts(values);
    expectBoundsHold(sketch, truth);
    const trueTop = Array.from(truth)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([value]) => value);
    expect(sketch.top(5).map((h) => h.value)).toEqual(trueTop);
    expect(sketch.exact).toBe(false);
  });

  it("rejects bad counts and capacities, and merges only equal capacities", () => {
    expectDriftlabError(() => new HeavyHitters().add("a", 0), "INVALID_OPTION", /positive integer/);
    expectDriftlabError(() => new HeavyHitters().add("a", 1.5), "INVALID_OPTION");
    expectDriftlabError(() => new HeavyHitters({ capacity: 0 }), "INVALID_OPTION", /"capacity"/);
    expectDriftlabError(
      () => new HeavyHitters({ capacity: 10 }).merge(new HeavyHitters({ capacity: 20 })),
      "INCOMPATIBLE_MERGE",
      /capacity is 10 in one and 20/,
    );
  });
});

describe("HeavyHitters JSON", () => {
  it("round-trips", () => {
    const sketch = new HeavyHitters({ capacity: 10 }).addStrings(zipfStrings(5000, 100, 1, 8));
    const restored = HeavyHitters.fromJSON(JSON.parse(JSON.stringify(sketch)));
    expect(restored.toJSON()).toEqual(sketch.toJSON());
    expect(restored.top()).toEqual(sketch.top());
  });

  it("rejects corrupt input with INVALID_SKETCH naming the problem", () => {
    const good = new HeavyHitters({ capacity: 3 }).addStrings(zipfStrings(500, 20, 1, 2)).toJSON();
    expectDriftlabError(
      () => HeavyHitters.fromJSON({ ...good, capacity: 0 }),
      "INVALID_SKETCH",
      /"capacity"/,
    );
    expectDriftlabError(
      () => HeavyHitters.fromJSON({ ...good, capacity: 1 }),
      "INVALID_SKETCH",
      /more than the capacity/,
    );
    expectDriftlabError(
      () => HeavyHitters.fromJSON({ ...good, items: [["a", 0]] }),
      "INVALID_SKETCH",
      /positive integer/,
    );
    expectDriftlabError(
      () => HeavyHitters.fromJSON({ ...good, items: [[1, 2]] }),
      "INVALID_SKETCH",
      /items\[0\]/,
    );
    expectDriftlabError(
      () =>
        HeavyHitters.fromJSON({
          ...good,
          items: [
            ["a", 1],
            ["a", 1],
          ],
        }),
      "INVALID_SKETCH",
      /appears twice/,
    );
    expectDriftlabError(
      () => HeavyHitters.fromJSON({ ...good, errorBound: good.n }),
      "INVALID_SKETCH",
      /errorBound/,
    );
    expectDriftlabError(() => HeavyHitters.fromJSON({ ...good, version: 0 }), "INVALID_SKETCH", /"version"/);
  });
});
