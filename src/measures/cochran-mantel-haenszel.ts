import { DriftlabError } from "../errors.js";
import { chiSquareSf, normalQuantile } from "./special.js";

/** One 2×2 stratum [[a, b], [c, d]]: rows are the two groups, columns the two outcomes. */
export type TwoByTwo = readonly [number, number, number, number];

/** Result of {@link cochranMantelHaenszel}. */
export interface CochranMantelHaenszelResult {
  /** CMH chi-square statistic (1 degree of freedom) of the null "odds ratio 1 in every stratum". */
  statistic: number;
  pValue: number;
  /** The Mantel–Haenszel pooled odds ratio Σ(ad/n) / Σ(bc/n). */
  commonOddsRatio: number;
  /** Robins–Breslow–Greenland confidence interval of the pooled odds ratio. */
  oddsRatioInterval: { lower: number; upper: number };
  /** Breslow–Day statistic of the null "the odds ratio is the same in every stratum" (homogeneity). */
  homogeneityStatistic: number;
  homogeneityPValue: number;
  /** Degrees of freedom of the homogeneity test: strata used − 1. */
  homogeneityDof: number;
  /** Strata that entered the tests (strata with fewer than 2 rows carry no information and are left out). */
  strata: number;
}

/** Options of {@link cochranMantelHaenszel}. */
export interface CochranMantelHaenszelOptions {
  /** Continuity correction of the CMH statistic (subtract ½ from |Σa − ΣE(a)|). Default false. */
  correction?: boolean;
  /** Tarone's adjustment of the Breslow–Day statistic. Default false. */
  tarone?: boolean;
  /** 1 − confidence level of the odds-ratio interval. Default 0.05. */
  alpha?: number;
}

/**
 * The Cochran–Mantel–Haenszel test over K 2×2 strata (Mantel & Haenszel 1959), the Mantel–Haenszel pooled odds
 * ratio with the Robins–Breslow–Greenland interval (1986), and the Breslow–Day test of homogeneous odds ratios
 * (1980; with Tarone's 1985 adjustment on request). Matches statsmodels'
 * `StratifiedTable(tables).test_null_odds(correction)`, `.oddsratio_pooled`, `.oddsratio_pooled_confint(alpha)`
 * and `.test_equal_odds(adjust)`.
 *
 * CMH = (|Σₖ aₖ − Σₖ (a+b)ₖ(a+c)ₖ/nₖ| − ½·correction)² / Σₖ (a+b)(a+c)(b+d)(c+d)/(n²(n−1)), χ²₁.
 * Strata with fewer than 2 rows are left out; the homogeneity test also leaves out strata with an empty row or
 * column (their odds ratio is undefined). O(K).
 */
export function cochranMantelHaenszel(
  tables: readonly TwoByTwo[],
  options: CochranMantelHaenszelOptions = {},
): CochranMantelHaenszelResult {
  const alpha = options.alpha ?? 0.05;
  for (const [k, t] of tables.entries()) {
    for (const v of t) {
      if (!(v >= 0 && Number.isFinite(v))) {
        throw new DriftlabError(
          "UNSUPPORTED_INPUT",
          `Stratum ${k} holds ${v}; counts must be finite and ≥ 0.`,
          {
            subject: "tables",
          },
        );
      }
    }
  }
  const used = tables.filter((t) => t[0] + t[1] + t[2] + t[3] >= 2);
  if (used.length === 0) {
    throw new DriftlabError(
      "EMPTY_TABLE",
      "The Cochran–Mantel–Haenszel test needs a stratum with at least 2 rows.",
      {
        subject: "tables",
      },
    );
  }
  let observed = 0;
  let expected = 0;
  let variance = 0;
  let r = 0;
  let s = 0;
  // Robins–Breslow–Greenland sums
  let pr = 0;
  let ps = 0;
  let qs = 0;
  for (const [a, b, c, d] of used) {
    const n = a + b + c + d;
    observed += a;
    expected += ((a + b) * (a + c)) / n;
    variance += ((a + b) * (a + c) * (b + d) * (c + d)) / (n * n * (n - 1));
    const rk = (a * d) / n;
    const sk = (b * c) / n;
    const pk = (a + d) / n;
    const qk = (b + c) / n;
    r += rk;
    s += sk;
    pr += pk * rk;
    ps += pk * sk + qk * rk;
    qs += qk * sk;
  }
  let deviation = Math.abs(observed - expected);
  if (options.correction === true) deviation -= 0.5;
  const statistic = variance > 0 ? (deviation * deviation) / variance : 0;
  const commonOddsRatio = r / s;
  const logVariance = pr / (2 * r * r) + ps / (2 * r * s) + qs / (2 * s * s);
  const z = normalQuantile(1 - alpha / 2);
  const logOr = Math.log(commonOddsRatio);
  const homogeneity = breslowDay(used, commonOddsRatio, options.tarone === true);
  return {
    statistic,
    pValue: chiSquareSf(statistic, 1),
    commonOddsRatio,
    oddsRatioInterval: {
      lower: Math.exp(logOr - z * Math.sqrt(logVariance)),
      upper: Math.exp(logOr + z * Math.sqrt(logVariance)),
    },
    homogeneityStatistic: homogeneity.statistic,
    homogeneityPValue: homogeneity.dof > 0 ? chiSquareSf(homogeneity.statistic, homogeneity.dof) : 1,
    homogeneityDof: homogeneity.dof,
    strata: used.length,
  };
}

/** Breslow–Day: Σ (aₖ − E[aₖ | OR_MH])² / Var, E from the quadratic that fixes the margins at the pooled odds ratio. */
function breslowDay(
  tables: readonly TwoByTwo[],
  oddsRatio: number,
  tarone: boolean,
): { statistic: number; dof: number } {
  const informative = tables.filter(([a, b, c, d]) => a + b > 0 && c + d > 0 && a + c > 0 && b + d > 0);
  if (informative.length < 2 || !(oddsRatio > 0 && Number.isFinite(oddsRatio)))
    return { statistic: 0, dof: 0 };
  let statistic = 0;
  let sumDeviation = 0;
  let sumVariance = 0;
  for (const [a, b, c, d] of informative) {
    const apb = a + b;
    const apc = a + c;
    const dma = d - a;
    // (1 − R) e² + (R (apb + apc) + dma) e − R apb apc = 0, the root in the feasible range
    const qa = 1 - oddsRatio;
    const qb = oddsRatio * (apb + apc) + dma;
    const qc = -oddsRatio * apb * apc;
    const e = Math.abs(qa) < 1e-12 ? -qc / qb : (-qb + Math.sqrt(qb * qb - 4 * qa * qc)) / (2 * qa);
    const v = 1 / (1 / e + 1 / (apc - e) + 1 / (apb - e) + 1 / (dma + e));
    statistic += ((a - e) * (a - e)) / v;
    sumDeviation += a - e;
    sumVariance += v;
  }
  if (tarone) statistic -= (sumDeviation * sumDeviation) / sumVariance;
  return { statistic, dof: informative.length - 1 };
}
