import { DriftlabError } from "../errors.js";
import { checkCounts } from "./input-checks.js";
import { logBinomial } from "./special.js";

/** Result of {@link fisherExact}. */
export interface FisherExactResult {
  /** Sample odds ratio (a·d)/(b·c); ∞ when b·c = 0, NaN when a row or column is empty. */
  oddsRatio: number;
  pValue: number;
}

/** The alternative hypothesis of {@link fisherExact}, about the odds ratio of the population. */
export type FisherAlternative = "two-sided" | "less" | "greater";

/**
 * Fisher's exact test on a 2×2 table [[a, b], [c, d]], matching `scipy.stats.fisher_exact(table, alternative)`
 * (scipy 1.10).
 *
 * Under the null, a follows the hypergeometric law with population a+b+c+d, a+b successes and a+c draws.
 * - `"less"`: Pr(X ≤ a); `"greater"`: Pr(X ≥ a);
 * - `"two-sided"` (default): Σ Pr(X = x) over every x with Pr(X = x) ≤ Pr(X = a) · (1 + 1e-14) — scipy 1.10's
 *   relative tolerance (R's `fisher.test` uses 1 + 1e-7; the two differ only for probabilities within 1e-7 of each
 *   other). When Pr(X = a) equals the mode's probability to 1e-14, the p-value is 1, as in scipy.
 * - a table with an empty row or column gives odds ratio NaN and p-value 1 (scipy's convention).
 *
 * Probabilities are computed from log-binomials. O(min(a+b, a+c)).
 */
export function fisherExact(
  table: readonly [readonly [number, number], readonly [number, number]],
  alternative: FisherAlternative = "two-sided",
): FisherExactResult {
  const flat = [table[0][0], table[0][1], table[1][0], table[1][1]];
  checkCounts(flat, "table");
  if (!flat.every(Number.isInteger)) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `The 2×2 table [${flat.join(", ")}] must hold integer counts.`,
      {
        subject: "table",
      },
    );
  }
  const [a, b, c, d] = flat;
  if (a + b === 0 || c + d === 0 || a + c === 0 || b + d === 0) return { oddsRatio: NaN, pValue: 1 };
  const oddsRatio = c > 0 && b > 0 ? (a * d) / (c * b) : Infinity;
  const row1 = a + b;
  const row2 = c + d;
  const draws = a + c;
  const population = row1 + row2;
  const low = Math.max(0, draws - row2);
  const high = Math.min(draws, row1);
  const logDenominator = logBinomial(population, draws);
  const probability = (x: number): number =>
    Math.exp(logBinomial(row1, x) + logBinomial(row2, draws - x) - logDenominator);
  const sumOver = (from: number, to: number): number => {
    let sum = 0;
    for (let x = from; x <= to; x++) sum += probability(x);
    return sum;
  };
  let pValue: number;
  if (alternative === "less") {
    pValue = sumOver(low, a);
  } else if (alternative === "greater") {
    pValue = sumOver(a, high);
  } else if (alternative === "two-sided") {
    const observed = probability(a);
    const mode = Math.floor(((draws + 1) * (row1 + 1)) / (population + 2));
    const atMode = probability(mode);
    if (Math.abs(observed - atMode) / Math.max(observed, atMode) <= 1e-14) return { oddsRatio, pValue: 1 };
    const threshold = observed * (1 + 1e-14);
    pValue = 0;
    for (let x = low; x <= high; x++) {
      const p = probability(x);
      if (p <= threshold) pValue += p;
    }
  } else {
    throw new DriftlabError(
      "INVALID_OPTION",
      `alternative "${String(alternative)}" is not one of "two-sided", "less", "greater".`,
      { subject: "alternative" },
    );
  }
  return { oddsRatio, pValue: Math.min(1, pValue) };
}
