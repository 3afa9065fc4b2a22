import { DriftlabError } from "../errors.js";
import { cholesky, choleskyInverse } from "./linear-algebra.js";

/** A fitted (weighted) least-squares regression. */
export interface LinearModel {
  intercept: number;
  coefficients: Float64Array;
  /** Heteroskedasticity-consistent (HC0, White 1980) covariance of (intercept, coefficients…), row-major. */
  covariance: Float64Array;
  /** Weighted mean of the squared residuals. */
  meanSquaredResidual: number;
}

/**
 * Weighted least squares y = β₀ + xᵀβ + ε with White's HC0 sandwich covariance
 * (XᵀWX)⁻¹ (Σ wᵢ² eᵢ² xᵢxᵢᵀ) (XᵀWX)⁻¹; matches statsmodels' `WLS(y, X, weights).fit(cov_type="HC0")`.
 * O(n·p²).
 *
 * @param x design, row-major n×p (the intercept is added).
 * @param weights row weights ≥ 0; default all 1.
 */
export function linearRegression(
  x: Float64Array,
  p: number,
  y: ArrayLike<number>,
  weights?: ArrayLike<number>,
): LinearModel {
  const n = y.length;
  if (n === 0)
    throw new DriftlabError("EMPTY_TABLE", "Linear regression needs at least one row.", { subject: "y" });
  if (x.length !== n * p) {
    throw new DriftlabError("INVALID_OPTION", `The design has ${x.length} entries; ${n} × ${p} needed.`, {
      subject: "x",
    });
  }
  const q = p + 1;
  const xtx = new Float64Array(q * q);
  const xty = new Float64Array(q);
  const row = new Float64Array(q);
  row[0] = 1;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i])) {
      throw new DriftlabError("UNSUPPORTED_INPUT", `y[${i}] is ${y[i]}; outcomes must be finite.`, {
        subject: "y",
      });
    }
    const w = weights === undefined ? 1 : weights[i];
    for (let j = 0; j < p; j++) row[j + 1] = x[i * p + j];
    for (let a = 0; a < q; a++) {
      xty[a] += w * row[a] * y[i];
      for (let b = 0; b < q; b++) xtx[a * q + b] += w * row[a] * row[b];
    }
  }
  let factor = cholesky(xtx, q);
  if (factor === null) {
    for (let a = 0; a < q; a++) xtx[a * q + a] += 1e-10 * (1 + xtx[a * q + a]);
    factor = cholesky(xtx, q);
  }
  if (factor === null) {
    throw new DriftlabError(
      "UNSUPPORTED_INPUT",
      "The design is singular (a constant or duplicated column).",
      {
        subject: "x",
      },
    );
  }
  const inverse = choleskyInverse(factor, q);
  const beta = new Float64Array(q);
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) beta[a] += inverse[a * q + b] * xty[b];
  const meat = new Float64Array(q * q);
  let squares = 0;
  let weightSum = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : weights[i];
    for (let j = 0; j < p; j++) row[j + 1] = x[i * p + j];
    let fitted = 0;
    for (let a = 0; a < q; a++) fitted += row[a] * beta[a];
    const e = y[i] - fitted;
    squares += w * e * e;
    weightSum += w;
    const s = w * w * e * e;
    for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) meat[a * q + b] += s * row[a] * row[b];
  }
  const left = new Float64Array(q * q);
  for (let a = 0; a < q; a++)
    for (let b = 0; b < q; b++) {
      let sum = 0;
      for (let k = 0; k < q; k++) sum += inverse[a * q + k] * meat[k * q + b];
      left[a * q + b] = sum;
    }
  const covariance = new Float64Array(q * q);
  for (let a = 0; a < q; a++)
    for (let b = 0; b < q; b++) {
      let sum = 0;
      for (let k = 0; k < q; k++) sum += left[a * q + k] * inverse[k * q + b];
      covariance[a * q + b] = sum;
    }
  return {
    intercept: beta[0],
    coefficients: beta.slice(1),
    covariance,
    meanSquaredResidual: squares / weightSum,
  };
}

/** Predictions β₀ + xᵀβ for every row of a row-major n×p design. */
export function linearPredict(model: LinearModel, x: Float64Array, p: number): Float64Array {
  const n = x.length / p;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = model.intercept;
    for (let j = 0; j < p; j++) v += x[i * p + j] * model.coefficients[j];
    out[i] = v;
  }
  return out;
}
