import { describe, expect, it } from "vitest";
import { DriftlabError } from "../../src/errors.js";
import { logisticPredict, logisticRegression } from "../../src/measures/logistic-regression.js";
import { expectClose } from "./reference.js";
import { skewReference } from "./skew-reference.js";

interface LogisticCase {
  name: string;
  x: number[][];
  y: number[];
  l2: number | null;
  weights?: number[];
  intercept: number;
  coefficients: number[];
  probabilities: number[];
  standardErrors?: number[];
}

describe("logisticRegression against scikit-learn's LogisticRegression", () => {
  for (const c of skewReference.logisticRegression as LogisticCase[]) {
    it(`matches the coefficients on ${c.name}`, () => {
      const p = c.x[0].length;
      const x = Float64Array.from(c.x.flat());
      const model = logisticRegression(x, p, c.y, { l2: c.l2 ?? 0, weights: c.weights });
      expect(model.converged).toBe(true);
      expectClose(model.intercept, c.intercept, 1e-5, "intercept", 1e-7);
      c.coefficients.forEach((b, j) => expectClose(model.coefficients[j], b, 1e-5, `coefficient ${j}`, 1e-7));
      const predicted = logisticPredict(model, x, p);
      c.probabilities.forEach((q, i) => expectClose(predicted[i], q, 1e-6, `P(y=1) row ${i}`, 1e-9));
      if (c.standardErrors !== undefined) {
        c.standardErrors.forEach((se, j) =>
          expectClose(Math.sqrt(model.covariance[j * (p + 1) + j]), se, 1e-5, `standard error ${j}`),
        );
      }
    });
  }

  it("reports non-convergence under perfect separation instead of a wrong number", () => {
    const x = Float64Array.from([-2, -1, 1, 2]);
    const model = logisticRegression(x, 1, [0, 0, 1, 1], { maxIterations: 30 });
    expect(model.converged).toBe(false);
  });

  it("refuses outcomes other than 0 and 1, naming the row", () => {
    expect(() => logisticRegression(Float64Array.from([1, 2]), 1, [0, 2])).toThrow(/y\[1\] is 2/);
    expect(() => logisticRegression(Float64Array.from([1, 2]), 1, [0, 2])).toThrow(DriftlabError);
  });
});
