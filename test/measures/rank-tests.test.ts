import { describe, expect, it } from "vitest";
import { andersonDarlingKSample } from "../../src/measures/anderson-darling.js";
import { cramerVonMisesTwoSample } from "../../src/measures/cramer-von-mises.js";
import { mannWhitneyU } from "../../src/measures/mann-whitney.js";
import {
  PVALUE_RTOL,
  STATISTIC_RTOL,
  expectClose,
  reference,
  sample,
  toNumber,
  type JsonNumber,
  type SampleInput,
} from "./reference.js";

interface TwoSampleCase {
  name: string;
  a: SampleInput;
  b: SampleInput;
  statistic: JsonNumber;
  pValue: JsonNumber;
}

interface AndersonCase {
  name: string;
  samples: SampleInput[];
  statistic: JsonNumber;
  criticalValues: JsonNumber[];
  pValue: JsonNumber;
}

describe("andersonDarlingKSample against scipy.stats.anderson_ksamp(midrank=True)", () => {
  for (const row of reference.andersonDarlingKSample as AndersonCase[]) {
    it(`matches on ${row.name}`, () => {
      const result = andersonDarlingKSample(row.samples.map(sample));
      expectClose(result.statistic, row.statistic, STATISTIC_RTOL, "statistic");
      row.criticalValues.forEach((value, i) =>
        expectClose(result.criticalValues[i], value, STATISTIC_RTOL, `critical value ${i}`),
      );
      expectClose(result.pValue, row.pValue, PVALUE_RTOL, "p-value");
    });
  }

  it("caps the p-value at 0.25 and floors it at 0.001, and says so", () => {
    const same = andersonDarlingKSample([
      [1, 2, 3, 4, 5, 6, 7, 8],
      [1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5],
    ]);
    expect(same).toMatchObject({ pValue: 0.25, pValueBound: "capped" });
    const apart = andersonDarlingKSample([
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      [21, 22, 23, 24, 25, 26, 27, 28, 29, 30],
    ]);
    expect(apart).toMatchObject({ pValue: 0.001, pValueBound: "floored" });
  });
});

describe("cramerVonMisesTwoSample against scipy.stats.cramervonmises_2samp(method='auto')", () => {
  for (const row of reference.cramerVonMisesTwoSample as TwoSampleCase[]) {
    it(`matches on ${row.name}`, () => {
      const a = sample(row.a);
      const b = sample(row.b);
      const result = cramerVonMisesTwoSample(a, b);
      expect(result.method).toBe(Math.max(a.length, b.length) <= 20 ? "exact" : "asymptotic");
      expectClose(result.statistic, row.statistic, STATISTIC_RTOL, "statistic");
      // scipy 1.10 truncates its series at an absolute 1e-7, so below that its p-values are wrong; those are
      // checked against 400-digit references in cramer-von-mises.test.ts.
      if (toNumber(row.pValue) < 1e-7) expect(result.pValue).toBeLessThan(1e-7);
      else expectClose(result.pValue, row.pValue, PVALUE_RTOL, "p-value");
    });
  }
});

describe("mannWhitneyU against scipy.stats.mannwhitneyu(two-sided, auto, continuity)", () => {
  for (const row of reference.mannWhitneyU as TwoSampleCase[]) {
    it(`matches on ${row.name}`, () => {
      const result = mannWhitneyU(sample(row.a), sample(row.b));
      expect(result.method).toBe(row.name.startsWith("exact") ? "exact" : "asymptotic");
      expectClose(result.statistic, row.statistic, STATISTIC_RTOL, "statistic");
      expectClose(result.pValue, row.pValue, PVALUE_RTOL, "p-value");
    });
  }

  it("gives the published exact p-value for complete separation, 2/C(n+m, n)", () => {
    const result = mannWhitneyU(Float64Array.from([1, 2, 3, 4]), Float64Array.from([5, 6, 7, 8, 9]));
    expect(result.statistic).toBe(0);
    expect(result.pValue).toBeCloseTo(2 / 126, 14);
  });
});
