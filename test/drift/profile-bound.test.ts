import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { drift } from "../../src/drift/drift.js";
import { KllSketch } from "../../src/sketch/kll.js";
import { profile } from "../../src/stats/profile.js";

// Issue 16's case: n = 12,000 / 11,000 with the exact KS p-value just above 0.05 (scipy, ks-profile-bound.py).
const reference = JSON.parse(readFileSync("test/drift/fixtures/ks-profile-bound.json", "utf8")) as {
  referenceSeed: number;
  currentSeed: number;
  referenceN: number;
  currentN: number;
  shift: number;
  statistic: number;
  pValue: number;
};

/** The fixture script's 32-bit LCG (Numerical Recipes constants): uniforms in [0, 1). */
function lcg(seed: number, n: number): Float64Array {
  const out = new Float64Array(n);
  let state = seed >>> 0;
  for (let i = 0; i < n; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state / 2 ** 32;
  }
  return out;
}

const referenceData = { x: lcg(reference.referenceSeed, reference.referenceN) };
const currentData = { x: lcg(reference.currentSeed, reference.currentN).map((v) => v + reference.shift) };
const options = { method: "ks", correction: "none" } as const;

describe("drift from profiles accounts for the sketch error", () => {
  it("on the rows: KS D and p as scipy, no drift at 0.05", () => {
    const exact = drift(referenceData, currentData, options).feature("x");
    expect(exact.statistic).toBeCloseTo(reference.statistic, 12);
    expect(exact.pValue!).toBeCloseTo(reference.pValue, 4);
    expect(exact.drifted).toBe(false);
    expect(exact.bound).toBeUndefined();
  });

  it("on profiles: D ± ε contains the exact D and the p-value interval the exact p; the verdict is inconclusive", () => {
    const report = drift(profile(referenceData), profile(currentData), options);
    const fromProfiles = report.feature("x");
    const bound = fromProfiles.bound!;
    expect(fromProfiles.approximate).toBe(true);
    // Two default (k = 200) sketches: ε is the sum of both CDF rank errors.
    expect(bound.error).toBeCloseTo(2 * KllSketch.normalizedRankError(200, true), 12);
    expect(Math.abs(fromProfiles.statistic - reference.statistic)).toBeLessThanOrEqual(bound.error);
    expect(bound.statistic[0]).toBeLessThanOrEqual(reference.statistic);
    expect(bound.statistic[1]).toBeGreaterThanOrEqual(reference.statistic);
    expect(bound.pValue![0]).toBeLessThanOrEqual(reference.pValue);
    expect(bound.pValue![1]).toBeGreaterThanOrEqual(reference.pValue);
    expect(bound.inconclusive).toBe(true);
    expect(fromProfiles.drifted).toBe(false);
    expect(report.verdict.status).toBe("warn");
    expect(report.verdict.reasons.join(" ")).toContain("inconclusive from sketches");
    const text = report.toString();
    expect(text).toContain(`± ${bound.error.toFixed(3)}`);
    expect(text).toContain("? inconclusive");
  });

  it("decides when the threshold lies outside the interval", () => {
    const far = { x: lcg(reference.currentSeed, reference.currentN).map((v) => v + 0.1) };
    const fromProfiles = drift(profile(referenceData), profile(far), options).feature("x");
    expect(fromProfiles.bound!.inconclusive).toBe(false);
    expect(fromProfiles.bound!.pValue![1]).toBeLessThan(0.05);
    expect(fromProfiles.drifted).toBe(true);
  });

  it("sketches sized to hold every value give the exact D, with no interval", () => {
    const k = 16_384;
    const fromProfiles = drift(
      profile(referenceData, { kllK: k }),
      profile(currentData, { kllK: k }),
      options,
    );
    const feature = fromProfiles.feature("x");
    expect(feature.statistic).toBeCloseTo(reference.statistic, 12);
    expect(feature.bound).toBeUndefined();
    expect(feature.drifted).toBe(false);
  });

  it("sizes a sketch for a wanted rank error", () => {
    for (const epsilon of [0.05, 0.01, 0.002]) {
      const k = KllSketch.kForRankError(epsilon);
      expect(KllSketch.normalizedRankError(k, true)).toBeLessThanOrEqual(epsilon);
      expect(KllSketch.normalizedRankError(k - 1, true)).toBeGreaterThan(epsilon);
    }
  });
});
