import { describe, expect, it } from "vitest";
import { labeling } from "../../src/labeling/index.js";
import { seededRandom } from "../../src/measures/bootstrap.js";

const random = seededRandom(4);
const data = Array.from({ length: 1000 }, (_, i) => ({
  id: i,
  region: i < 900 ? "north" : i < 980 ? "south" : "east",
  score: random(),
}));

describe("labeling.sample", () => {
  it("draws a uniform sample without replacement, the same for the same seed", () => {
    const a = labeling.sample(data, { budget: 100, strategy: "uniform", seed: 1 });
    const b = labeling.sample(data, { budget: 100, strategy: "uniform", seed: 1 });
    expect(a.rows.length).toBe(100);
    expect(new Set(a.rows).size).toBe(100);
    expect(Array.from(a.rows)).toEqual(Array.from(b.rows));
    expect(Array.from(labeling.sample(data, { budget: 100, strategy: "uniform", seed: 2 }).rows)).not.toEqual(
      Array.from(a.rows),
    );
  });

  it("allocates a stratified sample in proportion, with every stratum represented", () => {
    const s = labeling.sample(data, { budget: 50, strategy: "stratified", by: "region", seed: 1 });
    // 50 × (900, 80, 20)/1000 = 45, 4, 1.
    expect(s.strata).toEqual([
      { stratum: "east", rows: 20, sampled: 1 },
      { stratum: "north", rows: 900, sampled: 45 },
      { stratum: "south", rows: 80, sampled: 4 },
    ]);
    expect(s.data.numRows).toBe(50);
  });

  it("picks the least confident scores for uncertainty sampling", () => {
    const s = labeling.sample(data, { budget: 20, strategy: "uncertainty", seed: 1 });
    const chosen = Array.from(s.rows, (r) => Math.abs(data[r].score - 0.5));
    const rest = data.filter((_, i) => !s.rows.includes(i)).map((d) => Math.abs(d.score - 0.5));
    expect(Math.max(...chosen)).toBeLessThanOrEqual(Math.min(...rest));
  });

  it("says what stratified sampling needs", () => {
    expect(() => labeling.sample(data, { budget: 5, strategy: "stratified", seed: 1 })).toThrow(
      /by: "<column>"/,
    );
  });
});

describe("annotator agreement with disagreement lists", () => {
  it("lists the items two annotators labeled differently (Cohen)", () => {
    const r = labeling.cohen(["a", "b", "a", "c"], ["a", "b", "b", "c"]);
    expect(r.disagreements).toEqual([{ item: 2, ratings: ["a", "b"], disagreement: 1 }]);
    expect(r.value).toBeGreaterThan(0);
  });

  it("lists the items raters split on, most split first (Fleiss)", () => {
    const r = labeling.fleiss([
      ["x", "x", "x"],
      ["x", "y", "z"],
      ["y", "y", "x"],
    ]);
    expect(r.disagreements.map((d) => d.item)).toEqual([1, 2]);
    expect(r.disagreements[0].disagreement).toBe(1);
  });

  it("ranks units by their share of Krippendorff's observed disagreement", () => {
    const r = labeling.krippendorff(
      [
        [1, 1, null],
        [1, 5, 5],
        [2, 2, 3],
      ],
      "interval",
    );
    expect(r.disagreements[0].item).toBe(1);
    expect(r.disagreements.map((d) => d.item)).toEqual([1, 2]);
  });
});
