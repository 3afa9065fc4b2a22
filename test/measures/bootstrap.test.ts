import { describe, expect, it } from "vitest";
import { bootstrapInterval, seededRandom } from "../../src/measures/bootstrap.js";
import { wilsonInterval } from "../../src/measures/proportion-intervals.js";

const mean = (sample: Float64Array): number => sample.reduce((sum, x) => sum + x, 0) / sample.length;

describe("bootstrapInterval (percentile bootstrap)", () => {
  it("is deterministic for a seed and changes with the seed", () => {
    const data = Float64Array.from({ length: 50 }, (_, i) => (i * 7) % 13);
    const first = bootstrapInterval(mean, data, { seed: 42, resamples: 200 });
    const again = bootstrapInterval(mean, data, { seed: 42, resamples: 200 });
    const other = bootstrapInterval(mean, data, { seed: 43, resamples: 200 });
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it("brackets the estimate and agrees with the Wilson interval for a proportion with n = 400", () => {
    const outcomes = Float64Array.from({ length: 400 }, (_, i) => (i % 5 === 0 ? 1 : 0)); // 80 / 400 = 0.2
    const interval = bootstrapInterval(mean, outcomes, { seed: 7, resamples: 2000 });
    expect(interval.estimate).toBe(0.2);
    expect(interval.lower).toBeLessThan(0.2);
    expect(interval.upper).toBeGreaterThan(0.2);
    const wilson = wilsonInterval(80, 400);
    expect(Math.abs(interval.lower - wilson.lower)).toBeLessThan(0.01);
    expect(Math.abs(interval.upper - wilson.upper)).toBeLessThan(0.01);
  });

  it("uses a uniform generator: the mean of 100000 draws is 0.5 ± 0.005", () => {
    const random = seededRandom(1);
    let sum = 0;
    for (let i = 0; i < 100000; i++) sum += random();
    expect(Math.abs(sum / 100000 - 0.5)).toBeLessThan(0.005);
  });
});
