import { DriftlabError } from "../errors.js";
import { checkSample, sortedCopy } from "./input-checks.js";

/** Result of {@link andersonDarlingKSample}. */
export interface AndersonDarlingResult {
  /** The standardised statistic (A²_akN − (k − 1)) / σ_N, as scipy returns it. */
  statistic: number;
  /** Critical values at significance 25 %, 10 %, 5 %, 2.5 %, 1 %, 0.5 %, 0.1 %. */
  criticalValues: number[];
  /**
   * Approximate p-value, capped to [0.001, 0.25]: interpolated from the critical values, not computed from a
   * distribution (see the function's notes).
   */
  pValue: number;
  /** `"capped"` when the statistic lies below the 25 % critical value (true p > 0.25), `"floored"` above the 0.1 %
   * one (true p < 0.001), else `"interpolated"`. */
  pValueBound: "interpolated" | "capped" | "floored";
}

const SIGNIFICANCE = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];
const B0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
const B1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
const B2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];

/**
 * k-sample Anderson–Darling test with midranks (ties allowed), matching `scipy.stats.anderson_ksamp(samples,
 * midrank=True)` of scipy 1.10: the statistic A²_akN of Scholz & Stephens (1987), "K-sample Anderson–Darling tests",
 * JASA 82, eq. 7, standardised by its mean k − 1 and its finite-sample variance σ²_N (their eq. 4).
 *
 * The p-value follows scipy 1.10 exactly, including its limits: the critical values t_α = b₀ + b₁/√(k−1) + b₂/(k−1)
 * of Scholz & Stephens' Table 2 for α ∈ {0.25, …, 0.001} are fitted by a quadratic in least squares to log α, and
 * p = exp(fit(statistic)); outside the tabulated range p is capped at 0.25 (statistic below the smallest critical
 * value) or floored at 0.001 (above the largest). So p is only meaningful in [0.001, 0.25]; `pValueBound` says which
 * case applies. Evidently's `anderson` stattest uses this p-value with threshold 0.1.
 *
 * O(N log N + k·N) for N pooled observations.
 *
 * When every observation is the same value the samples cannot differ: A² is taken as 0 (its limit; scipy raises),
 * so the statistic is −(k − 1)/σ_N and p is capped at 0.25.
 *
 * @param samples two or more samples, each non-empty, with at least 4 values together.
 */
export function andersonDarlingKSample(samples: readonly ArrayLike<number>[]): AndersonDarlingResult {
  const k = samples.length;
  if (k < 2) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `Got ${k} sample(s); the k-sample Anderson–Darling test needs two or more.`,
      {
        subject: "samples",
      },
    );
  }
  samples.forEach((sample, i) => checkSample(sample, `samples[${i}]`));
  const sorted = samples.map((sample) => sortedCopy(sample));
  const sizes = sorted.map((sample) => sample.length);
  const pooledSize = sizes.reduce((sum, n) => sum + n, 0);
  const pooled = new Float64Array(pooledSize);
  let offset = 0;
  for (const sample of sorted) {
    pooled.set(sample, offset);
    offset += sample.length;
  }
  pooled.sort();
  // Distinct values z*_j with multiplicity l_j and B_j = (#pooled < z*_j) + l_j / 2.
  const distinct: number[] = [];
  const multiplicity: number[] = [];
  for (let i = 0; i < pooledSize;) {
    let j = i + 1;
    while (j < pooledSize && pooled[j] === pooled[i]) j++;
    distinct.push(pooled[i]);
    multiplicity.push(j - i);
    i = j;
  }
  const N = pooledSize;
  if (N < 4) {
    throw new DriftlabError(
      "NO_DATA",
      `The samples hold ${N} values together; the Anderson–Darling variance needs at least 4.`,
      { subject: "samples" },
    );
  }
  // All observations equal: every sample has the same (point-mass) distribution, A² = 0 (scipy raises here).
  let statisticRaw = 0;
  for (let s = 0; s < k && distinct.length > 1; s++) {
    const sample = sorted[s];
    let below = 0; // #pooled < z*_j
    let pointer = 0; // #sample < z*_j
    let inner = 0;
    for (let j = 0; j < distinct.length; j++) {
      const z = distinct[j];
      const lj = multiplicity[j];
      let equal = 0;
      while (pointer + equal < sample.length && sample[pointer + equal] === z) equal++;
      const mij = pointer + equal / 2;
      const bj = below + lj / 2;
      const denominator = bj * (N - bj) - (N * lj) / 4;
      inner += ((lj / N) * (N * mij - bj * sizes[s]) ** 2) / denominator;
      pointer += equal;
      below += lj;
    }
    statisticRaw += inner / sizes[s];
  }
  statisticRaw *= (N - 1) / N;

  let H = 0;
  for (const n of sizes) H += 1 / n;
  // h = Σ_{i=1}^{N-1} 1/i; g = Σ_{i=1}^{N-2} Σ_{j=i+1}^{N-1} 1/((N-i) j).
  let h = 0;
  let g = 0;
  let cumulative = 0;
  for (let i = N - 1; i >= 2; i--) {
    cumulative += 1 / i;
    g += cumulative / (N - i + 1);
  }
  h = cumulative + 1;
  const a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * H;
  const b = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * H - 8 * h + 4 * g - 6;
  const c = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * H + 4 * h;
  const d = (2 * h + 6) * k * k - 4 * h * k;
  const sigmaSquared = (a * N ** 3 + b * N ** 2 + c * N + d) / ((N - 1) * (N - 2) * (N - 3));
  const m = k - 1;
  const statistic = (statisticRaw - m) / Math.sqrt(sigmaSquared);

  const criticalValues = B0.map((b0, i) => b0 + B1[i] / Math.sqrt(m) + B2[i] / m);
  const smallest = Math.min(...criticalValues);
  const largest = Math.max(...criticalValues);
  if (statistic < smallest) return { statistic, criticalValues, pValue: 0.25, pValueBound: "capped" };
  if (statistic > largest) return { statistic, criticalValues, pValue: 0.001, pValueBound: "floored" };
  const [c0, c1, c2] = quadraticLeastSquares(
    criticalValues,
    SIGNIFICANCE.map((alpha) => Math.log(alpha)),
  );
  return {
    statistic,
    criticalValues,
    pValue: Math.exp(c0 + c1 * statistic + c2 * statistic * statistic),
    pValueBound: "interpolated",
  };
}

/** Least-squares y ≈ c0 + c1 x + c2 x² (numpy.polyfit(x, y, 2)), by normal equations on centred x. */
function quadraticLeastSquares(x: number[], y: number[]): [number, number, number] {
  const n = x.length;
  const centre = x.reduce((sum, v) => sum + v, 0) / n;
  // Fit in t = x - centre, then expand.
  const s = [0, 0, 0, 0, 0];
  const r = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const t = x[i] - centre;
    let power = 1;
    for (let p = 0; p <= 4; p++) {
      s[p] += power;
      if (p <= 2) r[p] += power * y[i];
      power *= t;
    }
  }
  const matrix = [
    [s[0], s[1], s[2], r[0]],
    [s[1], s[2], s[3], r[1]],
    [s[2], s[3], s[4], r[2]],
  ];
  for (let col = 0; col < 3; col++) {
    let pivot = col;
    for (let row = col + 1; row < 3; row++)
      if (Math.abs(matrix[row][col]) > Math.abs(matrix[pivot][col])) pivot = row;
    [matrix[col], matrix[pivot]] = [matrix[pivot], matrix[col]];
    for (let row = 0; row < 3; row++) {
      if (row === col) continue;
      const factor = matrix[row][col] / matrix[col][col];
      for (let j = col; j < 4; j++) matrix[row][j] -= factor * matrix[col][j];
    }
  }
  const d0 = matrix[0][3] / matrix[0][0];
  const d1 = matrix[1][3] / matrix[1][1];
  const d2 = matrix[2][3] / matrix[2][2];
  // d0 + d1 (x - c) + d2 (x - c)² expanded.
  return [d0 - d1 * centre + d2 * centre * centre, d1 - 2 * d2 * centre, d2];
}
