import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { alignHistograms, compareFeature } from "../../src/schema/comparators.js";
import { profile, type Profile } from "../../src/stats/profile.js";
import { jensenShannonDivergence } from "../../src/measures/index.js";
import type { ComparatorSpec } from "../../src/schema/index.js";
import { seattleYear, taxi } from "./helpers.js";

/** Computed with numpy/scipy by fixtures/make_comparator_reference.py (an independent histogram alignment). */
const reference = JSON.parse(readFileSync("test/schema/fixtures/comparator-reference.json", "utf8"));

const L_INFINITY: ComparatorSpec = { measure: "lInfinity", threshold: 0.01 };
const JSD: ComparatorSpec = { measure: "jensenShannonDivergence", threshold: 0.01 };

function measure(spec: ComparatorSpec, current: Profile, previous: Profile, name: string) {
  const result = compareFeature(spec, current.feature(name), previous.feature(name), "previous");
  expect(result).toBeDefined();
  return result!;
}

describe("comparators against numpy/scipy", () => {
  it("L-infinity and JS divergence of seattle-weather 2013 versus 2012", async () => {
    const [p2012, p2013] = [profile(await seattleYear(2012)), profile(await seattleYear(2013))];
    const ref = reference["seattle 2013 vs 2012"];
    const weather = measure(L_INFINITY, p2013, p2012, "weather");
    expect(weather.value).toBeCloseTo(ref.weather.lInfinity.value, 12);
    expect(weather.category).toBe(ref.weather.lInfinity.category);
    expect(measure(JSD, p2013, p2012, "weather").value).toBeCloseTo(ref.weather.jensenShannonDivergence, 12);
    for (const name of ["precipitation", "temp_max", "temp_min", "wind"]) {
      expect(measure(JSD, p2013, p2012, name).value, name).toBeCloseTo(ref[name].jensenShannonDivergence, 12);
    }
  });

  it("L-infinity names Cash on the crafted serving data, JS divergence counts NaN and ±Infinity as buckets", async () => {
    const { training, serving } = await taxi();
    const [previous, current] = [profile(training), profile(serving)];
    const ref = reference["serving vs training"];
    const payment = measure(L_INFINITY, current, previous, "payment_type");
    expect(payment.value).toBeCloseTo(ref.payment_type.lInfinity.value, 12);
    expect(payment.category).toBe("Cash");
    expect(measure(JSD, current, previous, "payment_type").value).toBeCloseTo(
      ref.payment_type.jensenShannonDivergence,
      12,
    );
    const shared = measure(L_INFINITY, current, previous, "shared_trip");
    expect(shared.value).toBeCloseTo(ref.shared_trip.lInfinity.value, 12);
    expect(shared.category).toBe(ref.shared_trip.lInfinity.category);
    for (const name of ["fare", "trip_miles", "tip_rate", "extras"]) {
      expect(measure(JSD, current, previous, name).value, name).toBeCloseTo(
        ref[name].jensenShannonDivergence,
        12,
      );
    }
  });
});

describe("alignHistograms (TFDV's AlignHistograms)", () => {
  it("spreads each bucket's count uniformly over the union of boundaries", () => {
    const aligned = alignHistograms(
      { edges: [0, 10], counts: [10], method: "exact" },
      { edges: [5, 10, 15], counts: [4, 6], method: "exact" },
    );
    expect(aligned.boundaries).toEqual([0, 5, 10, 15]);
    expect(aligned.a).toEqual([5, 5, 0]);
    expect(aligned.b).toEqual([0, 4, 6]);
  });

  it("keeps point buckets of constant features apart", () => {
    const constant = { edges: [3, 3], counts: [8], method: "exact" as const };
    const same = alignHistograms(constant, constant);
    expect(same.a).toEqual([8]);
    expect(jensenShannonDivergence(same.a, same.b)).toBe(0);
    const spread = alignHistograms(constant, { edges: [0, 10], counts: [5], method: "exact" });
    expect(spread.a).toEqual([0, 8]);
    expect(spread.b).toEqual([5, 0]);
    expect(jensenShannonDivergence(spread.a, spread.b)).toBeCloseTo(1, 12);
  });

  it("gives 0 for a feature compared with itself, on either histogram", async () => {
    const p = profile(await seattleYear(2012));
    expect(measure(JSD, p, p, "wind").value).toBe(0);
    expect(measure({ ...JSD, histogram: "quantiles" }, p, p, "wind").value).toBe(0);
    expect(measure(L_INFINITY, p, p, "weather")).toMatchObject({ value: 0, exceeds: false });
  });
});
