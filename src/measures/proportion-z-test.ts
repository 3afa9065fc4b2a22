import { DriftlabError } from "../errors.js";
import { normalSf } from "./special.js";

/** Result of {@link twoProportionZTest}. */
export interface ZTestResult {
  /** z = (p₁ − p₂) / √(p̂(1 − p̂)(1/n₁ + 1/n₂)), p̂ = (x₁ + x₂)/(n₁ + n₂). */
  statistic: number;
  /** Two-sided: 2 · (1 − Φ(|z|)), computed as 2 · Φ̄(|z|) to keep precision in the tail. */
  pValue: number;
}

/**
 * Pooled two-proportion z-test, two-sided, matching
 * `statsmodels.stats.proportion.proportions_ztest([x1, x2], [n1, n2])` and Evidently's `z` stattest.
 *
 * When the pooled proportion is 0 or 1 (both samples all-false or all-true) the variance is 0 and the statistic is
 * undefined (statsmodels returns NaN); this function returns statistic 0 and p-value 1, as Evidently does for two
 * identical constant samples. O(1).
 *
 * @param x1 successes in the first (reference) sample, 0 ≤ x1 ≤ n1.
 * @param n1 size of the first sample, > 0.
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): ZTestResult {
  for (const [name, x, n] of [
    ["first sample", x1, n1],
    ["second sample", x2, n2],
  ] as const) {
    if (!(n > 0) || !(x >= 0) || x > n || !Number.isFinite(n)) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `The ${name} has ${x} successes out of ${n}; need n > 0 and 0 ≤ successes ≤ n.`,
        { subject: name },
      );
    }
  }
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (variance === 0) return { statistic: 0, pValue: 1 };
  const statistic = (p1 - p2) / Math.sqrt(variance);
  return { statistic, pValue: Math.min(1, 2 * normalSf(Math.abs(statistic))) };
}
