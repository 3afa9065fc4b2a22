import { describe, expect, it } from "vitest";
import {
  alignedCategoryCounts,
  binEdges,
  histogramCounts,
  type BinRule,
} from "../../src/measures/binning.js";
import { reference, sample, toNumber, type JsonNumber, type SampleInput } from "./reference.js";

interface EdgesCase {
  name: string;
  values: SampleInput;
  rule: BinRule;
  edges: JsonNumber[];
}

describe("binEdges against numpy.histogram_bin_edges", () => {
  for (const row of reference.binEdges as EdgesCase[]) {
    it(`matches for rule ${row.rule} on ${row.name}`, () => {
      const edges = binEdges(sample(row.values), row.rule);
      expect(Array.from(edges)).toEqual(row.edges.map(toNumber));
    });
  }
});

describe("histogramCounts", () => {
  it("counts half-open bins with the last bin closed, and skips values outside the edges", () => {
    expect(Array.from(histogramCounts([0, 0.5, 1, 1.5, 2, 2, 3, -1], [0, 1, 2]))).toEqual([2, 4]);
  });
});

describe("alignedCategoryCounts", () => {
  it("counts over the union, reference categories first, then categories only in current", () => {
    const aligned = alignedCategoryCounts(["b", "a", "b", "c"], ["d", "a", "a", "e", "d"]);
    expect(aligned.categories).toEqual(["b", "a", "c", "d", "e"]);
    expect(Array.from(aligned.referenceCounts)).toEqual([2, 1, 1, 0, 0]);
    expect(Array.from(aligned.currentCounts)).toEqual([0, 2, 0, 2, 1]);
  });
});
