import { describe, expect, it } from "vitest";
import { DriftlabError } from "../../src/errors.js";
import { alignedCategoryCounts } from "../../src/measures/binning.js";
import {
  chiSquareContingency,
  chiSquareGoodnessOfFit,
  chiSquareTwoSampleCounts,
} from "../../src/measures/chi-square.js";
import { PVALUE_RTOL, STATISTIC_RTOL, expectClose, reference, type JsonNumber } from "./reference.js";

interface ContingencyCase {
  name: string;
  table: number[][];
  statistic: JsonNumber;
  pValue: JsonNumber;
  dof: number;
}

interface GoodnessCase {
  name: string;
  observed: number[];
  expected: number[] | null;
  statistic: JsonNumber;
  pValue: JsonNumber;
  dof: number;
}

interface TwoSampleCase {
  name: string;
  reference: string[];
  current: string[];
  categories: string[];
  referenceCounts: number[];
  currentCounts: number[];
  statistic: JsonNumber;
  pValue: JsonNumber;
  contingency: { statistic: JsonNumber; pValue: JsonNumber; dof: number };
}

describe("chiSquareContingency against scipy.stats.chi2_contingency", () => {
  for (const row of reference.chiSquareContingency as ContingencyCase[]) {
    it(`matches on ${row.name}`, () => {
      const result = chiSquareContingency(row.table);
      expect(result.dof).toBe(row.dof);
      expectClose(result.statistic, row.statistic, STATISTIC_RTOL, "statistic");
      expectClose(result.pValue, row.pValue, PVALUE_RTOL, "p-value");
    });
  }

  it("refuses a category that occurs in neither sample (an expected count of 0)", () => {
    expect(() =>
      chiSquareContingency([
        [3, 0, 2],
        [4, 0, 5],
      ]),
    ).toThrow(DriftlabError);
  });
});

describe("chiSquareGoodnessOfFit against scipy.stats.chisquare", () => {
  for (const row of reference.chiSquareGoodnessOfFit as GoodnessCase[]) {
    it(`matches on ${row.name}`, () => {
      const result = chiSquareGoodnessOfFit(row.observed, row.expected ?? undefined);
      expect(result.dof).toBe(row.dof);
      expectClose(result.statistic, row.statistic, STATISTIC_RTOL, "statistic");
      expectClose(result.pValue, row.pValue, PVALUE_RTOL, "p-value");
    });
  }

  it("refuses expected counts whose total differs from the observed total", () => {
    expect(() => chiSquareGoodnessOfFit([1, 2, 3], [1, 1, 1])).toThrow(/sum/);
  });

  it("drops a category empty on both sides instead of returning NaN (documented difference from scipy)", () => {
    const withEmpty = chiSquareGoodnessOfFit([10, 0, 20], [15, 0, 15]);
    const without = chiSquareGoodnessOfFit([10, 20], [15, 15]);
    expect(withEmpty).toEqual(without);
  });
});

describe("two samples of categories (Evidently's chisquare stattest)", () => {
  for (const row of reference.chiSquareTwoSample as TwoSampleCase[]) {
    it(`aligns counts over the union of categories and matches scipy on ${row.name}`, () => {
      const aligned = alignedCategoryCounts(row.reference, row.current);
      expect(aligned.categories).toEqual(row.categories);
      expect(Array.from(aligned.referenceCounts)).toEqual(row.referenceCounts);
      expect(Array.from(aligned.currentCounts)).toEqual(row.currentCounts);
      const result = chiSquareTwoSampleCounts(aligned.referenceCounts, aligned.currentCounts);
      expectClose(result.statistic, row.statistic, STATISTIC_RTOL, "goodness-of-fit statistic");
      expectClose(result.pValue, row.pValue, PVALUE_RTOL, "goodness-of-fit p-value");
      const table = chiSquareContingency([aligned.referenceCounts, aligned.currentCounts]);
      expect(table.dof).toBe(row.contingency.dof);
      expectClose(table.statistic, row.contingency.statistic, STATISTIC_RTOL, "contingency statistic");
      expectClose(table.pValue, row.contingency.pValue, PVALUE_RTOL, "contingency p-value");
    });
  }
});
