import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EqualWidthHistogram, quantileHistogram } from "../../src/sketch/histogram.js";
import { KllSketch } from "../../src/sketch/kll.js";
import { reference } from "./fixtures/reference.js";
import { expectDriftlabError, normalValues, zipfCodes } from "./random-data.js";

describe("EqualWidthHistogram against numpy.histogram", () => {
  for (const [name, dataset] of Object.entries(reference.datasets)) {
    const values = Float64Array.from(dataset.values);
    for (const expected of dataset.histograms) {
      const label =
        expected.bins === null
          ? `uneven edges`
          : `${expected.bins} bins over ${expected.range === null ? "the data range" : "an inner range"}`;
      it(`matches numpy on "${name}", ${label}`, () => {
        let histogram: EqualWidthHistogram;
        if (expected.bins === null) {
          histogram = new EqualWidthHistogram(expected.edges);
        } else {
          const [min, max] = expected.range ?? [dataset.moments.min, dataset.moments.max];
          histogram = EqualWidthHistogram.fromRange(min, max, expected.bins);
          expect(Array.from(histogram.edges)).toEqual(expected.edges); // bit-for-bit np.linspace
        }
        histogram.addArray(values);
        expect(Array.from(histogram.counts)).toEqual(expected.counts);
        expect(histogram.underflow).toBe(expected.underflow);
        expect(histogram.overflow).toBe(expected.overflow);
        const single = new EqualWidthHistogram(histogram.edges);
        for (const x of values) single.add(x);
        expect(single.toJSON()).toEqual(histogram.toJSON());
      });
    }
  }

  it("counts NaN apart, ±Infinity as underflow/overflow, and skips invalid rows", () => {
    const histogram = EqualWidthHistogram.fromRange(0, 10, 5).addArray(
      Float64Array.from([NaN, -Infinity, Infinity, -1, 11, 0, 10, 2, 3.999, 4, 5]),
      Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]),
    );
    expect(Array.from(histogram.counts)).toEqual([1, 2, 1, 0, 1]);
    expect([histogram.underflow, histogram.overflow, histogram.nanCount]).toEqual([2, 2, 1]);
    expect(histogram.total).toBe(5);
  });

  it("widens an empty range by ±0.5 like numpy and rejects bad input", () => {
    expect(Array.from(EqualWidthHistogram.fromRange(3, 3, 2).edges)).toEqual([2.5, 3, 3.5]);
    expectDriftlabError(() => EqualWidthHistogram.fromRange(1, 0), "INVALID_OPTION", /min ≤ max/);
    expectDriftlabError(() => EqualWidthHistogram.fromRange(0, 1, 0), "INVALID_OPTION", /bins/);
    expectDriftlabError(() => new EqualWidthHistogram([0, 1, 1]), "INVALID_OPTION", /strictly increasing/);
    expectDriftlabError(() => new EqualWidthHistogram([0]), "INVALID_OPTION", /at least 2/);
  });
});

describe("EqualWidthHistogram merge", () => {
  it("merge(hist(a), hist(b)) equals hist(a ∪ b) exactly (property)", () => {
    const values = fc.array(
      fc.oneof(fc.double({ min: -20, max: 20 }), fc.constantFrom(NaN, Infinity, 0, 10)),
      {
        maxLength: 200,
      },
    );
    fc.assert(
      fc.property(values, values, fc.integer({ min: 1, max: 12 }), (a, b, bins) => {
        const make = () => EqualWidthHistogram.fromRange(-10, 10, bins);
        const merged = make()
          .addArray(Float64Array.from(a))
          .merge(make().addArray(Float64Array.from(b)));
        const whole = make().addArray(Float64Array.from([...a, ...b]));
        expect(merged.toJSON()).toEqual(whole.toJSON());
      }),
      { seed: 3, numRuns: 200 },
    );
  });

  it("refuses to merge histograms with different edges", () => {
    expectDriftlabError(
      () => EqualWidthHistogram.fromRange(0, 1, 10).merge(EqualWidthHistogram.fromRange(0, 1.5, 10)),
      "INCOMPATIBLE_MERGE",
      /edges differ/,
    );
  });
});

describe("EqualWidthHistogram JSON", () => {
  it("round-trips", () => {
    const histogram = EqualWidthHistogram.fromRange(-3, 3, 12).addArray(normalValues(1000, 1));
    histogram.add(NaN);
    const restored = EqualWidthHistogram.fromJSON(JSON.parse(JSON.stringify(histogram)));
    expect(restored.toJSON()).toEqual(histogram.toJSON());
  });

  it("rejects corrupt input with INVALID_SKETCH naming the problem", () => {
    const good = EqualWidthHistogram.fromRange(0, 1, 2).add(0.5).toJSON();
    expectDriftlabError(
      () => EqualWidthHistogram.fromJSON({ ...good, edges: [1, 0, 2] }),
      "INVALID_SKETCH",
      /increasing/,
    );
    expectDriftlabError(
      () => EqualWidthHistogram.fromJSON({ ...good, counts: [1] }),
      "INVALID_SKETCH",
      /"counts" has 1/,
    );
    expectDriftlabError(
      () => EqualWidthHistogram.fromJSON({ ...good, counts: [1, -1] }),
      "INVALID_SKETCH",
      /"counts"\[1\]/,
    );
    expectDriftlabError(
      () => EqualWidthHistogram.fromJSON({ ...good, nanCount: 0.5 }),
      "INVALID_SKETCH",
      /"nanCount"/,
    );
    expectDriftlabError(
      () => EqualWidthHistogram.fromJSON({ ...good, edges: [0, null] }),
      "INVALID_SKETCH",
      /"edges"\[1\]/,
    );
    expectDriftlabError(
      () => EqualWidthHistogram.fromJSON("histogram"),
      "INVALID_SKETCH",
      /expected an object/,
    );
  });
});

describe("quantileHistogram", () => {
  for (const [name, dataset] of Object.entries(reference.datasets)) {
    it(`matches numpy (inverted_cdf quantiles, histogram counts) on "${name}"`, () => {
      const sorted = Float64Array.from(dataset.values).sort();
      const expected = dataset.quantileHistogram;
      const fromSorted = quantileHistogram(sorted, expected.bins);
      expect(fromSorted.edges).toEqual(expected.edges);
      expect(fromSorted.counts).toEqual(expected.counts);
      const fromSketch = quantileHistogram(new KllSketch({ k: 1000 }).addArray(sorted), expected.bins);
      expect(fromSketch).toEqual({ edges: expected.edges, counts: expected.counts, exact: true });
    });
  }

  it("approximates equal-frequency buckets from a compacted KLL sketch within the PMF bound", () => {
    for (const values of [normalValues(100_000, 8), Float64Array.from(zipfCodes(100_000, 30, 1, 8))]) {
      const sketch = new KllSketch().addArray(values);
      const result = quantileHistogram(sketch);
      const sorted = values.slice().sort();
      expect(result.exact).toBe(false);
      expect(result.edges).toHaveLength(11);
      expect(result.counts.reduce((a, b) => a + b, 0)).toBe(values.length);
      // Counts against the true counts between the sketch's own edges (numpy.histogram semantics).
      const below = (x: number) => sorted.findIndex((v) => v >= x);
      const eps = sketch.normalizedRankError(true) * values.length;
      for (let i = 0; i < 10; i++) {
        const upper = i === 9 ? values.length : below(result.edges[i + 1]);
        expect(Math.abs(result.counts[i] - (upper - below(result.edges[i])))).toBeLessThanOrEqual(2 * eps);
      }
    }
  });

  it("defaults to 10 buckets, handles empty input and rejects unsorted values", () => {
    expect(quantileHistogram(Float64Array.from([1, 2, 3])).edges).toHaveLength(11);
    expect(quantileHistogram(new Float64Array(0))).toEqual({ edges: [], counts: [], exact: true });
    expect(quantileHistogram(new KllSketch())).toEqual({ edges: [], counts: [], exact: true });
    expectDriftlabError(
      () => quantileHistogram(Float64Array.from([2, 1])),
      "INVALID_OPTION",
      /sorted ascending/,
    );
    expectDriftlabError(() => quantileHistogram(Float64Array.from([1, NaN])), "INVALID_OPTION", /finite/);
    expectDriftlabError(() => quantileHistogram(Float64Array.from([1]), 0), "INVALID_OPTION", /bins/);
  });
});
