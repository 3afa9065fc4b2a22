import { DriftlabError } from "../errors.js";
import { cholesky, choleskyInverse, choleskySolve } from "./linear-algebra.js";

/** Options of {@link logisticRegression}. */
export interface LogisticRegressionOptions {
  /**
   * L2 penalty strength λ on the coefficients (not the intercept): the fit minimises
   * Σ wᵢ ℓᵢ + λ/2 ‖β‖². λ = 1/C for scikit-learn's `LogisticRegression(C=C)`. Default 0 (maximum likelihood).
   */
  l2?: number;
  /** Row weights wᵢ ≥ 0 (scikit-learn's `sample_weight`). Default: all 1. */
  weights?: ArrayLike<number>;
  /**
   * The covariance of the estimates returned: "model" (inverse of the penalised Hessian, the usual Fisher
   * information) or "sandwich" (Huber–White H⁻¹ M H⁻¹ with M = Σ (wᵢ(yᵢ − μᵢ))² xᵢxᵢᵀ, right for importance
   * weights and misspecified models). Default "model".
   */
  covariance?: "model" | "sandwich";
  /** Newton iterations at most. Default 100. */
  maxIterations?: number;
  /** Convergence: the largest absolute Newton step. Default 1e-10. */
  tolerance?: number;
}

/** A fitted binary logistic regression. */
export interface LogisticModel {
  intercept: number;
  /** One per column of the design. */
  coefficients: Float64Array;
  /** Covariance of (intercept, coefficients…), row-major (p+1)×(p+1). */
  covariance: Float64Array;
  /** Weighted log-likelihood Σ wᵢ [yᵢ log μᵢ + (1 − yᵢ) log(1 − μᵢ)] at the estimate (penalty not included). */
  logLikelihood: number;
  iterations: number;
  converged: boolean;
}

function logistic(eta: number): number {
  return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
}

/** log(1 + e^η), stable. */
function softplus(eta: number): number {
  return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
}

function linearPredictor(x: Float64Array, p: number, i: number, beta: Float64Array): number {
  let eta = beta[0];
  const row = i * p;
  for (let j = 0; j < p; j++) eta += x[row + j] * beta[j + 1];
  return eta;
}

function objective(
  x: Float64Array,
  p: number,
  y: ArrayLike<number>,
  w: ArrayLike<number> | undefined,
  beta: Float64Array,
  l2: number,
): { penalised: number; logLikelihood: number } {
  let logLikelihood = 0;
  for (let i = 0; i < y.length; i++) {
    const eta = linearPredictor(x, p, i, beta);
    // log-likelihood of one row: y η − log(1 + e^η)
    logLikelihood += (w === undefined ? 1 : w[i]) * (y[i] * eta - softplus(eta));
  }
  let penalty = 0;
  for (let j = 1; j <= p; j++) penalty += beta[j] * beta[j];
  return { penalised: -logLikelihood + 0.5 * l2 * penalty, logLikelihood };
}

/**
 * Binary logistic regression P(y = 1 | x) = σ(β₀ + xᵀβ) by Newton–Raphson with step halving, optionally weighted
 * and L2-penalised (the intercept is never penalised, as scikit-learn's lbfgs solver). Matches
 * `sklearn.linear_model.LogisticRegression(penalty=None or "l2", C=1/l2).fit(X, y, sample_weight=w)`.
 * Under perfect separation without a penalty the estimates diverge: then `converged` is false.
 *
 * O(iterations · n · p²) time, O(p²) extra memory.
 *
 * @param x design matrix, row-major n×p (no intercept column; it is added).
 * @param y outcomes 0 or 1, one per row.
 */
export function logisticRegression(
  x: Float64Array,
  p: number,
  y: ArrayLike<number>,
  options: LogisticRegressionOptions = {},
): LogisticModel {
  const n = y.length;
  const l2 = options.l2 ?? 0;
  const w = options.weights;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
  if (x.length !== n * p) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `The design has ${x.length} entries; ${n} rows × ${p} columns need ${n * p}.`,
      { subject: "x" },
    );
  }
  if (n === 0)
    throw new DriftlabError("EMPTY_TABLE", "Logistic regression needs at least one row.", { subject: "y" });
  for (let i = 0; i < n; i++) {
    if (y[i] !== 0 && y[i] !== 1) {
      throw new DriftlabError("UNSUPPORTED_INPUT", `y[${i}] is ${y[i]}; outcomes must be 0 or 1.`, {
        subject: "y",
      });
    }
    if (w !== undefined && !(w[i] >= 0 && Number.isFinite(w[i]))) {
      throw new DriftlabError(
        "UNSUPPORTED_INPUT",
        `weights[${i}] is ${w[i]}; weights must be finite and ≥ 0.`,
        {
          subject: "weights",
        },
      );
    }
  }
  if (!(l2 >= 0)) throw new DriftlabError("INVALID_OPTION", `l2 = ${l2}; it must be ≥ 0.`, { subject: "l2" });
  const q = p + 1;
  const beta = new Float64Array(q);
  // Start at the intercept of the weighted mean, which makes the first Newton steps well behaved.
  let sumW = 0;
  let sumWY = 0;
  for (let i = 0; i < n; i++) {
    const wi = w === undefined ? 1 : w[i];
    sumW += wi;
    sumWY += wi * y[i];
  }
  const mean = Math.min(Math.max(sumWY / sumW, 1e-6), 1 - 1e-6);
  beta[0] = Math.log(mean / (1 - mean));
  let current = objective(x, p, y, w, beta, l2);
  let iterations = 0;
  let converged = false;
  const gradient = new Float64Array(q);
  const hessian = new Float64Array(q * q);
  const xi = new Float64Array(q);
  xi[0] = 1;
  let factor: Float64Array | null = null;
  for (; iterations < maxIterations; iterations++) {
    gradient.fill(0);
    hessian.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) xi[j + 1] = x[i * p + j];
      const mu = logistic(linearPredictor(x, p, i, beta));
      const wi = w === undefined ? 1 : w[i];
      const residual = wi * (mu - y[i]);
      const curvature = wi * mu * (1 - mu);
      for (let a = 0; a < q; a++) {
        gradient[a] += residual * xi[a];
        const ca = curvature * xi[a];
        for (let b = 0; b <= a; b++) hessian[a * q + b] += ca * xi[b];
      }
    }
    for (let a = 1; a < q; a++) {
      gradient[a] += l2 * beta[a];
      hessian[a * q + a] += l2;
    }
    for (let a = 0; a < q; a++) for (let b = 0; b < a; b++) hessian[b * q + a] = hessian[a * q + b];
    factor = cholesky(hessian, q);
    if (factor === null) {
      // Singular information (a constant or duplicated column): a tiny ridge keeps Newton going.
      for (let a = 0; a < q; a++) hessian[a * q + a] += 1e-8 * (1 + hessian[a * q + a]);
      factor = cholesky(hessian, q);
      if (factor === null) break;
    }
    const step = choleskySolve(factor, q, gradient);
    let scale = 1;
    const next = beta.slice();
    let trial = current;
    for (let halving = 0; halving < 40; halving++) {
      for (let a = 0; a < q; a++) next[a] = beta[a] - scale * step[a];
      trial = objective(x, p, y, w, next, l2);
      if (trial.penalised <= current.penalised + 1e-12 * Math.abs(current.penalised)) break;
      scale /= 2;
    }
    let largest = 0;
    for (let a = 0; a < q; a++) largest = Math.max(largest, Math.abs(beta[a] - next[a]));
    beta.set(next);
    current = trial;
    if (largest < tolerance) {
      converged = true;
      iterations++;
      break;
    }
  }
  const covariance = covarianceAt(x, p, y, w, beta, l2, options.covariance ?? "model");
  return {
    intercept: beta[0],
    coefficients: beta.slice(1),
    covariance,
    logLikelihood: current.logLikelihood,
    iterations,
    converged,
  };
}

function covarianceAt(
  x: Float64Array,
  p: number,
  y: ArrayLike<number>,
  w: ArrayLike<number> | undefined,
  beta: Float64Array,
  l2: number,
  kind: "model" | "sandwich",
): Float64Array {
  const q = p + 1;
  const hessian = new Float64Array(q * q);
  const meat = new Float64Array(q * q);
  const xi = new Float64Array(q);
  xi[0] = 1;
  for (let i = 0; i < y.length; i++) {
    for (let j = 0; j < p; j++) xi[j + 1] = x[i * p + j];
    const mu = logistic(linearPredictor(x, p, i, beta));
    const wi = w === undefined ? 1 : w[i];
    const curvature = wi * mu * (1 - mu);
    const score = wi * (y[i] - mu);
    for (let a = 0; a < q; a++) {
      for (let b = 0; b < q; b++) {
        hessian[a * q + b] += curvature * xi[a] * xi[b];
        if (kind === "sandwich") meat[a * q + b] += score * score * xi[a] * xi[b];
      }
    }
  }
  for (let a = 1; a < q; a++) hessian[a * q + a] += l2;
  let factor = cholesky(hessian, q);
  if (factor === null) {
    for (let a = 0; a < q; a++) hessian[a * q + a] += 1e-8 * (1 + hessian[a * q + a]);
    factor = cholesky(hessian, q);
  }
  if (factor === null) return new Float64Array(q * q).fill(NaN);
  const inverse = choleskyInverse(factor, q);
  if (kind === "model") return inverse;
  // H⁻¹ M H⁻¹
  const left = new Float64Array(q * q);
  for (let a = 0; a < q; a++)
    for (let b = 0; b < q; b++) {
      let sum = 0;
      for (let k = 0; k < q; k++) sum += inverse[a * q + k] * meat[k * q + b];
      left[a * q + b] = sum;
    }
  const out = new Float64Array(q * q);
  for (let a = 0; a < q; a++)
    for (let b = 0; b < q; b++) {
      let sum = 0;
      for (let k = 0; k < q; k++) sum += left[a * q + k] * inverse[k * q + b];
      out[a * q + b] = sum;
    }
  return out;
}

/** P(y = 1 | x) of a fitted model for every row of a row-major n×p design. O(n·p). */
export function logisticPredict(model: LogisticModel, x: Float64Array, p: number): Float64Array {
  const n = x.length / p;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let eta = model.intercept;
    for (let j = 0; j < p; j++) eta += x[i * p + j] * model.coefficients[j];
    out[i] = logistic(eta);
  }
  return out;
}
