/**
 * Bin edges shared by the analyses and every frontend. Browser-safe: no Node imports.
 */

import { equalWidthEdges as edgesOf } from "../sketch/edges.js";

/**
 * `bins + 1` equal-width edges min + (max − min)·k/bins, the last exactly `max`; over [0, 1] they are exactly k/bins,
 * so a threshold such as 0.15 is an edge when bins = 20 (a fairness report's score bins, the widget's threshold
 * slider). `bins` ≥ 1. O(bins). The shared definition of src/sketch/edges.ts with its `"fractions"` arithmetic.
 */
export function equalWidthEdges(min: number, max: number, bins: number): number[] {
  return Array.from(edgesOf(min, max, bins, "fractions"));
}
