import { describe, expect, it } from "vitest";
import { fisherExact, type FisherAlternative } from "../../src/measures/fisher-exact.js";
import { PVALUE_RTOL, STATISTIC_RTOL, expectClose, reference, type JsonNumber } from "./reference.js";

interface FisherCase {
  table: [[number, number], [number, number]];
  alternative: FisherAlternative;
  oddsRatio: JsonNumber;
  pValue: JsonNumber;
}

// Two-sided p-values use scipy 1.10's tie tolerance, Pr(x) <= Pr(observed) * (1 + 1e-14), not R's 1 + 1e-7: the
// reference is scipy, and the two only differ for probabilities within 1e-7 of each other.
describe("fisherExact against scipy.stats.fisher_exact", () => {
  for (const row of reference.fisherExact as FisherCase[]) {
    it(`matches on ${JSON.stringify(row.table)} (${row.alternative})`, () => {
      const result = fisherExact(row.table, row.alternative);
      expectClose(result.oddsRatio, row.oddsRatio, STATISTIC_RTOL, "odds ratio");
      expectClose(result.pValue, row.pValue, PVALUE_RTOL, "p-value");
    });
  }

  it("reproduces Fisher's lady tasting tea: p = 0.4857 two-sided, 0.2429 one-sided (Fisher 1935)", () => {
    expect(
      fisherExact([
        [3, 1],
        [1, 3],
      ]).pValue,
    ).toBeCloseTo(34 / 70, 12);
    expect(
      fisherExact(
        [
          [3, 1],
          [1, 3],
        ],
        "greater",
      ).pValue,
    ).toBeCloseTo(17 / 70, 12);
  });
});
