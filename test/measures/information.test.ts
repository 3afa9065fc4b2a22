/**
 * Mutual information, correlations and the beta-binomial tail against scikit-learn 1.2 / scipy 1.10
 * (fixtures/make_information_reference.py → fixtures/information-reference.json).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { correlationRatio, pearsonCorrelation, spearmanCorrelation } from "../../src/measures/correlation.js";
import {
  contingencyCounts,
  mutualInformation,
  mutualInformationTest,
} from "../../src/measures/mutual-information.js";
import { betaBinomialUpperTail } from "../../src/measures/beta-binomial.js";
import { seededRandom } from "../../src/measures/bootstrap.js";
import { chiSquareSf } from "../../src/measures/special.js";
import { expectClose } from "./reference.js";

interface MiCase {
  name: string;
  x: number[];
  y: number[];
  xLevels: number;
  yLevels: number;
  mutualInformation: number;
  millerMadow: number;
  entropyX: number;
  entropyY: number;
}
interface CorrelationCase {
  name: string;
  a: number[];
  b: number[];
  groups: number[];
  values: number[];
  pearson: number;
  spearman: number;
  correlationRatio: number;
}
const reference = JSON.parse(
  readFileSync(new URL("./fixtures/information-reference.json", import.meta.url), "utf8"),
) as {
  mutualInformation: MiCase[];
  correlation: CorrelationCase[];
  betaBinomial: { k: number; n: number; a: number; b: number; upperTail: number }[];
};

describe("mutualInformation", () => {
  for (const c of reference.mutualInformation) {
    it(`matches sklearn's mutual_info_score: ${c.name}`, () => {
      const table = contingencyCounts(Int32Array.from(c.x), c.xLevels, Int32Array.from(c.y), c.yLevels);
      const mi = mutualInformation(table);
      expectClose(mi.plugIn, c.mutualInformation, 1e-12, "plug-in MI", 1e-15);
      expectClose(mi.corrected, c.millerMadow, 1e-12, "Miller–Madow MI", 1e-15);
      expectClose(mi.entropyX, c.entropyX, 1e-12, "H(x)");
      expectClose(mi.entropyY, c.entropyY, 1e-12, "H(y)");
    });
  }

  it("leaves out rows where either code is missing", () => {
    const table = contingencyCounts(Int32Array.from([0, 1, -1, 1]), 2, Int32Array.from([0, 1, 1, -1]), 2);
    expect(table.total).toBe(2);
    expect(mutualInformation(table).plugIn).toBeCloseTo(Math.log(2), 14);
  });
});

describe("mutualInformationTest", () => {
  it("goes below 1/(B+1) by the fitted gamma tail when no permutation reaches the observed value", () => {
    const x = Int32Array.from({ length: 200 }, (_, i) => i % 4);
    const y = Int32Array.from(x, (v) => (v < 2 ? 0 : 1));
    const test = mutualInformationTest(x, 4, y, 2, { permutations: 99, seed: 3 });
    expect(test.pValueMethod).toBe("gamma tail");
    expect(test.pValue).toBeLessThan(1e-20);
    expect(test.plugIn).toBeCloseTo(Math.log(2), 12);
    expect(test.baseline).toBeLessThan(0.05);
  });

  it("has a gamma tail close to the G-test's chi-square tail on a large, dense table", () => {
    // With large expected counts the permutation distribution of 2N·MI is close to chi-square((R−1)(C−1)), so the
    // moment-fitted tail must land near chiSquareSf(G) (checked against scipy elsewhere). Deep in the tail the moment fit is
    // rough (seeds 5–7 land within 0.05–10x): assert 1.5 orders of magnitude.
    const random = seededRandom(5);
    const n = 4000;
    const x = Int32Array.from({ length: n }, () => Math.floor(random() * 4));
    const y = Int32Array.from(x, (v) => (random() < 0.5 + 0.06 * (v - 1.5) ? 1 : 0));
    const test = mutualInformationTest(x, 4, y, 2, { permutations: 999, seed: 8 });
    expect(test.pValueMethod).toBe("gamma tail");
    const g = 2 * n * test.plugIn;
    const chiSquareTail = chiSquareSf(g, 3);
    expect(chiSquareTail).toBeLessThan(1e-4);
    expect(Math.abs(Math.log10(test.pValue / chiSquareTail))).toBeLessThan(1.5);
  });

  it("gives p = 1 for a column of unique ids: every shuffle fits as well", () => {
    const x = Int32Array.from({ length: 50 }, (_, i) => i);
    const y = Int32Array.from({ length: 50 }, (_, i) => i % 2);
    const test = mutualInformationTest(x, 50, y, 2, { permutations: 49, seed: 1 });
    expect(test.pValue).toBe(1);
    expect(test.plugIn - test.baseline).toBeCloseTo(0, 12);
  });

  it("is the same for the same seed and rejects a bad permutation count", () => {
    const x = Int32Array.from({ length: 100 }, (_, i) => (i * 7) % 3);
    const y = Int32Array.from({ length: 100 }, (_, i) => (i * 5) % 2);
    expect(mutualInformationTest(x, 3, y, 2, { seed: 9 })).toEqual(
      mutualInformationTest(x, 3, y, 2, { seed: 9 }),
    );
    expect(() => mutualInformationTest(x, 3, y, 2, { permutations: 0 })).toThrow(/permutations = 0/);
  });
});

describe("correlations", () => {
  for (const c of reference.correlation) {
    it(`match scipy's pearsonr, spearmanr and numpy's correlation ratio: ${c.name}`, () => {
      expectClose(pearsonCorrelation(c.a, c.b), c.pearson, 1e-12, "Pearson r");
      expectClose(spearmanCorrelation(c.a, c.b), c.spearman, 1e-12, "Spearman rho");
      expectClose(correlationRatio(c.values, Int32Array.from(c.groups), 4), c.correlationRatio, 1e-12, "eta");
    });
  }
  it("are NaN for a constant side", () => {
    expect(pearsonCorrelation([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(correlationRatio([2, 2, 2], Int32Array.from([0, 1, 0]), 2)).toBeNaN();
  });
});

describe("betaBinomialUpperTail", () => {
  for (const c of reference.betaBinomial) {
    it(`matches scipy's betabinom.sf: k=${c.k}, n=${c.n}, a=${c.a}, b=${c.b}`, () => {
      expectClose(betaBinomialUpperTail(c.k, c.n, c.a, c.b), c.upperTail, 1e-9, "P(K >= k)", 1e-14);
    });
  }
});
