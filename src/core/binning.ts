/**
 * Bin edges shared by the analyses and every frontend. Browser-safe: no Node imports.
 */

/**
 * `bins + 1` equal-width edges min + (max − min)·k/bins, the last exactly `max`; over [0, 1] they are exactly k/bins,
 * so a threshold such as 0.15 is an edge when bins = 20 (a fairness report's score bins, the widget's threshold
 * slider). `bins` ≥ 1. O(bins).
 */
export function equalWidthEdges(min: number, max: number, bins: number): number[] {
  const edges = new Array<number>(bins + 1);
  for (let k = 0; k <= bins; k++) edges[k] = min + ((max - min) * k) / bins;
  edges[bins] = max;
  return edges;
}
