import { describe, expect, it } from "vitest";
import { clopperPearsonInterval, wilsonInterval } from "../../src/measures/proportion-intervals.js";
import { STATISTIC_RTOL, expectClose, reference, type JsonNumber } from "./reference.js";

interface IntervalCase {
  successes: number;
  n: number;
  alpha: number;
  wilson: [JsonNumber, JsonNumber];
  clopperPearson: [JsonNumber, JsonNumber];
}

describe("proportion intervals against statsmodels proportion_confint", () => {
  for (const row of reference.proportionIntervals as IntervalCase[]) {
    it(`match for ${row.successes}/${row.n} at alpha ${row.alpha}`, () => {
      const wilson = wilsonInterval(row.successes, row.n, row.alpha);
      expectClose(wilson.lower, row.wilson[0], STATISTIC_RTOL, "wilson lower", 1e-14);
      expectClose(wilson.upper, row.wilson[1], STATISTIC_RTOL, "wilson upper", 1e-14);
      const exact = clopperPearsonInterval(row.successes, row.n, row.alpha);
      expectClose(exact.lower, row.clopperPearson[0], STATISTIC_RTOL, "clopper-pearson lower", 1e-14);
      expectClose(exact.upper, row.clopperPearson[1], STATISTIC_RTOL, "clopper-pearson upper", 1e-14);
    });
  }

  it("reproduces Newcombe (1998), Table I, 81/263: Wilson 0.2553–0.3662, exact 0.2527–0.3676", () => {
    const wilson = wilsonInterval(81, 263);
    expect(wilson.lower).toBeCloseTo(0.2553, 4);
    expect(wilson.upper).toBeCloseTo(0.3662, 4);
    const exact = clopperPearsonInterval(81, 263);
    expect(exact.lower).toBeCloseTo(0.2527, 4);
    expect(exact.upper).toBeCloseTo(0.3676, 4);
  });
});
