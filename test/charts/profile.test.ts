import { describe, expect, it } from "vitest";
import {
  bulkDistribution,
  defaultDistributionRange,
  isHeavyTailed,
  numericHistogramSpec,
} from "../../src/charts/profile.js";
import { read } from "../../src/data/index.js";
import { profile } from "../../src/stats/profile.js";

const flights = await read(
  new URL("../../node_modules/vega-datasets/data/flights-10k.json", import.meta.url).pathname,
);
const json = profile(flights).toJSON();
const numeric = (name: string) => json.features.find((f) => f.name === name)!.numeric!;

describe("profile distribution charts", () => {
  it("shows a heavy-tailed feature (flights delay) over p1–p99 instead of min–max", () => {
    const delay = numeric("delay");
    expect(isHeavyTailed(delay)).toBe(true);
    expect(defaultDistributionRange(delay)).toBe("bulk");
    const bulk = bulkDistribution(delay)!;
    const p = (q: number) => delay.quantiles.find((x) => x.q === q)!.value;
    expect(bulk.low).toBe(p(0.01));
    expect(bulk.high).toBe(p(0.99));
    // Many bars in the bulk (the equal-width histogram puts 95 % of rows in its first two buckets).
    expect(bulk.bars.length).toBeGreaterThanOrEqual(8);
    const n = delay.finiteCount;
    const inside = bulk.bars.reduce((t, b) => t + b.rows, 0);
    expect(inside + bulk.below + bulk.above).toBeCloseTo(n, 6);
    // p1 and p99 leave about 1 % of rows on each side.
    expect(bulk.below / n).toBeCloseTo(0.01, 2);
    expect(bulk.above / n).toBeCloseTo(0.01, 2);
    for (const bar of bulk.bars) {
      expect(bar.end).toBeGreaterThan(bar.start);
      expect(bar.density).toBeCloseTo(bar.rows / (bar.end - bar.start), 9);
    }
    const spec = numericHistogramSpec("delay", delay.histogram, { numeric: delay, range: "bulk" });
    expect(JSON.stringify(spec)).toContain("p1–p99");
  });

  it("keeps the equal-width histogram for a feature without long tails", () => {
    const sine = Array.from({ length: 1000 }, (_, i) => ({ x: Math.sin(i) }));
    const x = profile(sine).toJSON().features[0].numeric!;
    expect(isHeavyTailed(x)).toBe(false);
    const spec = numericHistogramSpec("x", x.histogram, { numeric: x, range: defaultDistributionRange(x) });
    expect((spec.data as { values: unknown[] }).values).toHaveLength(x.histogram.counts.length);
  });
});
