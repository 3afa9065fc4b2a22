/** Multiple-testing corrections of a family of p-values, by name. */

import { benjaminiHochberg, bonferroni, holm } from "../measures/index.js";

/** "none", "bonferroni", "holm" (family-wise error) or "bh" (Benjamini–Hochberg false discovery rate). */
export type Correction = "none" | "bonferroni" | "holm" | "bh";

/** The p-values adjusted by `correction` (unchanged for "none"). */
export function adjustPValues(pValues: readonly number[], correction: Correction): Float64Array {
  switch (correction) {
    case "none":
      return Float64Array.from(pValues);
    case "bonferroni":
      return bonferroni(pValues);
    case "holm":
      return holm(pValues);
    case "bh":
      return benjaminiHochberg(pValues);
  }
}
