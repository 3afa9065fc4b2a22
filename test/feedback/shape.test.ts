import { describe, expect, it } from "vitest";
import { regimeOf } from "../../src/feedback/regime.js";
import { fitShape } from "../../src/feedback/shape.js";
import type { PerformanceAlarm } from "../../src/feedback/types.js";
import { seededRandom } from "../../src/measures/bootstrap.js";

function noisy(seed: number, f: (t: number) => number, n = 30): { t: number[]; y: number[] } {
  const random = seededRandom(seed);
  const t = Array.from({ length: n }, (_, i) => i);
  return { t, y: t.map((i) => f(i) + 0.01 * (random() - 0.5)) };
}

describe("sudden or gradual", () => {
  it("calls a one-window dip that recovers sudden (pulse)", () => {
    const { t, y } = noisy(1, (i) => (i === 15 ? 0.5 : 0.8));
    const fit = fitShape(t, y, 15);
    expect(fit.type).toBe("sudden");
    expect(fit.model).toBe("pulse");
    expect(fit.levelAfter).toBeCloseTo(0.5, 1);
  });

  it("calls a level shift sudden (step)", () => {
    const { t, y } = noisy(2, (i) => (i < 15 ? 0.8 : 0.6));
    const fit = fitShape(t, y, 15);
    expect(fit.type).toBe("sudden");
    expect(fit.model).toBe("step");
    expect(t[fit.from]).toBe(15);
  });

  it("calls a slow decline gradual (trend) and finds where it began", () => {
    const { t, y } = noisy(3, (i) => (i < 10 ? 0.8 : 0.8 - 0.01 * (i - 10)));
    const fit = fitShape(t, y, 22);
    expect(fit.type).toBe("gradual");
    expect(Math.abs(t[fit.from] - 10)).toBeLessThanOrEqual(2);
    expect(fit.slope).toBeCloseTo(-0.01, 2);
  });
});

function gradual(decayPerWindow: number): PerformanceAlarm {
  return {
    id: 0,
    type: "gradual",
    source: "band",
    metric: "accuracy",
    start: "x",
    end: "x",
    windows: ["x"],
    onset: "x",
    worst: null,
    decayPerWindow,
    detectors: [],
    evidence: [],
    features: [],
    incidents: [],
  };
}

describe("how fast ground truth moves", () => {
  const base = {
    series: [],
    primary: "accuracy" as const,
    band: {
      metric: "accuracy" as const,
      mean: 0.8,
      std: 0.02,
      lower: 0.74,
      upper: 0.86,
      referenceWindows: 10,
    },
    referenceIndex: [0, 1, 2],
    windowDays: 1,
    lagMedianMs: 2 * 86_400_000,
    lagP90Ms: 6 * 86_400_000,
  };
  it("is very fast when the model falls through its band in days", () => {
    // 3σ = 0.06 at 0.02 a day: 3 days.
    const r = regimeOf({ ...base, alarms: [gradual(0.02)] });
    expect(r.decayDays).toBeCloseTo(3, 9);
    expect(r.regime).toBe("very fast");
  });
  it("is faster (weeks) at 0.003 a day, and says labels come too late when the p90 lag exceeds half of it", () => {
    const r = regimeOf({ ...base, lagP90Ms: 12 * 86_400_000, alarms: [gradual(0.003)] });
    expect(r.decayDays).toBeCloseTo(20, 9);
    expect(r.regime).toBe("faster");
    expect(r.cadence).toContain("weekly");
    expect(r.reasons.join(" ")).toContain("too late");
  });
  it("is slow when nothing decays", () => {
    const series = Array.from({ length: 20 }, (_, i) => ({ index: i, value: 0.8 + (i % 2) * 0.01 }));
    const r = regimeOf({ ...base, series, alarms: [] });
    expect(r.decayDays).toBeNull();
    expect(r.regime).toBe("slow");
  });
});
