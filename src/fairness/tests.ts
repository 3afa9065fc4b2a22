/**
 * The significance tests of fairness and findSlices: a rate of one set of rows against another's (pooled
 * two-proportion z-test, or Fisher's exact test when an expected cell count is below 5), and Welch's t-test for means.
 */

import { fisherExact, normalSf, studentTSf, twoProportionZTest } from "../measures/index.js";

/** The test used for a comparison. */
export type TestName = "z" | "fisher" | "welch-t";

/** Result of a comparison of two rates or two means. */
export interface TestResult {
  test: TestName;
  /** z or t; for Fisher's test the sample odds ratio. */
  statistic: number;
  pValue: number;
}

/** A 2×2 table's expected counts fall below this in some cell → Fisher's exact test instead of the z-test. */
export const MIN_EXPECTED_COUNT = 5;

/**
 * Compares x₁/n₁ with x₂/n₂ (both n > 0). With the 2×2 table [[x₁, n₁ − x₁], [x₂, n₂ − x₂]] and its expected counts
 * under independence (row total × column total / N), the pooled two-proportion z-test (statsmodels
 * `proportions_ztest`) when every expected count is ≥ 5 (Cochran's rule), else Fisher's exact test
 * (`scipy.stats.fisher_exact`).
 *
 * @param alternative "two-sided" (default), or "greater": the first rate is larger (one-sided, as findSlices uses).
 */
export function compareRates(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  alternative: "two-sided" | "greater" = "two-sided",
): TestResult {
  const total = n1 + n2;
  const successes = x1 + x2;
  const failures = total - successes;
  const smallest = (Math.min(n1, n2) * Math.min(successes, failures)) / total;
  if (smallest < MIN_EXPECTED_COUNT) {
    const result = fisherExact(
      [
        [x1, n1 - x1],
        [x2, n2 - x2],
      ],
      alternative,
    );
    return { test: "fisher", statistic: result.oddsRatio, pValue: result.pValue };
  }
  const z = twoProportionZTest(x1, n1, x2, n2);
  if (alternative === "two-sided") return { test: "z", statistic: z.statistic, pValue: z.pValue };
  // Cochran's rule keeps both margins non-empty here, so the pooled variance is positive.
  return { test: "z", statistic: z.statistic, pValue: normalSf(z.statistic) };
}

/** Mean and sample variance (ddof 1) of a set of values given as count, sum and sum of squared deviations. */
export interface MeanSummary {
  n: number;
  mean: number;
  /** Sample variance, ddof 1 (NaN when n < 2). */
  variance: number;
}

/** Mean and variance of values (Welford's update, stable). */
export function summarize(values: ArrayLike<number>): MeanSummary {
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    const delta = values[i] - mean;
    mean += delta / (i + 1);
    m2 += delta * (values[i] - mean);
  }
  const n = values.length;
  return { n, mean: n === 0 ? NaN : mean, variance: n < 2 ? NaN : m2 / (n - 1) };
}

/**
 * Welch's unequal-variances t-test of two means (scipy `ttest_ind(a, b, equal_var=False)`): t = (m₁ − m₂)/√(v₁/n₁ +
 * v₂/n₂), Welch–Satterthwaite degrees of freedom. Each sample needs n ≥ 2. When both variances are 0 the statistic
 * is 0 with p-value 1 if the means are equal, else ±∞ with p-value 0 (scipy returns NaN there).
 *
 * @param alternative "two-sided" (default) or "greater" (mean₁ > mean₂).
 */
export function welchTTest(
  a: MeanSummary,
  b: MeanSummary,
  alternative: "two-sided" | "greater" = "two-sided",
): TestResult {
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se2 = va + vb;
  if (!(se2 > 0)) {
    const statistic = a.mean === b.mean ? 0 : a.mean > b.mean ? Infinity : -Infinity;
    const pValue = statistic === 0 ? 1 : alternative === "greater" ? (statistic > 0 ? 0 : 1) : 0;
    return { test: "welch-t", statistic, pValue };
  }
  const statistic = (a.mean - b.mean) / Math.sqrt(se2);
  const dof = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const pValue =
    alternative === "greater"
      ? studentTSf(statistic, dof)
      : Math.min(1, 2 * studentTSf(Math.abs(statistic), dof));
  return { test: "welch-t", statistic, pValue };
}
