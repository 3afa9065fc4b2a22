import { describe, it } from "vitest";
import { linearRegression } from "../../src/measures/linear-regression.js";
import { expectClose } from "./reference.js";
import { skewReference } from "./skew-reference.js";

interface WlsCase {
  name: string;
  x: number[][];
  y: number[];
  weights?: number[];
  params: number[];
  bse: number[];
}

describe("linearRegression against statsmodels' WLS(...).fit(cov_type='HC0')", () => {
  for (const c of skewReference.linearRegression as WlsCase[]) {
    it(`matches the estimates and the HC0 standard errors on ${c.name}`, () => {
      const p = c.x[0].length;
      const model = linearRegression(Float64Array.from(c.x.flat()), p, c.y, c.weights);
      expectClose(model.intercept, c.params[0], 1e-8, "intercept", 1e-10);
      for (let j = 0; j < p; j++)
        expectClose(model.coefficients[j], c.params[j + 1], 1e-8, `coefficient ${j}`, 1e-10);
      c.bse.forEach((se, j) =>
        expectClose(Math.sqrt(model.covariance[j * (p + 1) + j]), se, 1e-7, `HC0 se ${j}`),
      );
    });
  }
});
