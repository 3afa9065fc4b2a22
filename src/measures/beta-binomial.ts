import { logBeta, logBinomial } from "./special.js";

/**
 * Upper tail P(K ≥ k) of the beta-binomial distribution: K | U ~ Binomial(n, U), U ~ Beta(a, b), so
 * P(K = j) = C(n, j) B(j + a, n − j + b) / B(a, b). Matches `scipy.stats.betabinom.sf(k - 1, n, a, b)`. Summed
 * from the smaller end in log space. O(n).
 *
 * It is the exact null law of how many of n new points exceed the r-th smallest of m exchangeable calibration
 * scores (a = m − r + 1, b = r), as in split-conformal inference.
 */
export function betaBinomialUpperTail(k: number, n: number, a: number, b: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  const logNorm = logBeta(a, b);
  const term = (j: number) => Math.exp(logBinomial(n, j) + logBeta(j + a, n - j + b) - logNorm);
  let upper = 0;
  let lower = 0;
  if (k > (n * a) / (a + b)) {
    for (let j = k; j <= n; j++) upper += term(j);
    return Math.min(1, upper);
  }
  for (let j = 0; j < k; j++) lower += term(j);
  return Math.max(0, 1 - lower);
}
