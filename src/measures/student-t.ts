/** Student's t distribution, for Welch's t-test and t intervals (checked against scipy.stats.t in test/fairness). */
import { betaQuantile, normalQuantile, normalSf, regularizedBeta } from "./special.js";

/** Survival function of Student's t with `dof` degrees of freedom: Pr(T > t) (scipy `t.sf`). */
export function studentTSf(t: number, dof: number): number {
  if (Number.isNaN(t) || !(dof > 0)) return NaN;
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  if (dof === Infinity) return normalSf(t);
  const tail = 0.5 * regularizedBeta(dof / (dof + t * t), dof / 2, 0.5);
  return t > 0 ? tail : 1 - tail;
}

/** Quantile of Student's t with `dof` degrees of freedom (scipy `t.ppf`), 0 < p < 1. */
export function studentTQuantile(p: number, dof: number): number {
  if (dof === Infinity || dof > 1e7) return normalQuantile(p);
  if (p === 0.5) return 0;
  const tail = Math.min(p, 1 - p);
  const x = betaQuantile(2 * tail, dof / 2, 0.5);
  const t = Math.sqrt((dof * (1 - x)) / x);
  return p < 0.5 ? -t : t;
}
