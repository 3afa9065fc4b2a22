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
export {
  cramerVonMisesTwoSample,
  cramerVonMisesLimitingCdf,
  cramerVonMisesLimitingSf,
} from "./cramer-von-mises.js";
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
export { logisticPredict, logisticRegression } from "./logistic-regression.js";
export type { LogisticModel, LogisticRegressionOptions } from "./logistic-regression.js";
export { cochranMantelHaenszel } from "./cochran-mantel-haenszel.js";
export type {
  CochranMantelHaenszelOptions,
  CochranMantelHaenszelResult,
  TwoByTwo,
} from "./cochran-mantel-haenszel.js";
export { rocAuc } from "./roc-auc.js";
export type { RocAucResult } from "./roc-auc.js";
export { domainClassifier } from "./domain-classifier.js";
export type { DomainClassifierOptions, DomainClassifierResult } from "./domain-classifier.js";
export { blackBoxShiftEstimate } from "./black-box-shift.js";
export type { BlackBoxShiftOptions, BlackBoxShiftResult } from "./black-box-shift.js";
export { linearPredict, linearRegression } from "./linear-regression.js";
export type { LinearModel } from "./linear-regression.js";
export {
  accuracy,
  brierScore,
  confusionCounts,
  expectedCalibrationError,
  f1Score,
  logLoss,
  meanAbsoluteError,
  precision,
  recall,
  rocAucScore,
  rootMeanSquaredError,
} from "./classification-metrics.js";
export type { ConfusionCounts } from "./classification-metrics.js";
export { cohenKappa, fleissKappa, krippendorffAlpha } from "./agreement.js";
export type { FleissKappaResult, KappaWeights, KrippendorffResult, Rating } from "./agreement.js";
