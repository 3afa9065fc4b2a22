import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  cramerVonMisesLimitingCdf,
  cramerVonMisesLimitingSf,
  cramerVonMisesTwoSample,
} from "../../src/measures/cramer-von-mises.js";

// Written by fixtures/make_cvm_reference.py: Csörgő & Faraway's series in mpmath at 400 digits.
const reference = JSON.parse(
  readFileSync(new URL("./fixtures/cvm-reference.json", import.meta.url), "utf8"),
) as {
  limiting: { x: number; sf: string; cdf: string }[];
  twoSample: Record<string, { statistic: number; standardised: number; pValue: string; scipy110: number }>;
};

/** The relative error driftlab documents for Cramér–von Mises p-values (docs/drift.md). */
const STATED_RELATIVE_ERROR = 1e-12;

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe("the limiting Cramér–von Mises distribution", () => {
  for (const row of reference.limiting) {
    it(`has its upper tail at x = ${row.x} to a relative 1e-12 (reference ${row.sf})`, () => {
      expect(relativeError(cramerVonMisesLimitingSf(row.x), Number(row.sf))).toBeLessThan(
        STATED_RELATIVE_ERROR,
      );
      expect(Math.abs(cramerVonMisesLimitingCdf(row.x) - Number(row.cdf))).toBeLessThan(1e-15);
    });
  }

  it("reaches 1e-300 without underflowing early", () => {
    const last = reference.limiting[reference.limiting.length - 1];
    expect(Number(last.sf)).toBeLessThan(1e-297);
    expect(cramerVonMisesLimitingSf(last.x)).toBeGreaterThan(0);
  });
});

describe("two-sample Cramér–von Mises p-values below scipy's 1e-7 truncation", () => {
  const cars = JSON.parse(readFileSync("node_modules/vega-datasets/data/cars.json", "utf8")) as {
    Miles_per_Gallon: number | null;
    Origin: string;
  }[];
  const mpg = (origin: string) =>
    cars.filter((c) => c.Origin === origin && c.Miles_per_Gallon !== null).map((c) => c.Miles_per_Gallon!);

  it("gives 1.65e-15 for cars' MPG, USA vs Europe, where scipy 1.10 says 4.3e-11", () => {
    const row = reference.twoSample.carsMpgUsaVsEurope;
    const result = cramerVonMisesTwoSample(mpg("USA"), mpg("Europe"));
    expect(result.method).toBe("asymptotic");
    expect(relativeError(result.statistic, row.statistic)).toBeLessThan(1e-12);
    expect(relativeError(result.pValue, Number(row.pValue))).toBeLessThan(STATED_RELATIVE_ERROR);
    expect(result.pValue).toBeLessThan(2e-15);
    expect(row.scipy110).toBeGreaterThan(1e-11);
  });

  for (const n of [25, 61, 109, 128, 200]) {
    it(`gives the 400-digit p-value for two disjoint samples of ${n}`, () => {
      const row = reference.twoSample[`disjoint${n}`];
      const a = Array.from({ length: n }, (_, i) => i);
      const b = Array.from({ length: n }, (_, i) => 1000 + i);
      const result = cramerVonMisesTwoSample(a, b);
      expect(relativeError(result.pValue, Number(row.pValue))).toBeLessThan(STATED_RELATIVE_ERROR);
    });
  }

  it("agrees with scipy where scipy's series is accurate (p well above 1e-7)", () => {
    for (const name of ["normalShift0.1", "normalShift0.3"]) {
      const row = reference.twoSample[name];
      expect(relativeError(Number(row.pValue), row.scipy110)).toBeLessThan(1e-3);
    }
  });
});

describe("Cramér–von Mises on tiny and constant samples", () => {
  it("gives the exact p-value when one side has a single value", () => {
    // Rank r of the singleton among N = 4: U(r) = (r−1)² + 3(4−r) = 9, 7, 7, 9 for r = 1..4.
    const low = cramerVonMisesTwoSample([0], [1, 2, 3]);
    expect(low.pValue).toBeCloseTo(2 / 4, 12);
    const middle = cramerVonMisesTwoSample([2.5], [1, 2, 3]);
    expect(middle.pValue).toBe(1);
    // Large other side: p is the share of ranks as extreme as the observed one (ranks 1 and 41 of 41: 2/41).
    const extreme = cramerVonMisesTwoSample(
      [-1],
      Array.from({ length: 40 }, (_, i) => i),
    );
    expect(extreme.method).toBe("exact");
    expect(extreme.pValue).toBeCloseTo(2 / 41, 12);
  });

  it("gives scipy's p-value for two identical constant samples (ties make T positive)", () => {
    // scipy.stats.cramervonmises_2samp([5.0] * 30, [5.0] * 25).pvalue
    const result = cramerVonMisesTwoSample(new Array(30).fill(5), new Array(25).fill(5));
    expect(relativeError(result.pValue, 0.39100866745181095)).toBeLessThan(1e-12);
  });
});
