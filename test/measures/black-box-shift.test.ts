import { describe, expect, it } from "vitest";
import { blackBoxShiftEstimate } from "../../src/measures/black-box-shift.js";
import { STATISTIC_RTOL, expectClose } from "./reference.js";
import { skewReference } from "./skew-reference.js";

interface BbseCase {
  name: string;
  k: number;
  trainingPredicted: number[];
  trainingLabels: number[];
  servingPredicted: number[];
  weights: number[];
  servingPrior: number[];
  trainingPrior: number[];
}

function oneHot(classes: number[], k: number): Float64Array {
  const out = new Float64Array(classes.length * k);
  classes.forEach((c, i) => (out[i * k + c] = 1));
  return out;
}

describe("blackBoxShiftEstimate against numpy.linalg.solve of Lipton et al.'s ŵ = Ĉ⁻¹μ̂", () => {
  for (const c of skewReference.bbse as BbseCase[]) {
    it(`matches the weights and the serving prior on ${c.name}`, () => {
      const result = blackBoxShiftEstimate(
        oneHot(c.trainingPredicted, c.k),
        Int32Array.from(c.trainingLabels),
        oneHot(c.servingPredicted, c.k),
        c.k,
        { resamples: 200, seed: 1 },
      );
      c.weights.forEach((w, j) => expectClose(result.weights[j], w, STATISTIC_RTOL, `weight ${j}`));
      c.servingPrior.forEach((q, j) => expectClose(result.servingPrior[j], q, STATISTIC_RTOL, `prior ${j}`));
      c.trainingPrior.forEach((q, j) => expectClose(result.trainingPrior[j], q, STATISTIC_RTOL, `p(y) ${j}`));
      result.intervals.forEach((interval, j) => {
        expect(interval.lower).toBeLessThanOrEqual(result.servingPrior[j]);
        expect(interval.upper).toBeGreaterThanOrEqual(result.servingPrior[j]);
      });
    });
  }
});
