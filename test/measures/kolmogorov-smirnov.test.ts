import { describe, expect, it } from "vitest";
import { DriftlabError } from "../../src/errors.js";
import { ksTwoSample } from "../../src/measures/kolmogorov-smirnov.js";
import {
  PVALUE_RTOL,
  STATISTIC_RTOL,
  expectClose,
  reference,
  sample,
  type JsonNumber,
  type SampleInput,
} from "./reference.js";

interface KsCase {
  name: string;
  a: SampleInput;
  b: SampleInput;
  statistic: JsonNumber;
  pValue: JsonNumber;
  method: "exact" | "asymptotic";
}

describe("ksTwoSample against scipy.stats.ks_2samp(method='auto')", () => {
  for (const row of reference.ksTwoSample as KsCase[]) {
    it(`matches on ${row.name}`, () => {
      const result = ksTwoSample(sample(row.a), sample(row.b));
      expect(result.method).toBe(row.method);
      expectClose(result.statistic, row.statistic, STATISTIC_RTOL, "statistic");
      expectClose(result.pValue, row.pValue, PVALUE_RTOL, "p-value");
    });
  }

  it("is symmetric in its two samples", () => {
    const a = [0.1, 0.4, 0.45, 2, 3.5];
    const b = [0.2, 0.3, 1.1, 1.2, 5, 6, 7];
    const forward = ksTwoSample(Float64Array.from(a), Float64Array.from(b));
    const backward = ksTwoSample(Float64Array.from(b), Float64Array.from(a));
    expect(backward.statistic).toBe(forward.statistic);
    expect(backward.pValue).toBeCloseTo(forward.pValue, 14);
  });

  it("gives D = 1 and the smallest exact p-value, 2/C(n+m, n), for disjoint samples", () => {
    // Published closed form: all C(8,3) = 56 orderings are equally likely; two of them are fully separated.
    const result = ksTwoSample(Float64Array.from([1, 2, 3]), Float64Array.from([4, 5, 6, 7, 8]));
    expect(result.statistic).toBe(1);
    expect(result.pValue).toBeCloseTo(2 / 56, 14);
  });

  it("rejects empty samples and NaN with a DriftlabError", () => {
    expect(() => ksTwoSample(new Float64Array(0), Float64Array.from([1]))).toThrow(DriftlabError);
    expect(() => ksTwoSample(Float64Array.from([1, NaN]), Float64Array.from([1]))).toThrow(/NaN/);
  });
});
