/** Correlation measures over pairs of numeric samples (rows where either is NaN left out). */

import { midranks } from "./ranks.js";

function pairedFinite(x: ArrayLike<number>, y: ArrayLike<number>): [Float64Array, Float64Array] {
  let m = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]) && !Number.isNaN(y[i])) m++;
  const a = new Float64Array(m);
  const b = new Float64Array(m);
  for (let i = 0, j = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) continue;
    a[j] = x[i];
    b[j] = y[i];
    j++;
  }
  return [a, b];
}

function pearsonOfFinite(a: Float64Array, b: Float64Array): number {
  const m = a.length;
  if (m < 2) return Number.NaN;
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < m; i++) {
    meanA += a[i];
    meanB += b[i];
  }
  meanA /= m;
  meanB /= m;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < m; i++) {
    const da = a[i] - meanA;
    const db = b[i] - meanB;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa === 0 || sbb === 0) return Number.NaN;
  return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
}

/**
 * Pearson's r (two-pass, centred), as `scipy.stats.pearsonr(x, y).statistic`. NaN when fewer than 2 pairs or a
 * side is constant. O(n).
 */
export function pearsonCorrelation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const [a, b] = pairedFinite(x, y);
  return pearsonOfFinite(a, b);
}

/** Spearman's ρ: Pearson's r of the midranks, as `scipy.stats.spearmanr(x, y).statistic`. O(n log n). */
export function spearmanCorrelation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const [a, b] = pairedFinite(x, y);
  return pearsonOfFinite(midranks(a).ranks, midranks(b).ranks);
}

/**
 * Correlation ratio η (Pearson 1903) of numeric values across groups: η² = Σ_g n_g (ȳ_g − ȳ)² / Σ_i (y_i − ȳ)², the
 * share of the variance of `values` explained by the group means. Rows with NaN values or a negative group are
 * left out. NaN when the values are constant or absent. O(n + groups).
 */
export function correlationRatio(values: ArrayLike<number>, groups: Int32Array, groupCount: number): number {
  const sums = new Float64Array(groupCount);
  const counts = new Float64Array(groupCount);
  let total = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const g = groups[i];
    if (Number.isNaN(v) || g < 0) continue;
    sums[g] += v;
    counts[g]++;
    total += v;
    n++;
  }
  if (n === 0) return Number.NaN;
  const mean = total / n;
  let ssTotal = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v) || groups[i] < 0) continue;
    ssTotal += (v - mean) * (v - mean);
  }
  if (ssTotal === 0) return Number.NaN;
  let ssBetween = 0;
  for (let g = 0; g < groupCount; g++) {
    if (counts[g] === 0) continue;
    const d = sums[g] / counts[g] - mean;
    ssBetween += counts[g] * d * d;
  }
  return Math.sqrt(Math.min(1, ssBetween / ssTotal));
}
