import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fromColumns } from "../../src/data/index.js";
import { profile } from "../../src/stats/profile.js";

// Written by fixtures/make_small_moments_reference.py (scipy.stats.skew / kurtosis, bias=True, fisher=True).
const reference = JSON.parse(
  readFileSync(new URL("./fixtures/small-moments.json", import.meta.url), "utf8"),
) as { values: number[]; skewness: number | null; kurtosis: number | null }[];

describe("skewness and kurtosis of tiny samples, as scipy", () => {
  for (const row of reference) {
    it(`gives scipy's values for [${row.values.join(", ")}]`, () => {
      const stats = profile(fromColumns({ x: row.values })).feature("x").numeric!;
      for (const key of ["skewness", "kurtosis"] as const) {
        const expected = row[key];
        if (expected === null) expect(stats[key]).toBeNaN();
        else expect(Math.abs(stats[key] - expected)).toBeLessThan(1e-12);
      }
    });
  }
});
