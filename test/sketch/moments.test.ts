import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Moments } from "../../src/sketch/moments.js";
import { reference } from "./fixtures/reference.js";
import { expectDriftlabError, normalValues } from "./random-data.js";

function expectClose(actual: number, expected: number | null, relative: number, absolute = 0): void {
  if (expected === null) {
    expect(actual).toBeNaN();
    return;
  }
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.abs(expected) + absolute);
}

describe("Moments against numpy/scipy", () => {
  for (const [name, dataset] of Object.entries(reference.datasets)) {
    const values = Float64Array.from(dataset.values);
    const expected = dataset.moments;
    const viaArray = new Moments().addArray(values);
    const viaAdd = new Moments();
    for (const x of values) viaAdd.add(x);

    for (const [how, sketch] of [
      ["addArray", viaArray],
      ["add", viaAdd],
    ] as const) {
      it(`matches numpy/scipy on "${name}" (${how})`, () => {
        // Tolerances allow for numpy's own rounding: its mean of 50 × 3.7 is 3.6999999999999993, and
        // scipy's skewness of 1e9 ± 1 data is off by 1e-7 (it does not correct for the rounded mean).
        const scale = Math.abs(expected.mean) + Math.sqrt(expected.var0);
        expect(sketch.count).toBe(expected.count);
        expect(sketch.min).toBe(expected.min);
        expect(sketch.max).toBe(expected.max);
        expectClose(sketch.sum, expected.sum, 1e-14, 1e-14);
        expectClose(sketch.mean, expected.mean, 1e-12, 1e-15 * scale);
        expectClose(sketch.variance, expected.var0, 1e-9, 1e-24 * scale * scale);
        expectClose(sketch.sampleVariance, expected.var1, 1e-9, 1e-24 * scale * scale);
        expectClose(sketch.std, Math.sqrt(expected.var0), 1e-9, 1e-12 * scale);
        expectClose(sketch.skewness, expected.skew, 1e-6, 1e-9);
        expectClose(sketch.kurtosis, expected.kurtosis, 1e-6, 1e-9);
      });

      it(`matches the exact rational moments on "${name}" (${how})`, () => {
        const exact = expected.exact;
        const scale = Math.abs(exact.mean) + Math.sqrt(exact.var0);
        // One-at-a-time Welford updates round the running mean at every step, which costs a few ulps of
        // the offset relative to the spread ("large-offset"); the blocked two-pass addArray does not.
        const shape = how === "add" ? 1e-6 : 1e-10;
        const spread = how === "add" ? 1e-7 : 1e-10;
        expectClose(sketch.sum, exact.sum, 1e-15);
        expectClose(sketch.mean, exact.mean, 1e-15, 1e-16 * scale);
        expectClose(sketch.variance, exact.var0, spread, 1e-30 * scale * scale);
        expectClose(sketch.sampleVariance, exact.var1, spread, 1e-30 * scale * scale);
        expectClose(sketch.skewness, exact.skew, shape, 1e-12);
        expectClose(sketch.kurtosis, exact.kurtosis, shape, 1e-12);
      });
    }
  }

  it("treats a constant column as zero variance with undefined skewness, as scipy", () => {
    const sketch = new Moments().addArray(new Float64Array(5000).fill(0.1));
    expect(sketch.variance).toBe(0);
    expect(sketch.mean).toBe(0.1);
    expect(sketch.skewness).toBeNaN();
    expect(sketch.kurtosis).toBeNaN();
  });

  it("stays accurate far from zero (1e9 offset, no cancellation)", () => {
    const values = normalValues(100_000, 7, 1e9, 1);
    const sketch = new Moments().addArray(values);
    // Reference by exact two-pass over the same values around their fsum-like mean.
    let mean = 0;
    for (const x of values) mean += (x - 1e9) / values.length;
    let m2 = 0;
    for (const x of values) m2 += (x - 1e9 - mean) ** 2;
    expect(Math.abs(sketch.mean - (1e9 + mean))).toBeLessThanOrEqual(2 * 1.2e-7); // two ulps of 1e9
    expectClose(sketch.variance, m2 / values.length, 1e-6);
  });
});

describe("Moments input handling", () => {
  it("skips NaN, ±Infinity and invalid rows without counting them", () => {
    const values = Float64Array.from([1, NaN, 2, Infinity, 3, -Infinity, 100]);
    const valid = Uint8Array.from([1, 1, 1, 1, 1, 1, 0]);
    const sketch = new Moments().addArray(values, valid);
    expect(sketch.count).toBe(3);
    expect(sketch.mean).toBe(2);
    expect(sketch.sampleVariance).toBe(1);
    const single = new Moments().add(NaN).add(Infinity).add(5);
    expect(single.count).toBe(1);
    expect(single.mean).toBe(5);
  });

  it("returns NaN statistics and count 0 when empty", () => {
    const sketch = new Moments().addArray(Float64Array.from([NaN]));
    expect(sketch.count).toBe(0);
    expect(sketch.sum).toBe(0);
    for (const value of [sketch.mean, sketch.variance, sketch.sampleVariance, sketch.min, sketch.max]) {
      expect(value).toBeNaN();
    }
  });

  it("gives the same result for addArray and add over several blocks with gaps", () => {
    const values = normalValues(10_007, 3, 5, 2);
    for (let i = 0; i < values.length; i += 97) values[i] = NaN;
    const bulk = new Moments().addArray(values);
    const single = new Moments();
    for (const x of values) single.add(x);
    expect(bulk.count).toBe(single.count);
    expectClose(bulk.mean, single.mean, 1e-12);
    expectClose(bulk.variance, single.variance, 1e-10);
    expectClose(bulk.skewness, single.skewness, 1e-8, 1e-10);
    expectClose(bulk.kurtosis, single.kurtosis, 1e-8, 1e-10);
  });
});

describe("Moments merge", () => {
  const integers = fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { maxLength: 300 });
  const doubles = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 300 });

  it("merge(sketch(a), sketch(b)) equals sketch(a ∪ b): count/min/max/sum exactly on integers", () => {
    fc.assert(
      fc.property(integers, integers, (a, b) => {
        const merged = new Moments()
          .addArray(Float64Array.from(a))
          .merge(new Moments().addArray(Float64Array.from(b)));
        const whole = new Moments().addArray(Float64Array.from([...a, ...b]));
        expect(merged.count).toBe(whole.count);
        expect(merged.sum).toBe(whole.sum);
        expect(
          Object.is(merged.min, whole.min) || (Number.isNaN(merged.min) && Number.isNaN(whole.min)),
        ).toBe(true);
        expect(
          Object.is(merged.max, whole.max) || (Number.isNaN(merged.max) && Number.isNaN(whole.max)),
        ).toBe(true);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it("merge(sketch(a), sketch(b)) matches sketch(a ∪ b) within 1e-9 for mean and variance", () => {
    fc.assert(
      fc.property(doubles, doubles, (a, b) => {
        const merged = new Moments()
          .addArray(Float64Array.from(a))
          .merge(new Moments().addArray(Float64Array.from(b)));
        const whole = new Moments();
        for (const x of [...a, ...b]) whole.add(x);
        if (whole.count === 0) {
          expect(merged.count).toBe(0);
          return;
        }
        const scale = Math.max(Math.abs(whole.mean), whole.std, 1e-300);
        expect(merged.count).toBe(whole.count);
        expect(Math.abs(merged.mean - whole.mean)).toBeLessThanOrEqual(1e-9 * scale);
        expect(Math.abs(merged.variance - whole.variance)).toBeLessThanOrEqual(1e-9 * scale * scale);
        expect(Math.abs(merged.sum - whole.sum)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(whole.sum)));
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it("merging many partitions reproduces the whole (skewness and kurtosis too)", () => {
    const values = normalValues(20_000, 11, -3, 4);
    for (let i = 0; i < values.length; i++) values[i] = values[i] ** 3 / 10; // skewed, heavy-tailed
    const whole = new Moments().addArray(values);
    const merged = new Moments();
    for (let start = 0, size = 1; start < values.length; start += size, size = size * 2 + 1) {
      merged.merge(new Moments().addArray(values.subarray(start, start + size)));
    }
    expectClose(merged.mean, whole.mean, 1e-9, 1e-12);
    expectClose(merged.variance, whole.variance, 1e-9);
    expectClose(merged.skewness, whole.skewness, 1e-9);
    expectClose(merged.kurtosis, whole.kurtosis, 1e-9);
  });

  it("merging into or from an empty sketch changes nothing", () => {
    const data = new Moments().addArray(Float64Array.from([1, 2, 4]));
    expect(new Moments().merge(data).toJSON()).toEqual(data.toJSON());
    expect(data.merge(new Moments()).toJSON()).toEqual(
      new Moments().addArray(Float64Array.from([1, 2, 4])).toJSON(),
    );
  });
});

describe("Moments JSON", () => {
  it("round-trips through JSON text exactly", () => {
    const sketch = new Moments().addArray(normalValues(1000, 5, 2, 3));
    const restored = Moments.fromJSON(JSON.parse(JSON.stringify(sketch)));
    expect(restored.toJSON()).toEqual(sketch.toJSON());
    expect(restored.kurtosis).toBe(sketch.kurtosis);
    expect(Moments.fromJSON(new Moments().toJSON()).count).toBe(0);
  });

  it("rejects corrupt input with INVALID_SKETCH naming the problem", () => {
    const good = new Moments().addArray(Float64Array.from([1, 2, 3])).toJSON();
    expectDriftlabError(() => Moments.fromJSON(null), "INVALID_SKETCH", /expected an object/);
    expectDriftlabError(() => Moments.fromJSON({ ...good, type: "kll" }), "INVALID_SKETCH", /"type"/);
    expectDriftlabError(() => Moments.fromJSON({ ...good, version: 2 }), "INVALID_SKETCH", /"version"/);
    expectDriftlabError(() => Moments.fromJSON({ ...good, count: -1 }), "INVALID_SKETCH", /"count"/);
    expectDriftlabError(() => Moments.fromJSON({ ...good, count: 1.5 }), "INVALID_SKETCH", /"count"/);
    expectDriftlabError(() => Moments.fromJSON({ ...good, m2: -1 }), "INVALID_SKETCH", /"m2"/);
    expectDriftlabError(() => Moments.fromJSON({ ...good, mean: "2" }), "INVALID_SKETCH", /"mean"/);
    expectDriftlabError(() => Moments.fromJSON({ ...good, mean: 10 }), "INVALID_SKETCH", /min ≤ mean ≤ max/);
    expectDriftlabError(() => Moments.fromJSON({ ...good, min: null }), "INVALID_SKETCH", /"min"/);
    expectDriftlabError(() => Moments.fromJSON({ ...good, count: 0 }), "INVALID_SKETCH", /empty sketch/);
    const { m4: _m4, ...withoutM4 } = good;
    expectDriftlabError(() => Moments.fromJSON(withoutM4), "INVALID_SKETCH", /"m4"/);
  });
});
