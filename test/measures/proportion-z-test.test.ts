import { describe, expect, it } from "vitest";
import { twoProportionZTest } from "../../src/measures/proportion-z-test.js";
import { PVALUE_RTOL, STATISTIC_RTOL, expectClose, reference, type JsonNumber } from "./reference.js";

interface ZCase {
  x1: number;
  n1: number;
  x2: number;
  n2: number;
  statistic: JsonNumber;
  pValue: JsonNumber;
}

describe("twoProportionZTest against statsmodels proportions_ztest", () => {
  for (const row of reference.twoProportionZTest as ZCase[]) {
    it(`matches on ${row.x1}/${row.n1} vs ${row.x2}/${row.n2}`, () => {
      const result = twoProportionZTest(row.x1, row.n1, row.x2, row.n2);
      expectClose(result.statistic, row.statistic, STATISTIC_RTOL, "statistic");
      expectClose(result.pValue, row.pValue, PVALUE_RTOL, "p-value");
    });
  }

  it("returns p = 1 for two constant samples with the same value (statsmodels gives NaN)", () => {
    expect(twoProportionZTest(0, 10, 0, 20)).toEqual({ statistic: 0, pValue: 1 });
    expect(twoProportionZTest(10, 10, 20, 20)).toEqual({ statistic: 0, pValue: 1 });
  });

  it("keeps precision for tiny p-values (2·Φ̄(|z|), not 2·(1 − Φ(|z|)))", () => {
    const result = twoProportionZTest(100, 1000, 900, 1000);
    expect(result.pValue).toBeGreaterThan(0);
    expect(result.pValue).toBeLessThan(1e-200);
  });

  it("rejects more successes than trials", () => {
    expect(() => twoProportionZTest(11, 10, 1, 10)).toThrow(/successes/);
  });
});
