import { describe, expect, it } from "vitest";
import { equalWidthEdges } from "../../src/core/binning.js";
import { confusionAt, rateDefinition, rateWithInterval, RATE_METRICS } from "../../src/core/rates.js";
import { read } from "../../src/data/index.js";
import { fairness } from "../../src/fairness/index.js";
import { close, reference, SCORED } from "../fairness/helpers.js";

const data = await read(SCORED);
const json = fairness(data, { label: "y", score: "score", groups: "sex" }).toJSON();
const bins = json.settings.scoreBins!;
const edges = equalWidthEdges(bins.min, bins.max, bins.bins);
const edgeOf = (threshold: number) => edges.findIndex((e) => Math.abs(e - threshold) < 1e-12);

describe("rates from a fairness report's score histograms (what the widget's threshold slider shows)", () => {
  it("puts the thresholds 0.1 … 0.9 exactly on bin edges", () => {
    for (let k = 1; k <= 9; k++) expect(edgeOf(k / 10), `threshold ${k / 10}`).toBeGreaterThan(0);
    expect(edges[0]).toBe(bins.min);
    expect(edges[bins.bins]).toBe(bins.max);
  });

  it("counts the confusion matrix at every threshold as pandas does from the rows", () => {
    const sex = json.groupings.find((g) => g.name === "sex")!;
    for (const [label, rows] of Object.entries<Record<string, number>[]>(reference.thresholds)) {
      const group = sex.groups.find((g) => g.label === label || g.key.sex === label)!;
      for (const row of rows) {
        const c = confusionAt(group.scoreHistogram, edgeOf(row.threshold))!;
        expect([c.truePositives, c.falsePositives, c.trueNegatives, c.falseNegatives]).toEqual([
          row.tp,
          row.fp,
          row.tn,
          row.fn,
        ]);
        close(
          rateWithInterval(rateDefinition("falsePositiveRate")!, c, 0.05).value,
          row.falsePositiveRate,
          1e-15,
        );
      }
    }
  });

  it("gives every rate and Wilson interval of the report at the report's threshold", () => {
    const edge = edgeOf(json.settings.threshold ?? 0.5);
    for (const group of json.groupings[0].groups) {
      const c = confusionAt(group.scoreHistogram, edge)!;
      for (const definition of RATE_METRICS) {
        const reported = group.metrics[definition.name];
        if (reported === undefined) continue;
        const rate = rateWithInterval(definition, c, json.settings.alpha);
        expect([rate.numerator, rate.denominator]).toEqual([reported.numerator, reported.denominator]);
        close(rate.value, reported.value, 1e-15);
        close(rate.lower, reported.lower, 1e-15);
        close(rate.upper, reported.upper, 1e-15);
      }
    }
  });

  it("has no value or interval when the denominator is 0, and no definition for non-rates", () => {
    const none = { truePositives: 0, falsePositives: 0, trueNegatives: 5, falseNegatives: 0 };
    expect(rateWithInterval(rateDefinition("precision")!, none, 0.05)).toEqual({
      value: null,
      lower: null,
      upper: null,
      numerator: 0,
      denominator: 0,
    });
    expect(rateDefinition("meanAbsoluteError")).toBeUndefined();
  });

  it("treats selected rows as positives when the histogram has no labels", () => {
    const c = confusionAt({ all: [3, 2, 5] }, 1)!;
    expect(c).toEqual({ truePositives: 7, falsePositives: 0, trueNegatives: 3, falseNegatives: 0 });
    expect(confusionAt(undefined, 1)).toBeUndefined();
  });
});
