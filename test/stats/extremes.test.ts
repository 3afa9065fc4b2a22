import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fromColumns } from "../../src/data/index.js";
import { drift } from "../../src/drift/index.js";
import { Moments } from "../../src/sketch/moments.js";
import { profile } from "../../src/stats/profile.js";

/** Exact references (mpmath, numpy on exactly scaled values): test/stats/fixtures/make_extremes.py. */
const reference = JSON.parse(readFileSync("test/stats/fixtures/extremes.json", "utf8")) as Record<
  string,
  {
    values: number[];
    moments: Record<string, number>;
    histogram: number[];
  }
>;

function close(actual: number, expected: number, relative: number): void {
  expect(Number.isFinite(actual), `${actual} is finite`).toBe(true);
  const scale = Math.abs(expected) > 0 ? Math.abs(expected) : 1;
  expect(Math.abs(actual - expected) / scale, `${actual} vs ${expected}`).toBeLessThanOrEqual(relative);
}

describe("numbers at the ends of the double range", () => {
  for (const [name, ref] of Object.entries(reference)) {
    it(`${name}: moments match exact arithmetic (no overflow, no underflow)`, () => {
      const moments = new Moments().addArray(Float64Array.from(ref.values));
      // The mean's error bound is relative to the largest magnitude (n·ε·max|x|): where ±1.8e308 cancel to a mean
      // of 0.25, the mean is right to ~1e-292, not to 12 digits of 0.25.
      const maxAbs = Math.max(...ref.values.map(Math.abs));
      const meanError = Math.abs(moments.mean - ref.moments.mean);
      expect(meanError).toBeLessThanOrEqual(
        Math.max(1e-12 * Math.abs(ref.moments.mean), 1e-15 * ref.values.length * maxAbs),
      );
      close(moments.sampleStd, ref.moments.std, 1e-12);
      close(moments.std, ref.moments.stdPopulation, 1e-12);
      close(moments.skewness, ref.moments.skewness, 1e-9);
      close(moments.kurtosis, ref.moments.kurtosis, 1e-9);
      expect(moments.min).toBe(ref.moments.min);
      expect(moments.max).toBe(ref.moments.max);
    });

    it(`${name}: moments merge and add one at a time to the same values`, () => {
      const half = Math.floor(ref.values.length / 2);
      const merged = new Moments()
        .addArray(Float64Array.from(ref.values.slice(0, half)))
        .merge(new Moments().addArray(Float64Array.from(ref.values.slice(half))));
      const single = new Moments();
      for (const v of ref.values) single.add(v);
      const maxAbs = Math.max(...ref.values.map(Math.abs));
      for (const m of [merged, single]) {
        expect(Math.abs(m.mean - ref.moments.mean)).toBeLessThanOrEqual(
          Math.max(1e-9 * Math.abs(ref.moments.mean), 1e-15 * ref.values.length * maxAbs),
        );
        close(m.sampleStd, ref.moments.std, 1e-9);
      }
      const restored = Moments.fromJSON(JSON.parse(JSON.stringify(merged.toJSON())));
      expect(restored.mean).toBe(merged.mean);
      expect(restored.sampleStd).toBe(merged.sampleStd);
    });

    it(`${name}: the profile's histogram keeps every value, with finite edges`, () => {
      const report = profile(fromColumns({ x: Float64Array.from(ref.values) }));
      const stats = report.feature("x").numeric!;
      expect(stats.mean).toBe(new Moments().addArray(Float64Array.from(ref.values)).mean);
      close(stats.std, ref.moments.std, 1e-12);
      expect(stats.std).toBeGreaterThan(0);
      expect(stats.histogram.counts).toEqual(ref.histogram);
      expect(stats.histogram.edges.every((e) => Number.isFinite(e))).toBe(true);
      expect(stats.histogram.edges[0]).toBe(ref.moments.min);
      expect(stats.histogram.edges.at(-1)).toBe(ref.moments.max);
      const quantileTotal = stats.quantileHistogram.counts.reduce((a, b) => a + b, 0);
      expect(quantileTotal).toBe(ref.values.length);
      // The JSON report has numbers where it had nulls.
      const json = JSON.parse(JSON.stringify(report.toJSON())) as {
        features: { numeric: { mean: unknown; std: unknown; histogram: { edges: unknown[] } } }[];
      };
      expect(typeof json.features[0].numeric.mean).toBe("number");
      expect(typeof json.features[0].numeric.std).toBe("number");
      expect(json.features[0].numeric.histogram.edges.every((e) => typeof e === "number")).toBe(true);
    });
  }

  it("drift between two columns of ±1e308 says how the mean moved in finite numbers", () => {
    const huge = reference.huge.values;
    const moved = huge.map((v, i) => (i % 3 === 0 ? -v : v));
    const report = drift(
      fromColumns({ x: Float64Array.from(huge) }),
      fromColumns({ x: Float64Array.from(moved) }),
    );
    const text = JSON.stringify(report.toJSON());
    expect(text).not.toMatch(/∞|Infinity/);
    const feature = report.feature("x");
    expect(Number.isFinite(feature.reference.mean)).toBe(true);
    expect(Number.isFinite(feature.reference.std)).toBe(true);
  });
});
