/**
 * The finite-n Kolmogorov distribution: the law of D_n = sup_x |F_n(x) − F(x)| for a sample of size n from a
 * continuous F. Used for the asymptotic branch of the two-sample KS test, as scipy does.
 */

import { logGamma } from "./special.js";

/**
 * One-sided Smirnov survival function Pr(D_n⁺ ≥ d) (scipy.special.smirnov), by the Birnbaum–Tingey formula
 * d · Σ_{v=0}^{⌊n(1−d)⌋} C(n,v) (d + v/n)^{v−1} (1 − d − v/n)^{n−v}, every term evaluated in log space (all terms are
 * positive, so there is no cancellation). Relative error about 1e-12. O(n).
 */
export function smirnovSf(n: number, d: number): number {
  if (!(n >= 1) || Number.isNaN(d)) return NaN;
  if (d <= 0) return 1;
  if (d >= 1) return 0;
  const last = Math.floor(n * (1 - d));
  const logNFactorial = logGamma(n + 1);
  let sum = 0;
  for (let v = 0; v <= last; v++) {
    const at = d + v / n;
    const rest = 1 - at;
    if (!(rest > 0)) {
      if (v === n) sum += Math.exp(logNFactorial - logGamma(v + 1) + (v - 1) * Math.log(at));
      continue;
    }
    const logTerm =
      logNFactorial -
      logGamma(v + 1) -
      logGamma(n - v + 1) +
      (v - 1) * Math.log(at) +
      (n - v) * Math.log(rest);
    if (logTerm > -745) sum += Math.exp(logTerm);
  }
  return Math.min(1, Math.max(0, sum * d));
}

/**
 * Pr(D_n ≤ d) by Durbin's matrix method as organised by Marsaglia, Tsang & Wang (2003): with d = (k − h)/n,
 * the (k, k) element of Hⁿ · n!/nⁿ for a (2k−1)×(2k−1) matrix H. Exact up to rounding. O(k³ log n).
 */
function durbinMatrixCdf(n: number, d: number): number {
  const nd = n * d;
  if (d >= 1) return 1;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  // First column v and the lower-left structure: H[i][j] = 1/(i-j+1)! for i-j+1 >= 0.
  const factorialInverse = new Float64Array(m + 1);
  factorialInverse[0] = 1;
  for (let j = 1; j <= m; j++) factorialInverse[j] = factorialInverse[j - 1] / j;
  let matrix: Float64Array = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 1; j < m; j++) {
      if (i - j + 1 >= 0) matrix[i * m + j] = factorialInverse[i - j + 1];
    }
  }
  for (let i = 0; i < m; i++) {
    const v = (1 - Math.pow(h, i + 1)) * factorialInverse[i + 1];
    matrix[i * m] = v;
    matrix[(m - 1) * m + (m - 1 - i)] = v;
  }
  const corner = Math.pow(Math.max(2 * h - 1, 0), m);
  matrix[(m - 1) * m] = (1 - 2 * Math.pow(h, m) + corner) * factorialInverse[m];

  const multiply = (left: Float64Array, right: Float64Array): Float64Array => {
    const out = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
      for (let l = 0; l < m; l++) {
        const a = left[i * m + l];
        if (a === 0) continue;
        for (let j = 0; j < m; j++) out[i * m + j] += a * right[l * m + j];
      }
    }
    return out;
  };
  const scaleUp = 2 ** 128;
  let power: Float64Array | undefined;
  let powerExponent = 0;
  let matrixExponent = 0;
  let remaining = n;
  while (remaining > 0) {
    if (remaining % 2 === 1) {
      power = power === undefined ? matrix.slice() : multiply(power, matrix);
      powerExponent += matrixExponent;
    }
    remaining = Math.floor(remaining / 2);
    if (remaining > 0) {
      matrix = multiply(matrix, matrix);
      matrixExponent *= 2;
      if (Math.abs(matrix[(k - 1) * m + (k - 1)]) > scaleUp) {
        for (let i = 0; i < matrix.length; i++) matrix[i] /= scaleUp;
        matrixExponent += 128;
      }
    }
    if (power !== undefined && Math.abs(power[(k - 1) * m + (k - 1)]) > scaleUp) {
      for (let i = 0; i < power.length; i++) power[i] /= scaleUp;
      powerExponent += 128;
    }
  }
  let p = power![(k - 1) * m + (k - 1)];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < 1 / scaleUp) {
      p *= scaleUp;
      powerExponent -= 128;
    }
  }
  return p * Math.pow(2, powerExponent);
}

/**
 * Pelz–Good (1976) approximation of Pr(D_n ≤ d): Li-Chien/Korolyuk's expansion K₀ + K₁/√n + K₂/n + K₃/n^{3/2}
 * in z = d√n, transformed with Jacobi theta identities to converge for small z.
 */
function pelzGoodCdf(n: number, d: number): number {
  if (d <= 0) return 0;
  if (d >= 1) return 1;
  const z = Math.sqrt(n) * d;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const pi2 = Math.PI * Math.PI;
  const pi4 = pi2 * pi2;
  const pi6 = pi4 * pi2;
  const logQ = -pi2 / 8 / z2;
  if (logQ < -708) return 0;
  let q = Math.exp(logQ);
  const k1a = -z2;
  const k1b = pi2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * pi2) / 4;
  const k2c = (pi4 * (1 - 2 * z2)) / 16;
  const k3d = (pi6 * (5 - 30 * z2)) / 64;
  const k3c = (pi4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (pi2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z6 * z2;
  const terms = [0, 0, 0, 0];
  const maxK = Math.ceil((16 * z) / Math.PI);
  // Horner scheme over odd integers m = 2k-1 of Σ c(m) q^{m²}.
  for (let k = maxK; k >= 1; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qPower = Math.pow(q, 8 * k);
    terms[0] = terms[0] * qPower + 1;
    terms[1] = terms[1] * qPower + (k1a + k1b * m2);
    terms[2] = terms[2] * qPower + (k2a + k2b * m2 + k2c * m4);
    terms[3] = terms[3] * qPower + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
  }
  const sqrt2pi = Math.sqrt(2 * Math.PI);
  const divisors = [z, 6 * z4, 72 * z6 * z, 6480 * z6 * z4];
  for (let i = 0; i < 4; i++) terms[i] = (terms[i] * q * sqrt2pi) / divisors[i];
  // The sums over all integers k that K₂ and K₃ also carry.
  q = Math.exp(-pi2 / 2 / z2);
  let k2extra = 0;
  let k3extra = 0;
  const sqrt3z = Math.sqrt(3) * z;
  for (let k = maxK; k >= 1; k--) {
    const k2 = k * k;
    const qPower = Math.pow(q, k2);
    k2extra += k2 * qPower;
    const kpi = Math.PI * k;
    k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qPower;
  }
  terms[2] += (k2extra * pi2 * sqrt2pi) / (-36 * z2 * z);
  terms[3] += (k3extra * pi2 * sqrt2pi) / (216 * z6);
  return terms[0] + terms[1] / Math.sqrt(n) + terms[2] / n + terms[3] / (n * Math.sqrt(n));
}

function clipProbability(p: number): number {
  return Math.min(1, Math.max(0, p));
}

/**
 * Survival function Pr(D_n ≥ d) of the two-sided one-sample Kolmogorov–Smirnov statistic for sample size n
 * (scipy.stats.kstwo.sf), following the method selection of Simard & L'Ecuyer (2011), "Computing the Two-Sided
 * Kolmogorov–Smirnov Distribution", J. Stat. Softw. 39(11), as scipy 1.10 does:
 *
 * - n·d ≤ 1 or n·d ≥ n − 1: Ruben–Gambino closed forms;
 * - d ≥ 0.5: 2 · smirnov(n, d) (exact there);
 * - n ≤ 140: Durbin matrix (n·d² ≤ 4; scipy uses Pomeranz' recursion for 0.754693 < n·d² ≤ 4, which is also exact,
 *   so the results agree to rounding), else 2 · smirnov(n, d);
 * - n > 140: 0 for n·d² ≥ 370, 2 · smirnov(n, d) for n·d² ≥ 2.2, else 1 − CDF with the CDF from the Durbin matrix
 *   when n ≤ 100000 and n·d^{3/2} ≤ 1.4, and from the Pelz–Good approximation otherwise.
 *
 * Complexity: O(n) for the Smirnov branch, O(k³ log n) with k = ⌈nd⌉ for the Durbin branch, O(√n·d) for Pelz–Good.
 */
export function kolmogorovSf(n: number, d: number): number {
  if (!Number.isInteger(n) || n <= 0 || Number.isNaN(d)) return NaN;
  if (d >= 1) return 0;
  if (d <= 0) return 1;
  const t = n * d;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    let cdf: number;
    if (n <= 140) {
      cdf = 1;
      for (let i = 1; i <= n; i++) cdf *= (i / n) * (2 * t - 1);
    } else {
      cdf = Math.exp(logGamma(n + 1) - n * Math.log(n) + n * Math.log(2 * t - 1));
    }
    return clipProbability(1 - cdf);
  }
  if (t >= n - 1) return clipProbability(2 * Math.pow(1 - d, n));
  if (d >= 0.5) return clipProbability(2 * smirnovSf(n, d));
  const nd2 = t * d;
  if (n <= 140) {
    if (nd2 <= 4) return clipProbability(1 - durbinMatrixCdf(n, d));
    return clipProbability(2 * smirnovSf(n, d));
  }
  if (nd2 >= 370) return 0;
  if (nd2 >= 2.2) return clipProbability(2 * smirnovSf(n, d));
  let cdf: number;
  if (nd2 >= 18) cdf = 1;
  else if (n <= 100000 && n * Math.pow(d, 1.5) <= 1.4) cdf = durbinMatrixCdf(n, d);
  else cdf = pelzGoodCdf(n, d);
  return clipProbability(1 - cdf);
}
