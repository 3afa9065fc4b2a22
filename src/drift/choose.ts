import type { DriftMethod } from "./methods.js";
import { unionDistinctUpTo, type CategorySide, type NumericSide, type Side } from "./sides.js";

/** Reference sizes up to this use p-value tests; above, distances (Evidently's rule). */
export const SMALL_REFERENCE = 1000;

/**
 * The default test for a feature, Evidently's rule (identical in its 0.1 to 0.7 releases):
 *
 * | feature | reference ≤ 1000 values | reference > 1000 values |
 * |---|---|---|
 * | numeric, > 5 distinct values | KS (p ≤ 0.05) | Wasserstein normed by the reference std (≥ 0.1) |
 * | numeric, 3–5 distinct | chi-square (p < 0.05) | Jensen–Shannon distance (≥ 0.1) |
 * | numeric, ≤ 2 distinct | two-proportion z (p < 0.05) | Jensen–Shannon distance |
 * | categorical, > 2 categories | chi-square | Jensen–Shannon distance |
 * | categorical, ≤ 2 categories | z-test | Jensen–Shannon distance |
 *
 * Distinct values are counted over both samples, the reference size after missing values and NaN/±Infinity are
 * dropped. Why keep it: with many rows, every p-value test flags practically irrelevant shifts, and a distance with
 * a fixed threshold does not; with few rows, distances are noisy and a test accounts for sample size.
 */
export function chooseMethod(reference: Side, current: Side): DriftMethod {
  const small = reference.n <= SMALL_REFERENCE;
  if (reference.type === "numeric") {
    const distinct = unionDistinctUpTo(reference, current as NumericSide, 5);
    if (distinct > 5) return small ? "ks" : "wasserstein";
    if (!small) return "jensenshannon";
    return distinct > 2 ? "chisquare" : "z";
  }
  if (!small) return "jensenshannon";
  const categories = new Set([...reference.counts.keys(), ...(current as CategorySide).counts.keys()]);
  return categories.size > 2 ? "chisquare" : "z";
}
