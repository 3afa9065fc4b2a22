/**
 * Statistical tests and distances: pure functions over samples (Float64Array or any numeric array-like, missing
 * values already removed) and over counts or proportions on aligned bins.
 */

export { ksTwoSample } from "./kolmogorov-smirnov.js";
export type { KsTwoSampleOptions, KsTwoSampleResult } from "./kolmogorov-smirnov.js";
export { kolmogorovSf, smirnovSf } from "./kolmogorov.js";
export { chiSquareContingency, chiSquareGoodnessOfFit, chiSquareTwoSampleCounts } from "./chi-square.js";
export type { ChiSquareResult } from "./chi-square.js";
export { twoProportionZTest } from "./proportion-z-test.js";
export type { ZTestResult } from "./proportion-z-test.js";
export { fisherExact } from "./fisher-exact.js";
export type { FisherAlternative, FisherExactResult } from "./fisher-exact.js";
export { andersonDarlingKSample } from "./anderson-darling.js";
export type { AndersonDarlingResult } from "./anderson-darling.js";
export { cramerVonMisesTwoSample, cramerVonMisesLimitingCdf } from "./cramer-von-mises.js";
export type { CramerVonMisesResult } from "./cramer-von-mises.js";
export { mannWhitneyU } from "./mann-whitney.js";
export type { MannWhitneyResult } from "./mann-whitney.js";
export {
  hellinger,
  jensenShannonDistance,
  jensenShannonDivergence,
  kullbackLeibler,
  lInfinity,
  populationStabilityIndex,
  totalVariation,
} from "./probability-distances.js";
export type { LInfinityResult, PsiOptions } from "./probability-distances.js";
export { energyDistance, wasserstein1, wassersteinNormed } from "./sample-distances.js";
export {
  alignedCategoryCounts,
  alignedHistogram,
  binEdges,
  histogramCounts,
  quantileOfSorted,
} from "./binning.js";
export type { AlignedCategoryCounts, AlignedHistogram, BinRule } from "./binning.js";
export { adjustPValues, benjaminiHochberg, bonferroni, holm, rejected } from "./multiple-testing.js";
export { clopperPearsonInterval, wilsonInterval } from "./proportion-intervals.js";
export type { Interval } from "./proportion-intervals.js";
export { bootstrapInterval, seededRandom } from "./bootstrap.js";
export type { BootstrapInterval, BootstrapOptions } from "./bootstrap.js";
export { midranks } from "./ranks.js";
export { studentTQuantile, studentTSf } from "./student-t.js";
export {
  betaQuantile,
  chiSquareSf,
  erf,
  erfc,
  logGamma,
  normalCdf,
  normalQuantile,
  normalSf,
  regularizedBeta,
  regularizedGammaP,
  regularizedGammaQ,
} from "./special.js";
