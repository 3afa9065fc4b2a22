import { DriftlabError } from "../errors.js";
import { checkSample, sortedCopy } from "./input-checks.js";
import { kolmogorovSf } from "./kolmogorov.js";
import { roundHalfToEven } from "./special.js";

/** Options of {@link ksTwoSample}. */
export interface KsTwoSampleOptions {
  /** The alternative hypothesis. Only `"two-sided"` (the default) is supported. */
  alternative?: "two-sided";
}

/** Result of {@link ksTwoSample}. */
export interface KsTwoSampleResult {
  /** D = sup_x |F_a(x) − F_b(x)|; in the exact branch rounded to the lattice h / lcm(n_a, n_b), as scipy does. */
  statistic: number;
  pValue: number;
  /** `"exact"` when max(n_a, n_b) ≤ 10000, `"asymptotic"` otherwise. */
  method: "exact" | "asymptotic";
}

/** Largest sample size for which the exact p-value is computed (scipy's MAX_AUTO_N). */
const MAX_EXACT_SIZE = 10000;

function greatestCommonDivisor(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * Two-sample Kolmogorov–Smirnov test, two-sided, matching `scipy.stats.ks_2samp(a, b, method="auto")` of scipy 1.10.
 *
 * Statistic: D = max over all observed x of |F_a(x) − F_b(x)| with right-continuous ECDFs (ties handled exactly).
 *
 * p-value:
 * - exact when max(n_a, n_b) ≤ 10000: h = round(D · lcm(n_a, n_b)) and D := h / lcm; for n_a = n_b the
 *   closed alternating series Pr(D ≥ h/n) = 2 Σ_k (−1)^{k+1} C(2n, n−kh)/C(2n, n) in Horner form; otherwise the
 *   probability that a uniform random lattice path from (0,0) to (n_a, n_b) leaves the band |i/n_a − j/n_b| < h/lcm,
 *   computed column by column on normalised path counts (Hodges 1958, "The significance probability of the Smirnov
 *   two-sample test", Ark. Mat. 3; with Viehmann 2021, arXiv:2102.08037, for stability);
 * - asymptotic otherwise: `kstwo.sf(D, round(n_a n_b / (n_a + n_b)))`, see {@link kolmogorovSf}.
 *
 * Complexity: O((n_a + n_b) log(n_a + n_b)) for the statistic (typed-array sort, then one merge pass), plus
 * O(max(n) · band width) for the exact lattice count (at most 10⁸ cheap steps at n = 10000 when D is large).
 *
 * @param a reference sample, missing values already removed.
 * @param b current sample, missing values already removed.
 */
export function ksTwoSample(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: KsTwoSampleOptions = {},
): KsTwoSampleResult {
  const alternative = options.alternative ?? "two-sided";
  if (alternative !== "two-sided") {
    throw new DriftlabError(
      "INVALID_OPTION",
      `alternative "${String(alternative)}" is not supported; use "two-sided".`,
      {
        subject: "alternative",
      },
    );
  }
  checkSample(a, "reference sample");
  checkSample(b, "current sample");
  const sortedA = sortedCopy(a);
  const sortedB = sortedCopy(b);
  const n1 = sortedA.length;
  const n2 = sortedB.length;
  let d = ksStatistic(sortedA, sortedB);

  if (Math.max(n1, n2) <= MAX_EXACT_SIZE) {
    const g = greatestCommonDivisor(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = roundHalfToEven(d * lcm);
    d = h / lcm;
    if (h === 0) return { statistic: d, pValue: 1, method: "exact" };
    const p = n1 === n2 ? probabilityOutsideSquare(n1, h) : probabilityOutsideBand(n1, n2, g, h);
    return { statistic: d, pValue: Math.min(1, Math.max(0, p)), method: "exact" };
  }
  const effectiveSize = roundHalfToEven((n1 * n2) / (n1 + n2));
  return { statistic: d, pValue: kolmogorovSf(effectiveSize, d), method: "asymptotic" };
}

/** sup |F_a − F_b| over all observed values, on sorted samples. O(n_a + n_b). */
function ksStatistic(sortedA: Float64Array, sortedB: Float64Array): number {
  const n1 = sortedA.length;
  const n2 = sortedB.length;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n1 && j < n2) {
    const x = Math.min(sortedA[i], sortedB[j]);
    while (i < n1 && sortedA[i] === x) i++;
    while (j < n2 && sortedB[j] === x) j++;
    const difference = Math.abs(i / n1 - j / n2);
    if (difference > d) d = difference;
  }
  // Past the end of one sample the other ECDF only grows towards 1, so the gap only shrinks.
  return d;
}

/** Pr(D_{n,n} ≥ h/n) = 2 · (A₀ − A₀A₁ + A₀A₁A₂ − …) evaluated from the innermost term outwards. */
function probabilityOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let ratio = 1;
    for (let j = 0; j < h; j++) ratio = ((n - k * h - j) * ratio) / (n + k * h + j + 1);
    p = ratio * (1 - p);
  }
  return 2 * p;
}

/**
 * Probability that a uniformly random monotone lattice path from (0,0) to (m, n) touches |i·n/g − j·m/g| ≥ h.
 * A[j] holds that probability for paths ending at (i, j); cells on or past the boundary hold 1.
 */
function probabilityOutsideBand(n1: number, n2: number, g: number, h: number): number {
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const mg = m / g;
  const ng = n / g;
  let previous = new Float64Array(n + 1);
  let current = new Float64Array(n + 1);
  // Column i = 0: inside the band while mg·j < h.
  let previousLow = 0;
  let previousHigh = Math.min(Math.ceil(h / mg), n + 1); // exclusive
  for (let j = previousLow; j < previousHigh; j++) previous[j] = 0;
  for (let i = 1; i <= m; i++) {
    const low = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    const high = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (high <= low) return 1;
    let below = low === 0 ? 0 : 1;
    for (let j = low; j < high; j++) {
      const left = j >= previousLow && j < previousHigh ? previous[j] : 1;
      below = (left * i + below * j) / (i + j);
      current[j] = below;
    }
    [previous, current] = [current, previous];
    previousLow = low;
    previousHigh = high;
  }
  return n >= previousLow && n < previousHigh ? previous[n] : 1;
}
