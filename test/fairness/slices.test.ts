import { describe, expect, it } from "vitest";
import { read } from "../../src/data/index.js";
import { findSlices } from "../../src/fairness/index.js";
import { seededRandom } from "../../src/measures/index.js";
import { SCORED } from "./helpers.js";

/**
 * A seeded table: categorical a (5 values), b (4 values), numeric c (uniform, binned into deciles), boolean d; the
 * prediction is the label flipped with probability 0.2 — or 0.5 inside the planted slice a = "a3" ∧ c > 0.9.
 */
function synthetic(n: number, seed: number, planted: boolean) {
  const random = seededRandom(seed);
  const a: string[] = [];
  const b: string[] = [];
  const c = new Float64Array(n);
  const d: boolean[] = [];
  const y = new Float64Array(n);
  const yhat = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    a.push(`a${Math.floor(random() * 5)}`);
    b.push(`b${Math.floor(random() * 4)}`);
    c[i] = random();
    d.push(random() < 0.5);
    y[i] = random() < 0.5 ? 1 : 0;
    const inSlice = planted && a[i] === "a3" && c[i] > 0.9;
    yhat[i] = random() < (inSlice ? 0.5 : 0.2) ? 1 - y[i] : y[i];
  }
  return { a, b, c, d, y, yhat };
}

const features = ["a", "b", "c", "d"];

describe("findSlices()", () => {
  for (const method of ["alpha-investing", "bh"] as const) {
    it(`finds a planted bad slice (${method})`, () => {
      const report = findSlices(synthetic(4000, 7, true), {
        label: "y",
        prediction: "yhat",
        features,
        correction: method,
      });
      const slices = report.slices;
      expect(slices.length).toBeGreaterThan(0);
      const top = slices[0];
      expect(top.predicates.map((p) => p.column).sort()).toEqual(["a", "c"]);
      expect(top.predicates.find((p) => p.column === "a")!.value).toBe("a3");
      expect(top.predicates.find((p) => p.column === "c")!.interval![0]).toBeGreaterThan(0.85);
      expect(top.value).toBeGreaterThan(0.35);
      expect(top.effectSize!).toBeGreaterThan(0.4);
      expect(report.toString()).toContain("a = a3 ∧ c ∈");
    });
  }

  for (const method of ["alpha-investing", "bh"] as const) {
    it(`keeps false discoveries within alpha on 50 null datasets (${method})`, () => {
      const runs = 50;
      let withDiscovery = 0;
      let tested = 0;
      for (let run = 0; run < runs; run++) {
        const report = findSlices(synthetic(1500, 1000 + run, false), {
          label: "y",
          prediction: "yhat",
          features,
          correction: method,
        });
        const json = report.toJSON();
        tested += json.tested;
        if (json.slices.length > 0) withDiscovery++;
      }
      expect(tested / runs).toBeGreaterThan(50);
      // Under the global null every discovery is false: P(any) ≤ α = 0.05; slack for 50 runs (2 sd ≈ 0.06).
      expect(withDiscovery / runs).toBeLessThanOrEqual(0.05 + 0.06);
    });
  }

  it("finds the slice planted in the scored fixture: south ∧ age in the top decile", async () => {
    const report = findSlices(await read(SCORED), {
      label: "y",
      score: "score",
      features: ["sex", "race", "region", "age"],
    });
    const labels = report.slices.map((s) => s.label);
    expect(labels.some((l) => l.startsWith("region = south ∧ age ∈"))).toBe(true);
  });

  it("ranks by effect size and does not test refinements of a discovery", () => {
    const json = findSlices(synthetic(4000, 7, true), {
      label: "y",
      prediction: "yhat",
      features,
      correction: "bh",
      alpha: 0.2,
    }).toJSON();
    const effects = json.slices.map((s) => s.effectSize!);
    expect(effects).toEqual([...effects].sort((x, y) => y - x));
    for (const slice of json.slices) {
      for (const other of json.slices) {
        if (other === slice || other.predicates.length >= slice.predicates.length) continue;
        const contained = other.predicates.every((p) =>
          slice.predicates.some((q) => q.column === p.column && q.value === p.value),
        );
        expect(contained, `${slice.label} refines ${other.label}`).toBe(false);
      }
    }
  });

  it("skips slices below minSize and explains bad options", () => {
    const data = synthetic(500, 3, false);
    const json = findSlices(data, {
      label: "y",
      prediction: "yhat",
      features: ["a"],
      minSize: 200,
      correction: "bh",
    }).toJSON();
    expect(json.candidates).toBe(0);
    expect(() => findSlices(data, { label: "y", prediction: "yhat", features: [] })).toThrow(
      /features is empty/,
    );
    expect(() => findSlices(data, { label: "y", features: ["a"] })).toThrow(
      /label with either prediction or score/,
    );
    expect(() => findSlices(data, { label: "y", prediction: "yhat", features: ["nope"] })).toThrow(
      /no column "nope"/,
    );
  });
});
