import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import {
  disparityChart,
  fairnessMetricChart,
  intersectionHeatmap,
  sliceTableHTML,
  thresholdChart,
} from "../../src/charts/fairness.js";
import { read } from "../../src/data/index.js";
import { fairness, findSlices } from "../../src/fairness/index.js";
import { JUPYTER_DISPLAY } from "../../src/report/report.js";
import { vegaLiteToSVG } from "../../src/report/svg.js";
import { BERKELEY, close, SCORED } from "./helpers.js";

const schema = JSON.parse(readFileSync("docs/report.schema.json", "utf8"));
const scored = await read(SCORED);
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

function valid(json: unknown): void {
  const copy = JSON.parse(JSON.stringify(json));
  expect(validate(copy), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
}

describe("the fairness report", () => {
  const report = fairness(scored, {
    label: "y",
    score: "score",
    groups: ["sex", "race"],
    intersections: true,
    suppressBelow: 12,
  });
  const json = report.toJSON();

  it("validates against docs/report.schema.json (classification, regression, decisions, bootstrap, slices)", async () => {
    valid(json);
    valid(
      fairness(scored, {
        label: "y_reg",
        prediction: "yhat_reg",
        groups: "race",
        ci: "bootstrap",
        bootstrap: { resamples: 50 },
      }).toJSON(),
    );
    valid(
      fairness(await read(BERKELEY), {
        prediction: "admitted",
        groups: "gender",
        stratifyBy: "dept",
      }).toJSON(),
    );
    valid(findSlices(scored, { label: "y", score: "score", features: ["region", "age"] }).toJSON());
    expect(validate({ ...JSON.parse(JSON.stringify(json)), groupings: "x" })).toBe(false);
    expect(validate({ ...JSON.parse(JSON.stringify(json)), flags: [{ grouping: "sex" }] })).toBe(false);
  });

  it("reports no Simpson's paradox for overall gaps that are not significant", () => {
    // accuracy by sex differs by 0.3 points (p ≈ 0.8) and its sign varies across races: not a reversal.
    const sex = json.groupings.find((g) => g.name === "sex")!;
    const accuracy = sex.groups.map((g) => g.metrics.accuracy.value!);
    expect(Math.abs(accuracy[0] - accuracy[1])).toBeLessThan(0.01);
    expect(json.reversals).toEqual([]);
    expect(json.notes.some((n) => n.includes("Simpson"))).toBe(false);
  });

  it("lists groups below minGroupSize as too small to judge, never drops them", () => {
    const race = json.groupings.find((g) => g.name === "race")!;
    const e = race.groups.find((g) => g.label === "E")!;
    expect(e.n).toBeLessThan(30);
    expect(e.judged).toBe(false);
    expect(Object.values(e.disparities).every((d) => d.status === "too-small")).toBe(true);
    expect(race.tooSmall).toBe(1);
    expect(json.flags.some((f) => f.group === "E")).toBe(false);
  });

  it("hides groups below suppressBelow and says so in omitted", () => {
    const intersection = json.groupings.find((g) => g.name === "sex × race")!;
    expect(intersection.groups.every((g) => g.n >= 12)).toBe(true);
    expect(intersection.suppressed).toBe(1);
    expect(json.omitted!.suppressed).toEqual([{ column: "sex × race", count: 1, minimumCount: 12 }]);
    expect(json.overall.n).toBe(3000);
  });

  it("flags only disparities outside the band, in the harmful direction, and significant after correction", () => {
    expect(json.flags.length).toBeGreaterThan(0);
    for (const flag of json.flags) {
      const g = json.groupings
        .find((x) => x.name === flag.grouping)!
        .groups.find((x) => x.label === flag.group)!;
      const d = g.disparities[flag.metric];
      expect(d.status).toBe("harm");
      expect(d.adjustedPValue!).toBeLessThanOrEqual(0.05);
      expect(d.ratio === null || d.ratio < 0.8 || d.ratio > 1.25).toBe(true);
      expect(d.direction).toBe("worse");
    }
    const fpr = json.groupings.find((g) => g.name === "race")!.groups.find((g) => g.label === "C")!
      .disparities.falsePositiveRate;
    expect(fpr.status).toBe("harm");
    expect(fpr.harm).toBe("harm-by-disadvantage");
    for (const entry of json.outsideBandNotSignificant) {
      expect(entry.adjustedPValue!).toBeGreaterThan(0.05);
      expect(entry.ratio === null || entry.ratio < 0.8 || entry.ratio > 1.25).toBe(true);
    }
    expect(json.outsideBandNotSignificant.length).toBeGreaterThan(0);
  });

  it("maps the selection rate to opportunity denial, or to harm by disadvantage when a positive is adverse", () => {
    const positive = fairness(scored, {
      label: "y",
      score: "score",
      groups: "sex",
      metrics: ["selectionRate"],
      band: [0.95, 1.05],
    }).toJSON();
    const female = positive.groupings[0].groups.find((g) => g.label === "F")!.disparities.selectionRate;
    expect(female.status).toBe("harm");
    expect(female.harm).toBe("opportunity-denial");
    const negative = fairness(scored, {
      label: "y",
      score: "score",
      groups: "sex",
      metrics: ["selectionRate"],
      band: [0.95, 1.05],
      favorable: "negative",
    }).toJSON();
    const femaleNegative = negative.groupings[0].groups.find((g) => g.label === "F")!.disparities
      .selectionRate;
    expect(femaleNegative.status).toBe("outside-band");
    expect(femaleNegative.direction).toBe("better");
    expect(negative.flags.map((f) => `${f.group}: ${f.harm}`)).toEqual(["M: harm-by-disadvantage"]);
  });

  it("keeps score histograms whose bin edges recompute the confusion matrix exactly", () => {
    const bins = json.settings.scoreBins!;
    expect(bins).toEqual({ bins: 50, min: 0, max: 1 });
    for (const group of [...json.groupings[0].groups, json.overall]) {
      const histogram = group.scoreHistogram!;
      for (const t of group.thresholds!) {
        const k = Math.round(t.threshold * bins.bins);
        expect(k / bins.bins).toBe(t.threshold);
        const sum = (counts: number[]) => counts.slice(k).reduce((a, b) => a + b, 0);
        expect(sum(histogram.positive!)).toBe(t.truePositives);
        expect(sum(histogram.negative!)).toBe(t.falsePositives);
      }
    }
    expect(json.settings.thresholds).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
  });

  it("computes custom metrics and bootstrap intervals for any metric, reproducibly for a seed", () => {
    const brier = {
      name: "brier",
      fn: (y: Float64Array, s: Float64Array) => y.reduce((t, v, i) => t + (v - s[i]) ** 2, 0) / y.length,
    };
    const options = {
      label: "y",
      score: "score",
      groups: "sex",
      metrics: ["falseNegativeRate", brier] as const,
      ci: "bootstrap",
      bootstrap: { resamples: 400, seed: 3 },
    } as const;
    const first = fairness(scored, { ...options, metrics: [...options.metrics] }).toJSON();
    const second = fairness(scored, { ...options, metrics: [...options.metrics] }).toJSON();
    expect(first.groupings).toEqual(second.groupings);
    const wilson = fairness(scored, {
      label: "y",
      score: "score",
      groups: "sex",
      metrics: ["falseNegativeRate"],
    }).toJSON();
    for (const group of first.groupings[0].groups) {
      const b = group.metrics.falseNegativeRate;
      const w = wilson.groupings[0].groups.find((g) => g.label === group.label)!.metrics.falseNegativeRate;
      close(b.lower, w.lower, 0.02);
      close(b.upper, w.upper, 0.02);
      const v = group.metrics.brier;
      expect(v.lower!).toBeLessThan(v.value!);
      expect(v.upper!).toBeGreaterThan(v.value!);
      expect(group.disparities.brier.status).toBe("not-tested");
    }
  });

  it("compares with a named reference group", () => {
    const named = fairness(scored, {
      label: "y",
      score: "score",
      groups: "sex",
      reference: { sex: "M" },
    }).toJSON();
    const grouping = named.groupings[0];
    expect(grouping.reference).toMatchObject({ kind: "group", group: "M", testedAgainst: "reference-group" });
    expect(grouping.groups.find((g) => g.label === "M")!.disparities.selectionRate.status).toBe("reference");
    expect(() =>
      fairness(scored, { label: "y", score: "score", groups: "sex", reference: { sex: "X" } }),
    ).toThrow(/No group X/);
  });

  it("explains bad input", () => {
    expect(() => fairness(scored, { label: "y", groups: "sex" })).toThrow(/prediction .* or score/);
    expect(() => fairness(scored, { label: "y", score: "score", prediction: "y", groups: "sex" })).toThrow(
      /not both/,
    );
    expect(() => fairness(scored, { label: "y", score: "score", groups: "nope" })).toThrow(
      /no column "nope"/,
    );
    expect(() => fairness(scored, { label: "race", score: "score", groups: "sex" })).toThrow(/positiveLabel/);
    expect(() => fairness(scored, { label: "y", score: "score", groups: "sex", alpha: 2 })).toThrow(/alpha/);
    expect(() => fairness([], { label: "y", score: "score", groups: "sex" })).toThrow();
    const missing = fairness(
      { y: [1, 0, null, 1], p: [1, 1, 0, null], g: ["a", "a", "b", "b"] },
      { label: "y", prediction: "p", groups: "g" },
    ).toJSON();
    expect(missing.rowsUsed).toBe(2);
    expect(missing.notes[0]).toMatch(/2 of 4 rows were left out/);
  });

  it("shows itself as a MIME bundle: report JSON, Vega-Lite, static HTML with SVG, text", async () => {
    const bundle = (await report[JUPYTER_DISPLAY]()) as Record<string, unknown>;
    expect((bundle["application/vnd.driftlab.report.v1+json"] as { kind: string }).kind).toBe("fairness");
    expect((bundle["application/vnd.vegalite.v5+json"] as { facet: unknown }).facet).toBeDefined();
    const html = bundle["text/html"] as string;
    expect(html).toContain("<svg");
    expect(html).not.toContain("<script");
    expect(html).toContain("harm by disadvantage");
    expect(bundle["text/plain"]).toContain("harm flag");
    expect(JSON.stringify(json).length).toBeLessThan(200_000);
  });

  it("draws every chart (metrics, disparity, intersection heatmap, thresholds, slices) to SVG", async () => {
    for (const spec of [
      fairnessMetricChart(json),
      disparityChart(json),
      intersectionHeatmap(json),
      thresholdChart(json),
    ]) {
      expect(spec).toBeDefined();
      expect(await vegaLiteToSVG(spec!)).toContain("<svg");
    }
    const slices = findSlices(scored, {
      label: "y",
      score: "score",
      features: ["region", "age"],
      correction: "bh",
    });
    expect(sliceTableHTML(slices.toJSON())).toContain("region = south");
    expect(await slices.toStaticHTML()).toContain("<svg");
  });
});
