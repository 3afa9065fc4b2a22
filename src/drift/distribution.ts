import type { CategoricalDistribution, NumericDistribution } from "../format/drift.js";
import { quantileOfSorted } from "../measures/index.js";
import { alignCategories, sketchCounts } from "./methods.js";
import { sketchOf, type CategorySide, type NumericSide } from "./sides.js";

export type { CategoricalDistribution, Distribution, NumericDistribution } from "../format/drift.js";

const LEVELS = Array.from({ length: 101 }, (_, i) => i / 100);
const BINS = 30;

function quantilesOf(side: NumericSide, levels: readonly number[]): number[] {
  if (side.n === 0) return levels.map(() => NaN);
  if (side.sorted !== undefined) return levels.map((q) => quantileOfSorted(side.sorted!, q));
  return sketchOf(side).quantiles(levels);
}

function countsOn(side: NumericSide, edges: number[]): { counts: number[]; below: number; above: number } {
  const lo = edges[0];
  const hi = edges[edges.length - 1];
  const bins = edges.length - 1;
  const counts = new Array<number>(bins).fill(0);
  if (side.n === 0) return { counts, below: 0, above: 0 };
  if (side.sorted === undefined) {
    const sketch = sketchOf(side);
    const below = sketch.rank(lo, false) * side.n;
    const above = side.n - sketch.rank(hi, true) * side.n;
    const inner = sketchCounts(side, edges);
    for (let b = 0; b < bins; b++) counts[b] = Math.round(inner[b]);
    counts[0] += Math.round(below);
    counts[bins - 1] += Math.round(above);
    return { counts, below: Math.round(below), above: Math.round(above) };
  }
  const s = side.sorted;
  const width = (hi - lo) / bins;
  let below = 0;
  let above = 0;
  for (let i = 0; i < s.length; i++) {
    const v = s[i];
    let b: number;
    if (v < lo) {
      below++;
      b = 0;
    } else if (v > hi) {
      above++;
      b = bins - 1;
    } else b = width > 0 ? Math.min(bins - 1, Math.floor((v - lo) / width)) : 0;
    counts[b]++;
  }
  return { counts, below, above };
}

/** Histogram and ECDF data of both sides of a numeric feature, for the overlay chart. */
export function numericDistribution(
  reference: NumericSide,
  current: NumericSide,
  datetime: boolean,
): NumericDistribution {
  const referenceQuantiles = quantilesOf(reference, LEVELS);
  const currentQuantiles = quantilesOf(current, LEVELS);
  const finite = (xs: number[]) => xs.filter((x) => Number.isFinite(x));
  const lows = finite([quantilesOf(reference, [0.005])[0], quantilesOf(current, [0.005])[0]]);
  const highs = finite([quantilesOf(reference, [0.995])[0], quantilesOf(current, [0.995])[0]]);
  let lo = lows.length > 0 ? Math.min(...lows) : 0;
  let hi = highs.length > 0 ? Math.max(...highs) : 1;
  if (!(hi > lo)) {
    lo = Math.min(reference.min, current.min, lo);
    hi = Math.max(reference.max, current.max, hi);
    if (!(hi > lo)) {
      lo -= 0.5;
      hi += 0.5;
    }
  }
  const edges = Array.from({ length: BINS + 1 }, (_, i) => lo + ((hi - lo) * i) / BINS);
  edges[BINS] = hi;
  const r = countsOn(reference, edges);
  const c = countsOn(current, edges);
  return {
    type: "numeric",
    edges,
    reference: r.counts,
    current: c.counts,
    clipped: { reference: [r.below, r.above], current: [c.below, c.above] },
    quantileLevels: LEVELS,
    referenceQuantiles,
    currentQuantiles,
    datetime,
  };
}

/** Category shares of both sides, the largest categories first. */
export function categoricalDistribution(
  reference: CategorySide,
  current: CategorySide,
  maxCategories = 20,
): CategoricalDistribution {
  const aligned = alignCategories(reference, current);
  const rn = Math.max(1, reference.n);
  const cn = Math.max(1, current.n);
  const order = aligned.labels
    .map((label, i) => ({ label, i, share: Math.max(aligned.reference[i] / rn, aligned.current[i] / cn) }))
    .filter((x) => x.label !== "(other)")
    .sort((a, b) => b.share - a.share || (a.label < b.label ? -1 : 1));
  const shown = order.slice(0, maxCategories);
  const categories = shown.map((x) => x.label);
  const referenceCounts = shown.map((x) => aligned.reference[x.i]);
  const currentCounts = shown.map((x) => aligned.current[x.i]);
  const restReference = reference.n - referenceCounts.reduce((t, v) => t + v, 0);
  const restCurrent = current.n - currentCounts.reduce((t, v) => t + v, 0);
  if (restReference > 0 || restCurrent > 0) {
    categories.push("(other)");
    referenceCounts.push(restReference);
    currentCounts.push(restCurrent);
  }
  return {
    type: "categorical",
    categories,
    reference: referenceCounts,
    current: currentCounts,
    totalCategories: order.length,
  };
}
