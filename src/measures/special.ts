/**
 * Special functions behind the p-values and intervals of `src/measures/`: log-gamma, the error function, the
 * normal distribution, the regularized incomplete gamma and beta functions and their inverses, and the modified
 * Bessel function of the second kind. Written here so that driftlab has no numerical runtime dependency.
 *
 * Accuracy targets are stated per function; they are checked against scipy.special in
 * `test/measures/special.test.ts`.
 */

const LOG_SQRT_2PI = 0.9189385332046728; // log(sqrt(2π))
const SQRT_PI = Math.sqrt(Math.PI);
const DBL_EPSILON = 2.220446049250313e-16;

/** Lanczos coefficients for g = 7, n = 9 (Godfrey's set; relative error below 1e-15 for x > 0). */
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * Natural logarithm of |Γ(x)| (scipy.special.gammaln).
 *
 * Lanczos approximation (g = 7, 9 terms) with the reflection formula for x < 0.5; for x ≥ 10 Stirling's series
 * with 8 Bernoulli terms. Relative error about 1e-15 away from the zeros of log Γ at 1 and 2, absolute error about
 * 1e-15 near them. O(1).
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  if (x < 0.5) {
    // Reflection: Γ(x)Γ(1-x) = π / sin(πx).
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  if (x >= 10) return stirlingLogGamma(x);
  const z = x - 1;
  let sum = LANCZOS_COEFFICIENTS[0];
  for (let i = 1; i < LANCZOS_G + 2; i++) sum += LANCZOS_COEFFICIENTS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return LOG_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Stirling coefficients B_2j / (2j (2j-1)), j = 1..8. */
const STIRLING = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156, -3617 / 122400];

function stirlingLogGamma(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  let series = 0;
  for (let j = STIRLING.length - 1; j >= 0; j--) series = series * r2 + STIRLING[j];
  return (x - 0.5) * Math.log(x) - x + LOG_SQRT_2PI + series * r;
}

/** log of the binomial coefficient C(n, k) for real n ≥ k ≥ 0. O(1). */
export function logBinomial(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/** log of the beta function B(a, b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/**
 * The complementary error function erfc(x) = 1 − erf(x) (scipy.special.erfc), to full double precision in
 * relative terms, including the far tail (erfc(26) ≈ 5.7e-296).
 *
 * |x| < 1: 1 − erf(x) with the series erf(x) = 2/√π · e^{-x²} Σ 2^n x^{2n+1} / (1·3·…·(2n+1)) (positive terms;
 * erfc(1) ≈ 0.157 so the subtraction costs under one digit); x ≥ 1: the Laplace continued fraction evaluated with
 * the modified Lentz method. O(1) (at most a few hundred terms, near x = 1).
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 1) return 1 - erfSeries(x);
  if (x > 27.3) return 0;
  return (Math.exp(-x * x) / SQRT_PI) * erfcContinuedFraction(x);
}

/** The error function erf(x) (scipy.special.erf). */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return -erf(-x);
  if (x < 2.5) return erfSeries(x);
  return 1 - erfc(x);
}

function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return (2 / SQRT_PI) * Math.exp(-x2) * sum;
}

/** 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))): erfc(x) = e^{-x²}/√π times this. */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 5000; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 / f;
}

/** Standard normal cumulative distribution Φ(z) (scipy.stats.norm.cdf), full relative precision in the left tail. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Standard normal survival function 1 − Φ(z) (scipy.stats.norm.sf), full relative precision in the right tail. */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/**
 * Quantile of the standard normal distribution Φ⁻¹(p) (scipy.stats.norm.ppf). Acklam's rational approximation
 * (relative error 1.15e-9) refined by one Halley step on erfc, which gives about 1e-15. O(1).
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pLow = 0.02425;
  let x: number;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - pLow) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log1p(-p));
    x =
      -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  // Halley refinement; the residual is taken on the side of the smaller tail to keep relative precision.
  for (let iteration = 0; iteration < 2; iteration++) {
    const e = p < 0.5 ? normalCdf(x) - p : 1 - p - normalSf(x);
    const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
    x = x - u / (1 + (x * u) / 2);
  }
  return x;
}

/**
 * Regularized lower incomplete gamma P(a, x) = γ(a, x)/Γ(a) (scipy.special.gammainc). Series for x < a + 1,
 * continued fraction otherwise (Numerical Recipes §6.2). Relative error about 1e-14. O(√a) terms.
 */
export function regularizedGammaP(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0 || x < 0) return NaN;
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  if (x < a + 1) return gammaSeries(a, x);
  return 1 - gammaContinuedFraction(a, x);
}

/**
 * Regularized upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a) (scipy.special.gammaincc), with full relative
 * precision in the upper tail (continued fraction for x ≥ a + 1). O(√a) terms.
 */
export function regularizedGammaQ(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0 || x < 0) return NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  if (x < a + 1) return 1 - gammaSeries(a, x);
  return gammaContinuedFraction(a, x);
}

function gammaPrefactor(a: number, x: number): number {
  return Math.exp(a * Math.log(x) - x - logGamma(a));
}

function gammaSeries(a: number, x: number): number {
  let ap = a;
  let sum = 1 / a;
  let term = sum;
  for (let n = 0; n < 100000; n++) {
    ap += 1;
    term *= x / ap;
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * DBL_EPSILON) break;
  }
  return sum * gammaPrefactor(a, x);
}

function gammaContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < DBL_EPSILON) break;
  }
  return gammaPrefactor(a, x) * h;
}

/**
 * Survival function of the chi-square distribution with `dof` degrees of freedom (scipy.stats.chi2.sf):
 * Q(dof/2, x/2). Returns 1 for x ≤ 0 and 0 for x = ∞.
 */
export function chiSquareSf(x: number, dof: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  return regularizedGammaQ(dof / 2, x / 2);
}

/**
 * Regularized incomplete beta function I_x(a, b) (scipy.special.betainc), by the continued fraction of
 * Numerical Recipes §6.4 (modified Lentz), using the symmetry I_x(a,b) = 1 − I_{1−x}(b,a) where it converges
 * faster. Relative error about 1e-14. O(√max(a,b)) terms.
 */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (Number.isNaN(x) || Number.isNaN(a) || Number.isNaN(b) || a <= 0 || b <= 0) return NaN;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  if (x > (a + 1) / (a + b + 2)) return 1 - regularizedBetaComplement(x, a, b);
  return betaFront(x, a, b) * betaContinuedFraction(x, a, b);
}

/** 1 − I_x(a, b), computed without cancellation where it is small. */
export function regularizedBetaComplement(x: number, a: number, b: number): number {
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  const y = 1 - x;
  if (y > (b + 1) / (a + b + 2)) return 1 - regularizedBeta(x, a, b);
  return betaFront(y, b, a) * betaContinuedFraction(y, b, a);
}

function betaFront(x: number, a: number, b: number): number {
  return Math.exp(a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b)) / a;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 100000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < DBL_EPSILON) break;
  }
  return h;
}

/**
 * Quantile of the Beta(a, b) distribution: the x with I_x(a, b) = p (scipy.stats.beta.ppf), or with
 * 1 − I_x(a, b) = p when `upper` is true (scipy.stats.beta.isf). Safeguarded Newton iteration inside a shrinking
 * bracket; relative error about 1e-13. O(log(1/ε)) evaluations of I_x.
 */
export function betaQuantile(p: number, a: number, b: number, upper = false): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(a > 0) || !(b > 0)) return NaN;
  if (p === 0) return upper ? 1 : 0;
  if (p === 1) return upper ? 0 : 1;
  // Residual that increases with x, measured on the side that keeps relative precision.
  const residual = (x: number): number =>
    upper ? p - regularizedBetaComplement(x, a, b) : regularizedBeta(x, a, b) - p;
  let lo = 0;
  let hi = 1;
  // Start at the mean; Newton with bisection fallback.
  let x = a / (a + b);
  const logB = logBeta(a, b);
  for (let iteration = 0; iteration < 300; iteration++) {
    const r = residual(x);
    if (r === 0) return x;
    if (r < 0) lo = x;
    else hi = x;
    const density = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logB);
    let next = x - r / density;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-15 * Math.max(x, 1e-300) || hi - lo <= 1e-300) return next;
    x = next;
  }
  return x;
}

/**
 * Modified Bessel function of the second kind K_ν(x) for real ν and x > 0 (scipy.special.kv), from the integral
 * K_ν(x) = ∫₀^∞ e^{−x cosh t} cosh(νt) dt by the trapezoidal rule, which converges geometrically for this
 * analytic, doubly-exponentially decaying integrand. Relative error about 1e-14 for 1e-3 ≤ x ≤ 700.
 */
export function besselK(nu: number, x: number): number {
  if (!(x > 0)) return x === 0 ? Infinity : NaN;
  const step = 0.02;
  let sum = 0.5 * Math.exp(-x);
  for (let k = 1; k < 100000; k++) {
    const t = k * step;
    const term = Math.exp(-x * Math.cosh(t)) * Math.cosh(nu * t);
    sum += term;
    if (term < sum * 1e-18) break;
  }
  return sum * step;
}

/** Round half to even, like numpy.round, for the sample-size rounding scipy does. */
export function roundHalfToEven(x: number): number {
  const r = Math.round(x);
  if (Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}
