import { checkSample } from "./input-checks.js";
import { concatenate, midranks } from "./ranks.js";
import { normalSf } from "./special.js";

/** Result of {@link mannWhitneyU}. */
export interface MannWhitneyResult {
  /** U₁ = R₁ − n₁(n₁ + 1)/2, the U statistic of the first sample (scipy's convention). */
  statistic: number;
  /** Two-sided p-value. */
  pValue: number;
  method: "exact" | "asymptotic";
}

/**
 * Mann–Whitney U test (Wilcoxon rank-sum), two-sided, matching `scipy.stats.mannwhitneyu(a, b,
 * alternative="two-sided", method="auto", use_continuity=True)` of scipy 1.10.
 *
 * Method choice (scipy 1.10's code, whose docstring says "< 8" but tests n ≤ 8): asymptotic when both n₁ > 8 and
 * n₂ > 8, or when there are ties; exact otherwise.
 * - exact: p = 2 · Pr(U ≥ max(U₁, U₂)) under the null distribution of U, whose generating function is the Gaussian
 *   binomial coefficient [n₁+n₂ choose n₁]_q (Andrews 1976; scipy uses the equivalent recursion of Löffler 1983);
 * - asymptotic: z = (max(U₁, U₂) − n₁n₂/2 − 1/2) / σ, σ² = n₁n₂/12 · ((n + 1) − Σ(t³ − t)/(n(n − 1))) with t the
 *   tie-group sizes; p = 2 · Φ̄(z).
 * p is clipped to [0, 1].
 *
 * O(n log n) asymptotic; O(min(n₁,n₂)² · max(n₁,n₂)) for the exact distribution.
 */
export function mannWhitneyU(a: ArrayLike<number>, b: ArrayLike<number>): MannWhitneyResult {
  checkSample(a, "reference sample");
  checkSample(b, "current sample");
  const n1 = a.length;
  const n2 = b.length;
  const { ranks, tieSizes } = midranks(concatenate(a, b));
  let rankSum = 0;
  for (let i = 0; i < n1; i++) rankSum += ranks[i];
  const u1 = rankSum - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const u = Math.max(u1, u2);
  const hasTies = tieSizes.length < n1 + n2;
  const exact = !(n1 > 8 && n2 > 8) && !hasTies;
  let pValue: number;
  if (exact) {
    pValue = 2 * exactUpperTail(Math.round(u), n1, n2);
  } else {
    const n = n1 + n2;
    let tieTerm = 0;
    for (const t of tieSizes) tieTerm += t * t * t - t;
    const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
    const z = (u - (n1 * n2) / 2 - 0.5) / sigma;
    pValue = 2 * normalSf(z);
  }
  return { statistic: u1, pValue: Math.min(1, Math.max(0, pValue)), method: exact ? "exact" : "asymptotic" };
}

/** Pr(U ≥ u) for the null distribution of U with sample sizes m and n. */
function exactUpperTail(u: number, m: number, n: number): number {
  const small = Math.min(m, n);
  const big = Math.max(m, n);
  const degree = small * big;
  // Coefficients of Π_{i=1}^{small} (1 − q^{big+i}) / (1 − q^i), truncated at the final degree.
  const coefficients = new Float64Array(degree + 1);
  coefficients[0] = 1;
  for (let i = 1; i <= small; i++) {
    // Divide by (1 − q^i): running sum with stride i.
    for (let k = i; k <= degree; k++) coefficients[k] += coefficients[k - i];
    // Multiply by (1 − q^{big+i}).
    const shift = big + i;
    for (let k = degree; k >= shift; k--) coefficients[k] -= coefficients[k - shift];
  }
  let all = 0;
  for (let k = 0; k <= degree; k++) all += coefficients[k];
  // Pr(U ≥ u) = Pr(U ≤ mn − u) by symmetry; sum the smaller side for precision.
  let tail = 0;
  for (let k = 0; k <= degree - u; k++) tail += coefficients[k];
  return tail / all;
}
