import { describe, expect, it } from "vitest";
import { kolmogorovSf, smirnovSf } from "../../src/measures/kolmogorov.js";
import {
  besselK,
  betaQuantile,
  chiSquareSf,
  erfc,
  logGamma,
  normalCdf,
  normalQuantile,
  regularizedBeta,
} from "../../src/measures/special.js";
import { expectClose, reference } from "./reference.js";

interface Row {
  [key: string]: number;
}

describe("special functions against scipy.special", () => {
  it("log-gamma matches gammaln", () => {
    for (const row of reference.special.logGamma as Row[]) {
      expectClose(logGamma(row.x), row.value, 1e-13, `logGamma(${row.x})`, 1e-14);
    }
  });

  it("erfc keeps full relative precision into the far tail", () => {
    for (const row of reference.special.erfc as Row[]) {
      expectClose(erfc(row.x), row.value, 1e-13, `erfc(${row.x})`, 0);
    }
  });

  it("the normal quantile matches norm.ppf, also for p = 1e-300", () => {
    for (const row of reference.special.normalQuantile as Row[]) {
      expectClose(normalQuantile(row.p), row.value, 1e-12, `normalQuantile(${row.p})`, 1e-15);
    }
  });

  it("the chi-square survival function matches chi2.sf", () => {
    for (const row of reference.special.chiSquareSf as Row[]) {
      expectClose(chiSquareSf(row.x, row.dof), row.value, 1e-11, `chiSquareSf(${row.x}, ${row.dof})`, 0);
    }
  });

  it("the regularized incomplete beta matches betainc", () => {
    for (const row of reference.special.regularizedBeta as Row[]) {
      expectClose(
        regularizedBeta(row.x, row.a, row.b),
        row.value,
        1e-12,
        `I_${row.x}(${row.a}, ${row.b})`,
        0,
      );
    }
  });

  it("the beta quantile matches beta.ppf and beta.isf", () => {
    for (const row of reference.special.betaQuantile as Row[]) {
      expectClose(
        betaQuantile(row.p, row.a, row.b),
        row.value,
        1e-10,
        `beta.ppf(${row.p}, ${row.a}, ${row.b})`,
      );
      expectClose(betaQuantile(row.p, row.a, row.b, true), row.upperValue, 1e-10, `beta.isf(${row.p})`);
    }
  });

  it("K_1/4 matches kv", () => {
    for (const row of reference.special.besselK as Row[]) {
      expectClose(besselK(row.nu, row.x), row.value, 1e-12, `kv(${row.nu}, ${row.x})`, 0);
    }
  });

  it("the one-sided Smirnov survival function matches smirnov", () => {
    for (const row of reference.special.smirnovSf as Row[]) {
      expectClose(smirnovSf(row.n, row.d), row.value, 1e-10, `smirnov(${row.n}, ${row.d})`, 0);
    }
  });

  // Where scipy uses Pomeranz' recursion (n <= 140, 0.754693 < n d² <= 4) we use the Durbin matrix; both are exact,
  // so the agreement is to rounding (1e-9 here, far inside the 1e-4 p-value tolerance).
  it("the finite-n Kolmogorov survival function matches kstwo.sf on every branch", () => {
    for (const row of reference.special.kolmogorovSf as Row[]) {
      expectClose(kolmogorovSf(row.n, row.d), row.value, 1e-9, `kstwo.sf(${row.d}, ${row.n})`, 1e-15);
    }
  });

  it("gives textbook values: Φ(1.96) = 0.9750021, χ²₁ 5 % point 3.841459, Kolmogorov 1.358/√n at 5 %", () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 15);
    expect(chiSquareSf(3.841458820694124, 1)).toBeCloseTo(0.05, 14);
    // Smirnov's asymptotic 5 % critical value: Pr(√n D_n ≥ 1.3581) → 0.05 as n grows.
    expect(kolmogorovSf(100000, 1.3581 / Math.sqrt(100000))).toBeCloseTo(0.05, 3);
  });
});
