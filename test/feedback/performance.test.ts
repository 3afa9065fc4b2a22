import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import { estimateMetrics } from "../../src/feedback/estimate.js";
import { join } from "../../src/feedback/join.js";
import { performance } from "../../src/feedback/performance.js";
import type { PerformanceReport } from "../../src/feedback/performance-report.js";
import type { PerformanceJSON } from "../../src/feedback/types.js";
import { simulateDeployment } from "../../src/feedback/simulate.js";
import { accuracy, rocAucScore } from "../../src/measures/classification-metrics.js";
import { wilsonInterval } from "../../src/measures/proportion-intervals.js";
import { seededRandom } from "../../src/measures/bootstrap.js";

const validate = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync("docs/report.schema.json", "utf8")),
);
const DAY = 86_400_000;
const t0 = Date.UTC(2026, 0, 5);

/** 12 days × 60 calibrated predictions; labels arrive after 1 day, except that the last two days are still open. */
function smallDeployment(seed: number): { joined: ReturnType<typeof join>; rowsOfDay: number[][] } {
  const random = seededRandom(seed);
  const predictions: Record<string, unknown>[] = [];
  const actuals: Record<string, unknown>[] = [];
  const rowsOfDay: number[][] = [];
  for (let day = 0; day < 12; day++) {
    rowsOfDay.push([]);
    for (let k = 0; k < 60; k++) {
      const score = random();
      const y = random() < score ? 1 : 0;
      const id = `d${day}k${k}`;
      rowsOfDay[day].push(predictions.length);
      const ts = t0 + day * DAY + k * 60_000;
      predictions.push({ id, ts: new Date(ts), score, prediction: score >= 0.5 ? 1 : 0 });
      // Day 11: only 10 labels, all of them wrong, arrived early: must not be scored as bad.
      if (day === 11 && k >= 10) continue;
      actuals.push({
        id,
        y: day === 11 ? 1 - (score >= 0.5 ? 1 : 0) : y,
        at: new Date(ts + (day === 11 ? 0.1 : 1) * DAY),
      });
    }
  }
  const joined = join(predictions, actuals, {
    key: "id",
    time: "ts",
    label: "y",
    labelTime: "at",
    asOf: new Date(t0 + 12 * DAY),
  });
  return { joined, rowsOfDay };
}

describe("feedback.performance", () => {
  const { joined, rowsOfDay } = smallDeployment(3);
  const report = performance(joined, {
    score: "score",
    prediction: "prediction",
    reference: 6,
    resamples: 100,
  });
  const json = report.toJSON();

  it("scores each window with the metrics of its labelled rows and Wilson intervals", () => {
    const day = json.windows[7];
    const rows = rowsOfDay[7].filter((r) => !Number.isNaN(joined.label[r]));
    const y = rows.map((r) => joined.label[r]);
    const yhat = rows.map((r) => (joined.data.column("prediction") as { values: Float64Array }).values[r]);
    const s = rows.map((r) => (joined.data.column("score") as { values: Float64Array }).values[r]);
    expect(day.status).toBe("scored");
    expect(day.realized.accuracy?.value).toBeCloseTo(accuracy(y, yhat), 12);
    expect(day.realized.rocAuc?.value).toBeCloseTo(rocAucScore(y, s), 12);
    const correct = y.filter((v, i) => v === yhat[i]).length;
    const ci = wilsonInterval(correct, y.length);
    expect(day.realized.accuracy?.lower).toBeCloseTo(ci.lower, 12);
    expect(day.realized.accuracy?.upper).toBeCloseTo(ci.upper, 12);
    const auc = day.realized.rocAuc;
    expect(auc?.lower).toBeLessThan(auc?.value ?? 0);
    expect(auc?.upper).toBeGreaterThan(auc?.value ?? 1);
  });

  it("marks windows still waiting for labels immature and does not alarm on them", () => {
    const last = json.windows[11];
    expect(last.status).toBe("immature");
    expect(last.coverage).toBeCloseTo(1 / 6, 12);
    expect(last.realized.accuracy?.value).toBe(0);
    expect(last.outOfBand).toEqual([]);
    expect(json.alarms).toEqual([]);
    // The estimate from the scores stands in for it.
    expect(last.estimated?.accuracy?.value).toBeGreaterThan(0.6);
  });

  it("sets the band to the reference mean ± 3σ (population σ, NannyML) of the realized values", () => {
    const values = json.windows.slice(0, 6).map((w) => w.realized.accuracy?.value ?? NaN);
    const mean = values.reduce((a, v) => a + v, 0) / 6;
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / 6);
    const band = json.bands.find((b) => b.metric === "accuracy");
    expect(band?.mean).toBeCloseTo(mean, 12);
    expect(band?.lower).toBeCloseTo(Math.max(0, mean - 3 * sd), 12);
    expect(band?.upper).toBeCloseTo(Math.min(1, mean + 3 * sd), 12);
  });

  it("shows the gap between realized and estimated once labels are in", () => {
    const w = json.windows[8];
    expect(w.gap?.accuracy).toBeCloseTo(
      (w.realized.accuracy?.value ?? 0) - (w.estimated?.accuracy?.value ?? 0),
      12,
    );
  });

  it("is a valid feedback report with an ok verdict", () => {
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(report.verdict.status).toBe("ok");
    expect(report.toString()).toContain("immature");
  });

  it("asks for the model's output when neither score nor prediction is given", () => {
    expect(() => performance(joined, {})).toThrow(/score: "<probability column>"/);
  });
});

describe("CBPE estimates", () => {
  it("computes the expected confusion matrix from calibrated probabilities", () => {
    const q = Float64Array.from([0.9, 0.2, 0.6, 0.4]);
    const e = estimateMetrics(q, q, Float64Array.from([1, 0, 1, 0]));
    // E[correct] = 0.9 + 0.8 + 0.6 + 0.6; TP = 1.5, FP = 0.5, FN = 0.6.
    expect(e.accuracy?.value).toBeCloseTo(2.9 / 4, 12);
    expect(e.precision?.value).toBeCloseTo(1.5 / 2, 12);
    expect(e.recall?.value).toBeCloseTo(1.5 / 2.1, 12);
    expect(e.f1?.value).toBeCloseTo(3 / (3 + 0.5 + 0.6), 12);
  });

  it("matches the realized accuracy on calibrated scores within its interval in most windows", () => {
    const { joined } = smallDeployment(11);
    const json = performance(joined, { score: "score", reference: 6, resamples: 50 }).toJSON();
    const mature = json.windows.filter((w) => w.status === "scored" || w.status === "reference");
    const inside = mature.filter((w) => {
      const e = w.estimated?.accuracy;
      const r = w.realized.accuracy?.value ?? NaN;
      // Realized accuracy varies around its expectation with the same variance the interval describes.
      return (
        e !== undefined && e.lower !== null && e.upper !== null && r >= e.lower - 0.05 && r <= e.upper + 0.05
      );
    });
    expect(inside.length).toBeGreaterThanOrEqual(mature.length - 1);
  });
});

describe("a simulated deployment the other tests never see (seed 90210)", () => {
  const deployment = simulateDeployment(90210);
  let report: PerformanceReport;
  let json: PerformanceJSON;
  // In a hook, with 50 bootstrap resamples: the whole run is one synchronous computation of several seconds.
  beforeAll(() => {
    const joined = join(deployment.predictions, deployment.actuals, {
      key: "id",
      time: "ts",
      label: "y",
      labelTime: "labeled_at",
      asOf: deployment.truth.asOf,
    });
    report = performance(joined, { score: "score", prediction: "prediction", every: "1 day", resamples: 50 });
    json = report.toJSON();
  });

  it("finds the one-day sensor failure, calls it sudden and points at temperature", () => {
    const failure = json.alarms.filter((a) => a.windows.includes(deployment.truth.failureDay));
    expect(failure).toHaveLength(1);
    expect(failure[0].type).toBe("sudden");
    expect(failure[0].windows).toEqual([deployment.truth.failureDay]);
    expect(failure[0].features[0].name).toBe("temperature");
    expect(failure[0].features[0].incidents).toContain("CONSTANT");
    expect(failure[0].detectors.length).toBeGreaterThanOrEqual(2);
  });

  it("finds the slow decay after the drift starts, calls it gradual and points at load", () => {
    const decay = json.alarms.filter((a) => a.start > deployment.truth.driftStart);
    expect(decay).toHaveLength(1);
    expect(decay[0].type).toBe("gradual");
    expect(decay[0].onset >= deployment.truth.driftStart).toBe(true);
    expect(decay[0].features[0].name).toBe("load");
    expect(decay[0].decayPerWindow).toBeGreaterThan(0);
  });

  it("raises no other alarm, fails its verdict and names the regime", () => {
    expect(json.alarms).toHaveLength(2);
    expect(report.verdict.status).toBe("fail");
    expect(["faster", "very fast"]).toContain(json.regime.regime);
    expect(json.regime.labelLagP90Days).toBeGreaterThan(5);
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  });

  it("marks the last days immature and shows the estimate there", () => {
    const immature = json.windows.filter((w) => w.status === "immature");
    expect(immature.length).toBeGreaterThan(3);
    expect(immature.every((w) => w.estimated?.accuracy?.value !== null)).toBe(true);
  });
});

describe("a failure inside the reference period", () => {
  it("is left out of the reference and still raises its alarm", () => {
    const deployment = simulateDeployment(5, { days: 45, perDay: 250, failureDay: 8, driftStart: 1000 });
    const joined = join(deployment.predictions, deployment.actuals, {
      key: "id",
      time: "ts",
      label: "y",
      labelTime: "labeled_at",
      asOf: deployment.truth.asOf,
    });
    const json = performance(joined, { score: "score", prediction: "prediction", resamples: 50 }).toJSON();
    expect(json.referenceWindows).not.toContain(deployment.truth.failureDay);
    expect(json.notes.join(" ")).toContain(deployment.truth.failureDay);
    const alarm = json.alarms.find((a) => a.windows.includes(deployment.truth.failureDay));
    expect(alarm?.type).toBe("sudden");
    expect(alarm?.features[0]?.name).toBe("temperature");
  });
});
