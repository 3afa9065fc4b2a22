import { describe, expect, it } from "vitest";
import { read } from "../../src/data/index.js";
import { fairness } from "../../src/fairness/index.js";
import { BERKELEY, close, closeRelative, reference } from "./helpers.js";

// UC Berkeley graduate admissions 1973, six largest departments (Bickel, Hammel & O'Connell 1975, Science 187:398).
const data = await read(BERKELEY);

describe("UC Berkeley admissions 1973", () => {
  it("has the published 4,526 applicants", () => {
    expect(data.numRows).toBe(4526);
  });

  const report = fairness(data, { prediction: "admitted", groups: "gender", stratifyBy: "dept" });
  const json = report.toJSON();
  const gender = json.groupings.find((g) => g.name === "gender")!;
  const men = gender.groups.find((g) => g.label === "male")!;
  const women = gender.groups.find((g) => g.label === "female")!;

  it("shows the overall admission rates: men 44.5% (1198/2691), women 30.4% (557/1835)", () => {
    expect([men.metrics.selectionRate.numerator, men.metrics.selectionRate.denominator]).toEqual([
      1198, 2691,
    ]);
    expect([women.metrics.selectionRate.numerator, women.metrics.selectionRate.denominator]).toEqual([
      557, 1835,
    ]);
    expect(men.metrics.selectionRate.value!.toFixed(3)).toBe("0.445");
    expect(women.metrics.selectionRate.value!.toFixed(3)).toBe("0.304");
    close(women.metrics.selectionRate.lower, reference.berkeley.women.lower, 1e-12);
    close(women.metrics.selectionRate.upper, reference.berkeley.women.upper, 1e-12);
  });

  it("flags the gap as significant opportunity denial for women (tested against the men, the rest)", () => {
    const d = women.disparities.selectionRate;
    expect(d.test).toBe("z");
    // The group-vs-complement test of women is the z-test of women vs men (statsmodels proportions_ztest).
    closeRelative(d.pValue, reference.berkeley.pValue, 1e-6);
    expect(d.adjustedPValue!).toBeLessThan(1e-15);
    expect(d.ratio!).toBeLessThan(0.8);
    expect(d.status).toBe("harm");
    expect(d.harm).toBe("opportunity-denial");
    expect(report.hasHarm).toBe(true);
    expect(json.flags.map((f) => `${f.grouping}/${f.group}/${f.metric}`)).toEqual([
      "gender/female/selectionRate",
    ]);
    expect(men.disparities.selectionRate.status).toBe("within-band");
  });

  it("shows the reversal within departments: women's rate ≥ men's in 4 of 6, A most strongly (82% vs 62%)", () => {
    const byDept = json.groupings.find((g) => g.name === "dept × gender")!;
    expect(byDept.stratifiedBy).toEqual(["dept"]);
    const rate = (dept: string, sex: string) =>
      byDept.groups.find((g) => g.key.dept === dept && g.key.gender === sex)!.metrics.selectionRate.value!;
    const depts = ["A", "B", "C", "D", "E", "F"];
    const womenAhead = depts.filter((d) => rate(d, "female") >= rate(d, "male"));
    expect(womenAhead).toEqual(["A", "B", "D", "F"]);
    expect(rate("A", "female").toFixed(2)).toBe("0.82");
    expect(rate("A", "male").toFixed(2)).toBe("0.62");
    const gaps = depts.map((d) => rate(d, "female") - rate(d, "male"));
    expect(Math.max(...gaps)).toBe(gaps[0]);
    // Within its department no group is flagged: compared with the department, nobody is denied.
    expect(json.flags.filter((f) => f.grouping === "dept × gender")).toEqual([]);
  });

  it("reports Simpson's paradox: the direction flips within departments and after standardization", () => {
    const reversal = json.reversals.find((r) => r.metric === "selectionRate" && r.grouping === "gender")!;
    expect(reversal).toBeDefined();
    expect(reversal.stratifiedBy).toEqual(["dept"]);
    expect(reversal.groups).toEqual(["female", "male"]);
    expect(reversal.strataReversed).toBe(4);
    expect(reversal.strataAgreeing).toBe(2);
    close(reversal.crude.difference, 557 / 1835 - 1198 / 2691, 1e-14);
    // Direct standardization to the department totals of applicants.
    const counts: Record<string, [number, number, number, number]> = {
      A: [512, 825, 89, 108],
      B: [353, 560, 17, 25],
      C: [120, 325, 202, 593],
      D: [138, 417, 131, 375],
      E: [53, 191, 94, 393],
      F: [22, 373, 24, 341],
    };
    let w = 0;
    let f = 0;
    let m = 0;
    for (const [ma, mn, fa, fn] of Object.values(counts)) {
      const total = mn + fn;
      w += total;
      f += (total * fa) / fn;
      m += (total * ma) / mn;
    }
    close(reversal.standardized.first, f / w, 1e-12);
    close(reversal.standardized.second, m / w, 1e-12);
    expect(reversal.standardized.difference).toBeGreaterThan(0);
    const note = json.notes.find((n) => n.startsWith("Simpson's paradox"));
    expect(note).toContain("female is above male in 4 of 6 strata");
    expect(note).toContain("A: 82.4% vs 62.1%");
    expect(report.toString()).toContain("Simpson's paradox");
  });

  it("shows the same reversal from an explicit intersection, without stratifyBy", () => {
    const plain = fairness(data, {
      prediction: "admitted",
      groups: "gender",
      intersections: [["dept", "gender"]],
    }).toJSON();
    expect(plain.groupings[1].stratifiedBy).toBeUndefined();
    expect(plain.reversals.some((r) => r.grouping === "gender" && r.strataReversed === 4)).toBe(true);
  });
});
