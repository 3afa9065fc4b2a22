import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { join } from "../../src/feedback/join.js";

const validate = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync("docs/report.schema.json", "utf8")),
);
const DAY = 86_400_000;
const t0 = Date.UTC(2026, 0, 5);

// Five predictions on two days; key "b" predicted twice; labels: "a" corrected, "c" never, "z" an orphan,
// "e" labeled after the as-of time.
const predictions = [
  { id: "a", ts: new Date(t0 + 1 * 3_600_000), x: 1 },
  { id: "b", ts: new Date(t0 + 2 * 3_600_000), x: 2 },
  { id: "b", ts: new Date(t0 + 3 * 3_600_000), x: 3 },
  { id: "c", ts: new Date(t0 + 4 * 3_600_000), x: 4 },
  { id: "d", ts: new Date(t0 + DAY + 1 * 3_600_000), x: 5 },
  { id: "e", ts: new Date(t0 + DAY + 2 * 3_600_000), x: 6 },
];
const actuals = [
  { id: "a", y: 1, at: new Date(t0 + 1 * 3_600_000 + 2 * DAY) },
  { id: "a", y: 0, at: new Date(t0 + 1 * 3_600_000 + 3 * DAY) },
  { id: "b", y: 1, at: new Date(t0 + 2 * 3_600_000 + 0.5 * DAY) },
  { id: "d", y: 0, at: new Date(t0 + DAY + 1 * 3_600_000 + 1.5 * DAY) },
  { id: "z", y: 1, at: new Date(t0 + 2 * DAY) },
  { id: "e", y: 1, at: new Date(t0 + 30 * DAY) },
];
const asOf = new Date(t0 + 10 * DAY);

describe("feedback.join", () => {
  const joined = join(predictions, actuals, { key: "id", time: "ts", label: "y", labelTime: "at", asOf });
  const report = joined.report.toJSON();

  it("keeps one row per prediction key and appends the label, missing until it arrives", () => {
    expect(joined.data.numRows).toBe(5);
    expect(Array.from(joined.label)).toEqual([0, 1, NaN, 0, NaN]);
    expect(joined.data.column("x").kind).toBe("numeric");
  });

  it("lets the later label win and lists the correction", () => {
    expect(report.counts.correctedLabels).toBe(1);
    expect(report.corrected).toEqual([{ key: "a", count: 2, values: [1, 0], final: 0 }]);
  });

  it("counts duplicates, orphans and labels after the as-of time instead of dropping them silently", () => {
    expect(report.counts.duplicatePredictionKeys).toBe(1);
    expect(report.counts.duplicatePredictionRows).toBe(1);
    expect(report.duplicates).toEqual([{ key: "b", count: 2 }]);
    expect(report.counts.orphanLabels).toBe(1);
    expect(report.orphans).toEqual([{ key: "z", count: 1 }]);
    expect(report.counts.labelsAfterAsOf).toBe(1);
    expect(report.counts.labeled).toBe(3);
    expect(report.counts.labeledShare).toBeCloseTo(3 / 5, 12);
    expect(joined.report.verdict.status).toBe("warn");
  });

  it("measures the label lag of the labels used: median and p90 (linear interpolation)", () => {
    // Lags: b 0.5 d, d 1.5 d, a 3 d (the winning label) → median 1.5 d, p90 = 1.5 + 0.8·1.5 = 2.7 d.
    expect(report.lag?.n).toBe(3);
    expect((report.lag?.medianMs ?? 0) / DAY).toBeCloseTo(1.5, 9);
    expect((report.lag?.p90Ms ?? 0) / DAY).toBeCloseTo(2.7, 9);
  });

  it("draws maturity curves: the share of a window's predictions labeled within d days", () => {
    const first = report.maturity.find((m) => m.window === "2026-01-05");
    // Day 1: a (3 d), b (0.5 d), c (never) → within 1 d: 1/3, 2 d: 1/3, 3 d: 2/3.
    expect(first?.predictions).toBe(3);
    expect(first?.shareWithinDays.slice(0, 3).map((s) => s * 3)).toEqual([1, 1, 2]);
  });

  it("reports the labeled share by prediction age", () => {
    // As of day 10 every prediction is 8–10 days old.
    expect(report.byAge.map((b) => [b.label, b.predictions, b.labeled])).toEqual([["7–14 d", 5, 3]]);
    expect(report.byAge.reduce((s, b) => s + b.predictions, 0)).toBe(5);
    expect(report.byAge.find((b) => b.label === "7–14 d")?.labeled).toBe(3);
  });

  it("is a valid feedback-labels report", () => {
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(joined.report.toString()).toContain("1 keys got a corrected label");
  });

  it("names the missing column and the fix", () => {
    expect(() => join(predictions, actuals, { key: "id", time: "when", label: "y" })).toThrow(
      /no column "when"/,
    );
    expect(() => join(predictions, actuals, { key: "id", time: "ts" })).toThrow(/label: "<column>"/);
  });
});
