/** Small dense linear algebra for the models in measures: symmetric positive definite solves and inverses. */

/**
 * Cholesky factor L (lower, row-major p×p) of a symmetric positive definite matrix `a` (row-major p×p), so that
 * a = L Lᵀ. Returns null when `a` is not positive definite (a pivot ≤ 0). O(p³).
 */
export function cholesky(a: Float64Array, p: number): Float64Array | null {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let diagonal = a[j * p + j];
    for (let k = 0; k < j; k++) diagonal -= l[j * p + k] * l[j * p + k];
    if (!(diagonal > 0)) return null;
    const root = Math.sqrt(diagonal);
    l[j * p + j] = root;
    for (let i = j + 1; i < p; i++) {
      let sum = a[i * p + j];
      for (let k = 0; k < j; k++) sum -= l[i * p + k] * l[j * p + k];
      l[i * p + j] = sum / root;
    }
  }
  return l;
}

/** Solves L Lᵀ x = b for x given the Cholesky factor L. O(p²). */
export function choleskySolve(l: Float64Array, p: number, b: ArrayLike<number>): Float64Array {
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i * p + k] * y[k];
    y[i] = sum / l[i * p + i];
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < p; k++) sum -= l[k * p + i] * x[k];
    x[i] = sum / l[i * p + i];
  }
  return x;
}

/** The inverse of a symmetric positive definite matrix from its Cholesky factor (row-major p×p). O(p³). */
export function choleskyInverse(l: Float64Array, p: number): Float64Array {
  const inverse = new Float64Array(p * p);
  const unit = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    unit.fill(0);
    unit[j] = 1;
    const column = choleskySolve(l, p, unit);
    for (let i = 0; i < p; i++) inverse[i * p + j] = column[i];
  }
  return inverse;
}

/** The sub-matrix of a row-major p×p matrix on the given row/column indices. */
export function subMatrix(a: Float64Array, p: number, indices: readonly number[]): Float64Array {
  const k = indices.length;
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) out[i * k + j] = a[indices[i] * p + indices[j]];
  return out;
}

/**
 * The quadratic form dᵀ A⁻¹ d for a symmetric positive definite A (row-major k×k), or NaN when A is singular.
 * The Wald statistic of a difference d with covariance A.
 */
export function inverseQuadraticForm(a: Float64Array, d: ArrayLike<number>): number {
  const k = d.length;
  const l = cholesky(a, k);
  if (l === null) return NaN;
  const x = choleskySolve(l, k, d);
  let sum = 0;
  for (let i = 0; i < k; i++) sum += d[i] * x[i];
  return sum;
}

/**
 * Solves A x = b for a general square A (row-major k×k) by Gaussian elimination with partial pivoting; null when
 * A is singular (a pivot below 1e-12 times the largest entry). O(k³).
 */
export function solveLinear(a: ArrayLike<number>, k: number, b: ArrayLike<number>): Float64Array | null {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  let scale = 0;
  for (let i = 0; i < m.length; i++) scale = Math.max(scale, Math.abs(m[i]));
  if (!(scale > 0)) return null;
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let row = col + 1; row < k; row++)
      if (Math.abs(m[row * k + col]) > Math.abs(m[pivot * k + col])) pivot = row;
    if (Math.abs(m[pivot * k + col]) < 1e-12 * scale) return null;
    if (pivot !== col) {
      for (let j = 0; j < k; j++) [m[col * k + j], m[pivot * k + j]] = [m[pivot * k + j], m[col * k + j]];
      [x[col], x[pivot]] = [x[pivot], x[col]];
    }
    for (let row = col + 1; row < k; row++) {
      const f = m[row * k + col] / m[col * k + col];
      if (f === 0) continue;
      for (let j = col; j < k; j++) m[row * k + j] -= f * m[col * k + j];
      x[row] -= f * x[col];
    }
  }
  for (let row = k - 1; row >= 0; row--) {
    let sum = x[row];
    for (let j = row + 1; j < k; j++) sum -= m[row * k + j] * x[j];
    x[row] = sum / m[row * k + row];
  }
  return x;
}
