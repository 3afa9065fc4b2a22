import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  accuracy,
  brierScore,
  expectedCalibrationError,
  f1Score,
  logLoss,
  meanAbsoluteError,
  precision,
  recall,
  rocAucScore,
  rootMeanSquaredError,
} from "../../src/measures/classification-metrics.js";

interface BinaryCase {
  name: string;
  labels: number[];
  scores: number[];
  predictions: number[];
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  rocAuc: number;
  logLoss: number;
  brier: number;
  ece: number;
}

// Written by fixtures/make_classification.py (scikit-learn 1.2.1, Debian python3-sklearn).
const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/classification.json", import.meta.url), "utf8"),
) as {
  binary: BinaryCase[];
  regression: { actual: number[]; predicted: number[]; mae: number; rmse: number };
};

describe("classification metrics match scikit-learn", () => {
  for (const c of fixture.binary) {
    it(`on ${c.name}`, () => {
      expect(accuracy(c.labels, c.predictions)).toBeCloseTo(c.accuracy, 12);
      expect(precision(c.labels, c.predictions)).toBeCloseTo(c.precision, 12);
      expect(recall(c.labels, c.predictions)).toBeCloseTo(c.recall, 12);
      expect(f1Score(c.labels, c.predictions)).toBeCloseTo(c.f1, 12);
      expect(rocAucScore(c.labels, c.scores)).toBeCloseTo(c.rocAuc, 12);
      expect(logLoss(c.labels, c.scores)).toBeCloseTo(c.logLoss, 10);
      expect(brierScore(c.labels, c.scores)).toBeCloseTo(c.brier, 12);
      expect(expectedCalibrationError(c.labels, c.scores)).toBeCloseTo(c.ece, 12);
    });
  }

  it("clips probabilities of exactly 0 and 1 in log loss instead of returning Infinity", () => {
    const c = fixture.binary.find((b) => b.name === "scores of exactly 0 and 1");
    expect(c).toBeDefined();
    expect(Number.isFinite(logLoss(c?.labels ?? [], c?.scores ?? []))).toBe(true);
    // One confidently wrong prediction costs −log(ε) = 36.04 nats.
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(Number.EPSILON), 10);
  });

  it("counts ties between a positive and a negative as one half in ROC AUC", () => {
    expect(rocAucScore([0, 1], [0.5, 0.5])).toBe(0.5);
    expect(rocAucScore([0, 0, 1, 1], [0.1, 0.4, 0.4, 0.8])).toBe(0.875);
  });

  it("returns NaN for undefined ratios instead of sklearn's warned 0", () => {
    expect(precision([1, 0], [0, 0])).toBeNaN();
    expect(rocAucScore([1, 1], [0.2, 0.3])).toBeNaN();
  });

  it("matches MAE and RMSE", () => {
    const r = fixture.regression;
    expect(meanAbsoluteError(r.actual, r.predicted)).toBeCloseTo(r.mae, 12);
    expect(rootMeanSquaredError(r.actual, r.predicted)).toBeCloseTo(r.rmse, 12);
  });

  it("rejects labels that are not 0/1 and scores outside [0, 1], naming the fix", () => {
    expect(() => rocAucScore([0, 2], [0.1, 0.2])).toThrow(/not 0 or 1/);
    expect(() => logLoss([0, 1], [0.1, 1.2])).toThrow(/probability/);
  });
});
