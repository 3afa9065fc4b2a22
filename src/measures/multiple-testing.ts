/**
 * Multiple-testing corrections: adjusted p-values in the input order, matching
 * `statsmodels.stats.multitest.multipletests(pValues, method=...)[1]`. Each is O(m log m) for m p-values.
 */

import { DriftlabError } from "../errors.js";
import type { Correction } from "../format/options.js";

function checkPValues(pValues: ArrayLike<number>): void {
  for (let i = 0; i < pValues.length; i++) {
    const p = pValues[i];
    if (!(p >= 0 && p <= 1)) {
      throw new DriftlabError("INVALID_OPTION", `pValues[${i}] is ${p}; p-values must lie in [0, 1].`, {
        subject: "pValues",
      });
    }
  }
}

function ascendingOrder(pValues: ArrayLike<number>): number[] {
  const order = Array.from({ length: pValues.length }, (_, i) => i);
  order.sort((i, j) => pValues[i] - pValues[j] || i - j);
  return order;
}

/** Bonferroni: min(1, m · p_i) (`method="bonferroni"`). Controls the family-wise error rate. O(m). */
export function bonferroni(pValues: ArrayLike<number>): Float64Array {
  checkPValues(pValues);
  const m = pValues.length;
  return Float64Array.from(pValues, (p) => Math.min(1, p * m));
}

/**
 * Holm's step-down (`method="holm"`): with p₍₁₎ ≤ … ≤ p₍ₘ₎, adjusted p₍ᵢ₎ = min(1, max_{j ≤ i} (m − j + 1) p₍ⱼ₎).
 * Controls the family-wise error rate; uniformly more powerful than Bonferroni (Holm 1979).
 */
export function holm(pValues: ArrayLike<number>): Float64Array {
  checkPValues(pValues);
  const m = pValues.length;
  const order = ascendingOrder(pValues);
  const adjusted = new Float64Array(m);
  let running = 0;
  for (let rank = 0; rank < m; rank++) {
    const i = order[rank];
    running = Math.max(running, pValues[i] * (m - rank));
    adjusted[i] = Math.min(1, running);
  }
  return adjusted;
}

/**
 * Benjamini–Hochberg (`method="fdr_bh"`): adjusted p₍ᵢ₎ = min(1, min_{j ≥ i} m · p₍ⱼ₎ / j). Controls the false
 * discovery rate for independent or positively dependent tests (Benjamini & Hochberg 1995).
 */
export function benjaminiHochberg(pValues: ArrayLike<number>): Float64Array {
  checkPValues(pValues);
  const m = pValues.length;
  const order = ascendingOrder(pValues);
  const adjusted = new Float64Array(m);
  let running = Infinity;
  for (let rank = m - 1; rank >= 0; rank--) {
    const i = order[rank];
    running = Math.min(running, (pValues[i] * m) / (rank + 1));
    adjusted[i] = Math.min(1, running);
  }
  return adjusted;
}

/**
 * Which hypotheses are rejected at level `alpha` given adjusted p-values: adjusted_i ≤ alpha (statsmodels'
 * `multipletests(...)[0]`).
 *
 * @param alpha family-wise error rate or false discovery rate; default 0.05.
 */
export function rejected(adjustedPValues: ArrayLike<number>, alpha = 0.05): boolean[] {
  return Array.from(adjustedPValues, (p) => p <= alpha);
}

/** The p-values adjusted by the named correction (docs/api.md's `correction`); "none" returns them unchanged. */
export function adjustPValues(pValues: ArrayLike<number>, correction: Correction): Float64Array {
  switch (correction) {
    case "none":
      checkPValues(pValues);
      return Float64Array.from(pValues);
    case "bonferroni":
      return bonferroni(pValues);
    case "holm":
      return holm(pValues);
    case "bh":
      return benjaminiHochberg(pValues);
  }
}
