import { checkSample, sortedCopy } from "./input-checks.js";

/**
 * ∫ |F_a − F_b|^power dx over the real line for the ECDFs of two samples, by one merge pass over the sorted samples
 * (scipy.stats._cdf_distance without the final root). O((n_a + n_b) log(n_a + n_b)).
 */
function cdfDifferenceIntegral(a: ArrayLike<number>, b: ArrayLike<number>, power: 1 | 2): number {
  checkSample(a, "reference sample");
  checkSample(b, "current sample");
  const sortedA = sortedCopy(a);
  const sortedB = sortedCopy(b);
  const n1 = sortedA.length;
  const n2 = sortedB.length;
  let i = 0;
  let j = 0;
  let integral = 0;
  let x = Math.min(sortedA[0], sortedB[0]);
  while (i < n1 || j < n2) {
    // Advance past every value equal to x: F_a and F_b are right-continuous.
    while (i < n1 && sortedA[i] === x) i++;
    while (j < n2 && sortedB[j] === x) j++;
    if (i === n1 && j === n2) break;
    const next = Math.min(i < n1 ? sortedA[i] : Infinity, j < n2 ? sortedB[j] : Infinity);
    const gap = Math.abs(i / n1 - j / n2);
    integral += (power === 1 ? gap : gap * gap) * (next - x);
    x = next;
  }
  return integral;
}

/**
 * First Wasserstein (earth mover's) distance between two samples, W₁ = ∫ |F_a(x) − F_b(x)| dx, matching
 * `scipy.stats.wasserstein_distance(a, b)` (unweighted). In the samples' units. O(n log n).
 */
export function wasserstein1(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return cdfDifferenceIntegral(a, b, 1);
}

/** Population standard deviation (numpy.std with ddof = 0), two-pass. O(n). */
function populationStandardDeviation(sample: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < sample.length; i++) mean += sample[i];
  mean /= sample.length;
  let squares = 0;
  for (let i = 0; i < sample.length; i++) squares += (sample[i] - mean) * (sample[i] - mean);
  return Math.sqrt(squares / sample.length);
}

/**
 * Evidently's normed Wasserstein distance (`wasserstein` stattest): W₁(reference, current) / max(σ_ref, 0.001), with
 * σ_ref the population standard deviation of the reference sample. Evidently's drift threshold is 0.1. O(n log n).
 *
 * @param reference reference sample (its spread sets the scale).
 * @param current current sample.
 */
export function wassersteinNormed(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  const distance = wasserstein1(reference, current);
  return distance / Math.max(populationStandardDeviation(reference), 0.001);
}

/**
 * Energy distance between two samples, D = √(2 ∫ (F_a(x) − F_b(x))² dx), matching `scipy.stats.energy_distance(a, b)`
 * (Székely & Rizzo 2013; it is √2 times the Cramér–von Mises distance between the ECDFs). O(n log n).
 */
export function energyDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return Math.SQRT2 * Math.sqrt(cdfDifferenceIntegral(a, b, 2));
}
