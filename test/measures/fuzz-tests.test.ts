import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  andersonDarlingKSample,
  chiSquareContingency,
  chiSquareTwoSampleCounts,
  cramerVonMisesTwoSample,
  fisherExact,
  ksTwoSample,
  mannWhitneyU,
  twoProportionZTest,
} from "../../src/measures/index.js";

/** Fixed seed: the same cases every run (a failure prints its counterexample and path). */
const RUN = { seed: 17, numRuns: 150 };

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const sample = (min: number) => fc.array(finite, { minLength: min, maxLength: 40 });

function isProbability(p: number): boolean {
  return Number.isFinite(p) && p >= 0 && p <= 1;
}

describe("statistical tests on any valid input (fast-check, seeded)", () => {
  it("KS: p in [0, 1], D in [0, 1], symmetric in its samples", () => {
    fc.assert(
      fc.property(sample(1), sample(1), (a, b) => {
        const ab = ksTwoSample(a, b);
        const ba = ksTwoSample(b, a);
        expect(isProbability(ab.pValue)).toBe(true);
        expect(ab.statistic).toBeGreaterThanOrEqual(0);
        expect(ab.statistic).toBeLessThanOrEqual(1);
        expect(ba.statistic).toBeCloseTo(ab.statistic, 12);
        expect(ba.pValue).toBeCloseTo(ab.pValue, 10);
      }),
      RUN,
    );
  });

  it("Mann–Whitney and Cramér–von Mises: p in [0, 1], no NaN; CvM symmetric", () => {
    fc.assert(
      fc.property(sample(2), sample(2), (a, b) => {
        expect(isProbability(mannWhitneyU(a, b).pValue)).toBe(true);
        const ab = cramerVonMisesTwoSample(a, b);
        expect(isProbability(ab.pValue)).toBe(true);
        expect(cramerVonMisesTwoSample(b, a).statistic).toBeCloseTo(ab.statistic, 9);
      }),
      RUN,
    );
  });

  it("Anderson–Darling: a finite statistic unless every value is equal", () => {
    fc.assert(
      fc.property(sample(2), sample(2), (a, b) => {
        fc.pre(new Set([...a, ...b]).size > 1);
        const r = andersonDarlingKSample([a, b]);
        expect(Number.isNaN(r.statistic)).toBe(false);
      }),
      RUN,
    );
  });

  it("chi-square: p in [0, 1]; the contingency test symmetric in the two sides (Evidently's is not: it fits current to reference)", () => {
    const counts = fc.array(fc.nat({ max: 1000 }), { minLength: 2, maxLength: 12 });
    fc.assert(
      fc.property(counts, counts, (r0, c0) => {
        const k = Math.min(r0.length, c0.length);
        const r = r0.slice(0, k);
        const c = c0.slice(0, k);
        fc.pre(r.some((x) => x > 0) && c.some((x) => x > 0));
        // Categories empty on both sides are not categories.
        const keep = r.map((x, i) => x + c[i] > 0);
        const rk = r.filter((_, i) => keep[i]);
        const ck = c.filter((_, i) => keep[i]);
        fc.pre(rk.length >= 2);
        expect(isProbability(chiSquareTwoSampleCounts(rk, ck).pValue)).toBe(true);
        const table = chiSquareContingency([rk, ck]);
        expect(isProbability(table.pValue)).toBe(true);
        expect(chiSquareContingency([ck, rk]).pValue).toBeCloseTo(table.pValue, 10);
      }),
      RUN,
    );
  });

  it("two-proportion z and Fisher's exact test: p in [0, 1], symmetric when the samples swap", () => {
    const proportion = fc
      .integer({ min: 1, max: 500 })
      .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
    fc.assert(
      fc.property(proportion, proportion, ([x1, n1], [x2, n2]) => {
        const z = twoProportionZTest(x1, n1, x2, n2);
        expect(isProbability(z.pValue)).toBe(true);
        expect(twoProportionZTest(x2, n2, x1, n1).pValue).toBeCloseTo(z.pValue, 10);
        const f = fisherExact([
          [x1, n1 - x1],
          [x2, n2 - x2],
        ]);
        expect(isProbability(f.pValue)).toBe(true);
        const swapped = fisherExact([
          [x2, n2 - x2],
          [x1, n1 - x1],
        ]);
        expect(swapped.pValue).toBeCloseTo(f.pValue, 9);
      }),
      RUN,
    );
  });
});
