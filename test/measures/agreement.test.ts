import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cohenKappa, fleissKappa, krippendorffAlpha } from "../../src/measures/agreement.js";

// Written by fixtures/make_classification.py (scikit-learn 1.2.1, statsmodels 0.13.5).
const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/classification.json", import.meta.url), "utf8"),
) as {
  cohen: { a: number[]; b: number[]; none: number; linear: number; quadratic: number };
  cohenStrings: { a: string[]; b: string[]; none: number };
  fleiss: { table: number[][]; kappa: number };
};

describe("Cohen's kappa", () => {
  it("matches sklearn's cohen_kappa_score, unweighted, linear and quadratic", () => {
    const c = fixture.cohen;
    expect(cohenKappa(c.a, c.b)).toBeCloseTo(c.none, 12);
    expect(cohenKappa(c.a, c.b, "linear")).toBeCloseTo(c.linear, 12);
    expect(cohenKappa(c.a, c.b, "quadratic")).toBeCloseTo(c.quadratic, 12);
  });
  it("works on string labels", () => {
    const c = fixture.cohenStrings;
    expect(cohenKappa(c.a, c.b)).toBeCloseTo(c.none, 12);
  });
});

describe("Fleiss' kappa", () => {
  it("matches statsmodels' fleiss_kappa", () => {
    expect(fleissKappa(fixture.fleiss.table).kappa).toBeCloseTo(fixture.fleiss.kappa, 12);
  });
  it("rejects items with different numbers of raters", () => {
    expect(() =>
      fleissKappa([
        [2, 1],
        [1, 1],
      ]),
    ).toThrow(/same number of raters/);
  });
});

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", Annenberg School for Communication.
describe("Krippendorff's alpha reproduces the worked examples of Krippendorff (2011)", () => {
  it("A. binary data, two observers, no missing data: α = 0.095", () => {
    const a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    const units = a.map((v, i) => [v, b[i]]);
    expect(krippendorffAlpha(units, "nominal").alpha).toBeCloseTo(0.095, 3);
  });

  // C. four observers, 12 units, missing values ("."), values 1–5.
  const observers: (number | null)[][] = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
    [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
  ];
  const units = observers[0].map((_, u) => observers.map((o) => o[u]));

  it("C. nominal, four observers with missing data: α = 0.743", () => {
    const r = krippendorffAlpha(units, "nominal");
    expect(r.alpha).toBeCloseTo(0.743, 3);
    expect(r.pairableValues).toBe(40);
    // Unit 12 has one value only: not pairable. Units where all agree contribute nothing.
    expect(r.unitDisagreement[11]).toBeNull();
    expect(r.unitDisagreement[0]).toBe(0);
    expect(r.unitDisagreement[5]).toBeGreaterThan(0);
  });

  it("C. interval, same data: α = 0.849", () => {
    expect(krippendorffAlpha(units, "interval").alpha).toBeCloseTo(0.849, 3);
  });

  it("refuses interval level on categories", () => {
    expect(() => krippendorffAlpha([["a", "b"]], "interval")).toThrow(/nominal/);
  });
});
