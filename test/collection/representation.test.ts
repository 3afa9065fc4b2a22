import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { representation } from "../../src/collection/index.js";
import { read } from "../../src/data/index.js";
import { representationData } from "./generate.js";

describe("representation", () => {
  const data = representationData(4000, 3);
  const result = representation(data, {
    groups: ["sex", "race"],
    reference: { sex: { F: 0.5, M: 0.5 }, race: { A: 0.6, B: 0.3, C: 0.1 } },
  }).toJSON();
  const grouping = (name: string) => result.groupings.find((g) => g.name === name)!;
  const group = (name: string, label: string) => grouping(name).groups.find((g) => g.group === label)!;

  it("flags a group under-represented against the reference population, with its interval", () => {
    const women = group("sex", "F");
    expect(women.status).toBe("under-represented");
    expect(women.expectedFrom).toBe("reference");
    expect(women.ratio!).toBeLessThan(0.8);
    expect(women.interval.upper).toBeLessThan(0.5);
    expect(women.interval.lower).toBeLessThan(women.share);
    expect(group("sex", "M").status).toBe("over-represented");
    expect(group("race", "A").status).toBe("represented");
  });

  it("marks groups too small for reliable per-group metrics", () => {
    const small = representation(data, {
      groups: ["race"],
      minSize: 50,
      reference: { race: { A: 0.6, B: 0.3, C: 0.1 } },
    }).toJSON();
    const c = small.groupings[0].groups.find((g) => g.group === "C")!;
    expect(c.count).toBeLessThan(50);
    expect(c.tooSmall).toBe(true);
    expect(c.status).toBe("under-represented");
    expect(small.groupings[0].groups.find((g) => g.group === "A")!.tooSmall).toBe(false);
  });

  it("compares intersections with the product of the reference shares", () => {
    const intersection = grouping("sex × race");
    expect(intersection.columns).toEqual(["sex", "race"]);
    const fb = intersection.groups.find((g) => g.group === "sex=F, race=B")!;
    expect(fb.expectedFrom).toBe("reference product");
    expect(fb.expected!).toBeCloseTo(0.15, 12);
  });

  it("against parity without a reference", () => {
    const plain = representation(data, { groups: ["sex"] }).toJSON();
    const women = plain.groupings[0].groups.find((g) => g.group === "F")!;
    expect(women.expectedFrom).toBe("parity");
    expect(women.expected).toBe(0.5);
  });

  it("finds the planted proxies and only them", () => {
    const proxies = result.proxies.filter((p) => p.proxy).map((p) => `${p.feature}→${p.attribute}`);
    expect(proxies.sort()).toEqual(["height→sex", "zip→race"]);
    const zip = result.proxies.find((p) => p.feature === "zip" && p.attribute === "race")!;
    expect(zip.auc!).toBeGreaterThan(0.8);
    expect(zip.strength).toBe("strong");
    for (const p of result.proxies.filter((q) => q.feature === "score" || q.feature === "tenure")) {
      expect(p.proxy).toBe(false);
    }
  });

  it("finds the department as a proxy for gender in the Berkeley admissions", async () => {
    const berkeley = await read(new URL("../../notebooks/data/berkeley-1973.csv", import.meta.url).pathname);
    const r = representation(berkeley, { groups: ["gender"], features: ["dept"] }).toJSON();
    const dept = r.proxies[0];
    expect(dept.proxy).toBe(true);
    // sklearn's roc_auc_score of the in-sample per-department female share (fixtures/make_collection_reference.py);
    // the out-of-fold AUC may differ from it only by the small-sample noise of the fold means.
    const reference = JSON.parse(
      readFileSync(new URL("./fixtures/collection-reference.json", import.meta.url), "utf8"),
    ) as { berkeleyDeptGenderAuc: number; berkeleyDeptGenderMutualInformation: number };
    expect(Math.abs(dept.auc! - reference.berkeleyDeptGenderAuc)).toBeLessThan(0.01);
    expect(dept.mutualInformation).toBeCloseTo(reference.berkeleyDeptGenderMutualInformation, 12);
    // 1,835 of 4,526 applicants were women: 0.81 of parity, just inside the 0.8–1.25 band.
    const women = r.groupings[0].groups.find((g) => g.group === "female")!;
    expect(women.ratio!).toBeCloseTo((1835 / 4526) * 2, 12);
    expect(women.status).toBe("represented");
  });

  it("rejects reference shares that add up to more than 1", () => {
    expect(() => representation(data, { groups: ["sex"], reference: { sex: { F: 0.7, M: 0.6 } } })).toThrow(
      /add up to 1.3000/,
    );
  });
});
