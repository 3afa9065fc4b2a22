import { describe, expect, it } from "vitest";
import { cochranMantelHaenszel, type TwoByTwo } from "../../src/measures/cochran-mantel-haenszel.js";
import { PVALUE_RTOL, STATISTIC_RTOL, expectClose } from "./reference.js";
import { skewReference } from "./skew-reference.js";

interface CmhCase {
  name: string;
  tables: TwoByTwo[];
  statistic: number;
  pValue: number;
  correctedStatistic: number;
  correctedPValue: number;
  commonOddsRatio: number;
  oddsRatioInterval: [number, number];
  breslowDay: number;
  breslowDayPValue: number;
  tarone: number;
  taronePValue: number;
}

describe("cochranMantelHaenszel against statsmodels' StratifiedTable", () => {
  for (const c of skewReference.cochranMantelHaenszel as CmhCase[]) {
    it(`matches test_null_odds, the pooled odds ratio and test_equal_odds on ${c.name}`, () => {
      const plain = cochranMantelHaenszel(c.tables);
      expectClose(plain.statistic, c.statistic, STATISTIC_RTOL, "CMH statistic");
      expectClose(plain.pValue, c.pValue, PVALUE_RTOL, "CMH p-value");
      expectClose(plain.commonOddsRatio, c.commonOddsRatio, STATISTIC_RTOL, "pooled odds ratio");
      expectClose(plain.oddsRatioInterval.lower, c.oddsRatioInterval[0], STATISTIC_RTOL, "interval lower");
      expectClose(plain.oddsRatioInterval.upper, c.oddsRatioInterval[1], STATISTIC_RTOL, "interval upper");
      expectClose(plain.homogeneityStatistic, c.breslowDay, STATISTIC_RTOL, "Breslow-Day statistic");
      expectClose(plain.homogeneityPValue, c.breslowDayPValue, PVALUE_RTOL, "Breslow-Day p-value");
      expect(plain.homogeneityDof).toBe(c.tables.length - 1);
      const corrected = cochranMantelHaenszel(c.tables, { correction: true, tarone: true });
      expectClose(corrected.statistic, c.correctedStatistic, STATISTIC_RTOL, "corrected CMH statistic");
      expectClose(corrected.pValue, c.correctedPValue, PVALUE_RTOL, "corrected CMH p-value");
      expectClose(corrected.homogeneityStatistic, c.tarone, STATISTIC_RTOL, "Tarone statistic");
      expectClose(corrected.homogeneityPValue, c.taronePValue, PVALUE_RTOL, "Tarone p-value");
    });
  }

  it("leaves out strata with fewer than two rows", () => {
    const tables: TwoByTwo[] = [
      [20, 30, 25, 28],
      [1, 0, 0, 0],
    ];
    expect(cochranMantelHaenszel(tables).strata).toBe(1);
  });
});
