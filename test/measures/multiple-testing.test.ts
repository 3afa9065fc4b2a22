import { describe, expect, it } from "vitest";
import { benjaminiHochberg, bonferroni, holm, rejected } from "../../src/measures/multiple-testing.js";
import { STATISTIC_RTOL, expectClose, reference, type JsonNumber } from "./reference.js";

interface MultipleCase {
  pValues: number[];
  bonferroni: JsonNumber[];
  bonferroniRejected: boolean[];
  holm: JsonNumber[];
  holmRejected: boolean[];
  benjaminiHochberg: JsonNumber[];
  benjaminiHochbergRejected: boolean[];
}

describe("multiple-testing corrections against statsmodels multipletests", () => {
  for (const row of reference.multipleTesting as MultipleCase[]) {
    it(`match on ${JSON.stringify(row.pValues)}`, () => {
      for (const [name, correct] of [
        ["bonferroni", bonferroni],
        ["holm", holm],
        ["benjaminiHochberg", benjaminiHochberg],
      ] as const) {
        const adjusted = correct(row.pValues);
        row[name].forEach((value, i) => expectClose(adjusted[i], value, STATISTIC_RTOL, `${name}[${i}]`));
        expect(rejected(adjusted, 0.05), `${name} rejections`).toEqual(row[`${name}Rejected`]);
      }
    });
  }

  it("rejects p-values outside [0, 1]", () => {
    expect(() => holm([0.1, 1.5])).toThrow(/\[0, 1\]/);
  });
});
