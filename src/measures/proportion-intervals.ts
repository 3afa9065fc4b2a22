/** Confidence intervals for a binomial proportion. */

import { DriftlabError } from "../errors.js";
import { betaQuantile, normalQuantile } from "./special.js";

/** A two-sided confidence interval. */
export interface Interval {
  lower: number;
  upper: number;
}

function checkProportionArguments(successes: number, n: number, alpha: number): void {
  if (!(n > 0) || !Number.isFinite(n) || !(successes >= 0) || successes > n) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `${successes} successes out of ${n}; need n > 0 and 0 ≤ successes ≤ n.`,
      {
        subject: "successes",
      },
    );
  }
  if (!(alpha > 0 && alpha < 1)) {
    throw new DriftlabError("INVALID_OPTION", `alpha = ${alpha}; it must lie strictly between 0 and 1.`, {
      subject: "alpha",
    });
  }
}

/**
 * Wilson score interval for a proportion (Wilson 1927), matching
 * `statsmodels.stats.proportion.proportion_confint(successes, n, alpha, method="wilson")`:
 * with p̂ = x/n and z = Φ⁻¹(1 − α/2),
 * centre = (p̂ + z²/2n) / (1 + z²/n), half-width = z √(p̂(1 − p̂)/n + z²/4n²) / (1 + z²/n). O(1).
 *
 * @param alpha 1 − confidence level; default 0.05 (a 95 % interval).
 */
export function wilsonInterval(successes: number, n: number, alpha = 0.05): Interval {
  checkProportionArguments(successes, n, alpha);
  const p = successes / n;
  const z = normalQuantile(1 - alpha / 2);
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { lower: centre - halfWidth, upper: centre + halfWidth };
}

/**
 * Clopper–Pearson ("exact") interval (Clopper & Pearson 1934), matching
 * `statsmodels.stats.proportion.proportion_confint(successes, n, alpha, method="beta")`:
 * lower = Beta⁻¹(α/2; x, n − x + 1) (0 when x = 0), upper = Beta⁻¹(1 − α/2; x + 1, n − x) (1 when x = n).
 * Conservative: coverage is at least 1 − α.
 *
 * @param alpha 1 − confidence level; default 0.05.
 */
export function clopperPearsonInterval(successes: number, n: number, alpha = 0.05): Interval {
  checkProportionArguments(successes, n, alpha);
  const lower = successes === 0 ? 0 : betaQuantile(alpha / 2, successes, n - successes + 1);
  const upper = successes === n ? 1 : betaQuantile(alpha / 2, successes + 1, n - successes, true);
  return { lower, upper };
}
