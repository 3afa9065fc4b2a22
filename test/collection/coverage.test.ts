import { describe, expect, it } from "vitest";
import { coverage } from "../../src/collection/index.js";
import { fromColumns } from "../../src/data/index.js";
import { coveragePair } from "./generate.js";

describe("coverage", () => {
  const { training, serving } = coveragePair(3000, 21, true);
  const result = coverage(training, serving, { sampleRows: 1500 }).toJSON();

  it("finds the planted region without training support, and the features that place it", () => {
    expect(result.joint!.gap).toBe(true);
    expect(result.joint!.uncoveredShare).toBeGreaterThan(0.12);
    expect(result.joint!.pValue).toBeLessThan(1e-10);
    // The young-and-rich rows are far in age and income together; the tablet rows by their unseen device.
    const top = result.joint!.featureContributions.slice(0, 3).map((f) => f.name);
    expect(top).toEqual(expect.arrayContaining(["income", "age", "device"]));
    expect(result.joint!.featureContributions.at(-1)!.name).toBe("region");
  });

  it("counts unseen categories and values outside the training range per feature", () => {
    const device = result.features.find((f) => f.name === "device")!;
    expect(device.unseen!.values[0].value).toBe("tablet");
    expect(device.outsideShare).toBeGreaterThan(0.03);
    const age = result.features.find((f) => f.name === "age")!;
    // Only sampling extremes fall outside: the planted ages lie inside the training range.
    expect(age.outsideShare).toBeLessThan(0.005);
  });

  it("lists the under-covered slices, the planted conjunction first", () => {
    const labels = result.slices.map((s) => s.label);
    expect(labels.some((l) => l.startsWith("device=tablet"))).toBe(true);
    const pair = result.slices.find(
      (s) => s.terms.length === 2 && s.terms.some((t) => t.feature === "income"),
    );
    expect(pair, labels.join("; ")).toBeDefined();
    for (const s of result.slices) {
      expect(s.coverageRatio).toBeLessThan(0.5);
      expect(s.servingCount).toBeGreaterThanOrEqual(30);
      expect(s.adjustedPValue).toBeLessThan(0.05);
    }
  });

  it("keeps the false gap rate of the joint check within alpha when serving is like training", () => {
    // 100 pairs from one distribution at alpha 0.05: the beta-binomial null is exact up to the (conservative)
    // extra neighbour, so gaps ~ at most Binomial(100, 0.05): mean 5; ≤ 17 holds with probability > 1 − 1e-6.
    let gaps = 0;
    let slices = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const pair = coveragePair(300, 5000 + seed, false);
      const r = coverage(pair.training, pair.serving, { seed }).toJSON();
      if (r.joint!.gap) gaps++;
      slices += r.slices.length;
    }
    expect(gaps).toBeLessThanOrEqual(17);
    // Holm over the tested slices keeps the family-wise rate at 5 %: at most a handful of false slices in 100 runs.
    expect(slices).toBeLessThanOrEqual(17);
  });

  it("skips features missing on one side or of another kind, and says why", () => {
    const a = fromColumns({ x: [1, 2, 3, 4], y: ["a", "b", "a", "b"], z: [1, 2, 3, 4] });
    const b = fromColumns({ x: [1, 2, 3, 9], y: [1, 2, 3, 4], w: [0, 0, 0, 0] });
    const r = coverage(a, b).toJSON();
    expect(r.skipped.map((s) => s.name).sort()).toEqual(["w", "y", "z"]);
    expect(r.skipped.find((s) => s.name === "y")!.reason).toMatch(
      /categorical in training but numeric in serving/,
    );
    expect(r.features.map((f) => f.name)).toEqual(["x"]);
    expect(r.features[0].range).toMatchObject({ min: 1, max: 4, above: 1, below: 0 });
    expect(() => coverage(fromColumns({ p: [1] }), fromColumns({ q: [1] }))).toThrow(/no feature in common/);
  });
});
