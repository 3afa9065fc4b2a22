import { describe, expect, it } from "vitest";
import { predictiveContent } from "../../src/collection/index.js";
import { DriftlabError } from "../../src/errors.js";
import { plantedContent, pureNoise } from "./generate.js";
import { breathe } from "../breathe.js";

describe("predictiveContent", () => {
  const result = predictiveContent(plantedContent(3000, 11), { label: "y" }).toJSON();
  const byName = new Map(result.features.map((f) => [f.name, f]));
  const codes = (name: string) => byName.get(name)!.flags.map((f) => f.code);

  it("calls the planted informative features informative", () => {
    for (const name of ["signal", "group"]) {
      expect(byName.get(name)!.status, name).toBe("informative");
      expect(byName.get(name)!.signal, name).toBe(true);
    }
    expect(byName.get("signal")!.association.measure).toBe("roc-auc");
    expect(byName.get("signal")!.association.value!).toBeGreaterThan(0.7);
  });

  it("says no signal for noise and for a column of ids", () => {
    for (const name of ["noise", "noiseCategory", "id"]) {
      expect(byName.get(name)!.status, name).toBe("non-informative");
      expect(codes(name), name).toContain("NO_SIGNAL");
    }
    expect(byName.get("id")!.mutualInformation.excess).toBeCloseTo(0, 9);
  });

  it("flags duplicates and near-duplicates of an earlier feature, naming it", () => {
    expect(byName.get("copy")!.flags.find((f) => f.code === "DUPLICATE")?.other).toBe("signal");
    expect(byName.get("relabelled")!.flags.find((f) => f.code === "DUPLICATE")?.other).toBe("group");
    expect(byName.get("scaled")!.flags.find((f) => f.code === "NEAR_DUPLICATE")?.other).toBe("signal");
    for (const name of ["copy", "relabelled", "scaled"])
      expect(byName.get(name)!.status).toBe("non-informative");
    expect(codes("signal")).not.toContain("DUPLICATE");
  });

  it("flags constant, near-constant and empty features", () => {
    expect(codes("constant")).toContain("CONSTANT");
    expect(codes("rare")).toContain("NEAR_CONSTANT");
    expect(codes("empty")).toEqual(["ALL_MISSING"]);
    expect(byName.get("constant")!.status).toBe("non-informative");
  });

  it("suspects leakage in a near-copy of the label, and nowhere else", () => {
    expect(byName.get("leak")!.status).toBe("leakage-suspect");
    expect(byName.get("leak")!.association.value!).toBeGreaterThan(0.99);
    const suspects = result.features.filter((f) => f.status === "leakage-suspect").map((f) => f.name);
    expect(suspects).toEqual(["leak"]);
  });

  it("describes the label", () => {
    expect(result.label).toMatchObject({ name: "y", task: "binary", rows: 3000 });
    expect(result.label.classes.map((c) => c.value)).toEqual(["no", "yes"]);
  });

  it("keeps the false signal rate of pure-noise features near alpha over many seeds", async () => {
    // 250 datasets × 4 noise features = 1000 permutation tests at alpha 0.05, no correction. Under the null the
    // permutation p-value is exactly valid, so flags ~ Binomial(1000, 0.05): mean 50, sd 6.9. [15, 90] holds with
    // probability > 1 − 1e-6 for a correct test; a test without a valid null lands far outside.
    let flagged = 0;
    let tests = 0;
    for (let seed = 1; seed <= 250; seed++) {
      await breathe();
      const noise = predictiveContent(pureNoise(400, 1000 + seed), {
        label: "y",
        correction: "none",
        permutations: 99,
        seed,
      }).toJSON();
      for (const f of noise.features) {
        tests++;
        if (f.signal) flagged++;
      }
    }
    expect(tests).toBe(1000);
    expect(flagged).toBeGreaterThanOrEqual(15);
    expect(flagged).toBeLessThanOrEqual(90);
  });

  it("names the missing label column and the fix", () => {
    const data = plantedContent(50, 1);
    expect(() => predictiveContent(data, { label: "target" })).toThrow(DriftlabError);
    expect(() => predictiveContent(data, { label: "target" })).toThrow(/no column "target"/);
    expect(() => predictiveContent(data, { label: "constant" })).toThrow(/only one value/);
  });
});
