import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { Dataset } from "../../src/data/column.js";
import { fromColumns, read } from "../../src/data/index.js";
import { drift } from "../../src/drift/index.js";
import { DriftlabError } from "../../src/errors.js";
import { JUPYTER_DISPLAY } from "../../src/report/report.js";
import { profile } from "../../src/stats/profile.js";

const reference = JSON.parse(readFileSync("test/drift/fixtures/reference.json", "utf8"));
const schema = JSON.parse(readFileSync("docs/report.schema.json", "utf8"));
const FIXTURES = "test/drift/fixtures";

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
}

async function seattleYears(a: number, b: number): Promise<[Dataset, Dataset]> {
  const weather = await read("node_modules/vega-datasets/data/seattle-weather.csv");
  const dates = weather.column("date") as { values: Float64Array };
  const rowsOf = (year: number) =>
    Int32Array.from(
      Array.from(dates.values.keys()).filter((i) => new Date(dates.values[i]).getUTCFullYear() === year),
    );
  return [weather.take(rowsOf(a)), weather.take(rowsOf(b))];
}

describe("drift on small samples (Evidently's rule: KS and chi-square)", () => {
  it("matches scipy's ks_2samp and chi2_contingency on Seattle weather 2012 vs 2015", async () => {
    const [y2012, y2015] = await seattleYears(2012, 2015);
    const report = drift(y2012, y2015, { exclude: ["date"] });
    for (const [name, ref] of Object.entries(reference.seattle2012vs2015.features) as [
      string,
      { method: string; statistic: number; pValue: number },
    ][]) {
      const f = report.feature(name);
      expect(f.method).toBe(ref.method);
      expect(relativeError(f.statistic, ref.statistic)).toBeLessThanOrEqual(1e-6);
      expect(relativeError(f.pValue!, ref.pValue)).toBeLessThanOrEqual(1e-4);
      expect(f.drifted).toBe(ref.method === "ks" ? ref.pValue <= 0.05 : ref.pValue < 0.05);
    }
    expect(report.datasetDrift).toBe(report.drifted.length / 5 >= 0.5);
  });

  it("applies Holm and Benjamini–Hochberg corrections as statsmodels does", async () => {
    const [y2012, y2015] = await seattleYears(2012, 2015);
    for (const correction of ["holm", "bh"] as const) {
      const report = drift(y2012, y2015, { exclude: ["date"], correction });
      for (const [name, adjusted] of Object.entries(reference.seattle2012vs2015[correction]) as [
        string,
        number,
      ][]) {
        const f = report.feature(name);
        expect(relativeError(f.adjustedPValue!, adjusted)).toBeLessThanOrEqual(1e-4);
        expect(f.drifted).toBe(adjusted <= 0.05);
      }
    }
  });

  it("finds no drift between two halves of one year's shuffled days", async () => {
    const [y2013] = await seattleYears(2013, 2013);
    const order = Array.from({ length: y2013.numRows }, (_, i) => i);
    let s = 42;
    for (let i = order.length - 1; i > 0; i--) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      const j = s % (i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    const half = order.length >> 1;
    const report = drift(y2013.take(order.slice(0, half)), y2013.take(order.slice(half)), {
      exclude: ["date"],
    });
    expect(report.datasetDrift).toBe(false);
    expect(report.drifted.length).toBeLessThanOrEqual(1);
  });
});

describe("drift on large samples (Wasserstein and Jensen–Shannon)", async () => {
  const ref = await read(`${FIXTURES}/large-reference.csv`);
  const cur = await read(`${FIXTURES}/large-current.csv`);
  const large = reference.large;

  it("chooses normed Wasserstein for numeric and Jensen–Shannon for categorical and low-cardinality numeric", () => {
    const report = drift(ref, cur);
    expect(report.feature("x").method).toBe("wasserstein");
    expect(report.feature("level").method).toBe("jensenshannon");
    expect(report.feature("channel").method).toBe("jensenshannon");
    expect(relativeError(report.feature("x").statistic, large.x.wasserstein)).toBeLessThanOrEqual(1e-6);
    expect(relativeError(report.feature("y").statistic, large.y.wasserstein)).toBeLessThanOrEqual(1e-6);
    expect(relativeError(report.feature("level").statistic, large.level.jensenshannon)).toBeLessThanOrEqual(
      1e-6,
    );
    expect(
      relativeError(report.feature("channel").statistic, large.channel.jensenshannon),
    ).toBeLessThanOrEqual(1e-6);
    expect(report.feature("x").drifted).toBe(true);
    expect(report.feature("y").drifted).toBe(false);
    expect(report.feature("channel").drifted).toBe(true);
    expect(report.feature("x").summary).toMatch(/mean moved from 9.99 to 10.9/);
    expect(report.feature("channel").summary).toMatch(/1 new category \("kiosk"/);
  });

  it("runs every method on request and matches the scipy/numpy formulas", () => {
    const run = (method: Parameters<typeof drift>[2] & object) => drift(ref, cur, method);
    const psi = run({ method: "psi" });
    expect(relativeError(psi.feature("x").statistic, large.x.psi)).toBeLessThanOrEqual(1e-6);
    expect(relativeError(psi.feature("channel").statistic, large.channel.psi)).toBeLessThanOrEqual(1e-6);
    const js = run({ method: "jensenshannon" });
    expect(relativeError(js.feature("x").statistic, large.x.jensenshannon)).toBeLessThanOrEqual(1e-6);
    const ks = run({ method: "ks" });
    expect(relativeError(ks.feature("y").statistic, large.y.ks)).toBeLessThanOrEqual(1e-6);
    expect(relativeError(ks.feature("y").pValue!, large.y.ksP)).toBeLessThanOrEqual(1e-4);
    const cvm = run({ method: { numeric: "cvm" } });
    expect(relativeError(cvm.feature("y").statistic, large.y.cvmStatistic)).toBeLessThanOrEqual(1e-6);
    // scipy 1.10's p (1.3e-8) is truncated at an absolute 1e-7 and too large; ours is below it
    // (exact tails: test/measures/cramer-von-mises.test.ts).
    expect(cvm.feature("x").pValue!).toBeLessThan(large.x.cvmP);
    expect(relativeError(cvm.feature("y").pValue!, large.y.cvmP)).toBeLessThanOrEqual(1e-4);
    const ad = run({ method: { numeric: "anderson" } });
    expect(relativeError(ad.feature("x").statistic, large.x.andersonStatistic)).toBeLessThanOrEqual(1e-6);
    const mw = run({ method: { numeric: "mannwhitney" } });
    expect(relativeError(mw.feature("y").pValue!, large.y.mannwhitneyP)).toBeLessThanOrEqual(1e-4);
    const energy = run({ method: { numeric: "energy" } });
    expect(relativeError(energy.feature("x").statistic, large.x.energy)).toBeLessThanOrEqual(1e-6);
    const linf = run({ method: { categorical: "linf" } });
    expect(relativeError(linf.feature("channel").statistic, large.channel.linf)).toBeLessThanOrEqual(1e-9);
    expect(linf.feature("channel").detail).toBe(large.channel.linfCategory);
  });

  it("honours per-feature methods and thresholds", () => {
    const report = drift(ref, cur, {
      method: { features: { y: "ks" } },
      threshold: { features: { x: 0.6 }, methods: { jensenshannon: 0.5 } },
    });
    expect(report.feature("y").method).toBe("ks");
    expect(report.feature("x").threshold).toBe(0.6);
    expect(report.feature("x").drifted).toBe(false);
    expect(report.feature("channel").threshold).toBe(0.5);
    expect(report.feature("channel").drifted).toBe(false);
  });

  it("works from profiles, marking sketch-based results approximate and staying close to the exact ones", () => {
    const exact = drift(ref, cur);
    const sketched = drift(profile(ref), profile(cur));
    for (const name of ["x", "y", "level", "channel"]) {
      const a = exact.feature(name);
      const b = sketched.feature(name);
      expect(b.method).toBe(a.method);
      expect(b.drifted).toBe(a.drifted);
    }
    // Category counts in profiles are exact, numeric KLL sketches are not.
    expect(sketched.feature("channel").approximate).toBe(false);
    expect(sketched.feature("channel").statistic).toBeCloseTo(exact.feature("channel").statistic, 12);
    expect(sketched.feature("x").approximate).toBe(true);
    expect(Math.abs(sketched.feature("x").statistic - large.x.wasserstein)).toBeLessThan(0.05);
    const ks = drift(profile(ref), profile(cur), { method: { numeric: "ks" } });
    expect(Math.abs(ks.feature("x").statistic - large.x.ks)).toBeLessThan(0.03);
  });

  it("refuses tests that need raw values on profiles, saying what to use", () => {
    expect(() => drift(profile(ref), profile(cur), { method: { numeric: "mannwhitney" } })).toThrowError(
      /needs raw values.*ks, wasserstein/,
    );
  });

  it("renders a report that validates against the JSON Schema, with a Vega-Lite chart and static SVG", async () => {
    const report = drift(ref, cur);
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const json = JSON.parse(JSON.stringify(report.toJSON()));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...json, features: [{ name: "x" }] })).toBe(false);
    const bundle = (await report[JUPYTER_DISPLAY]()) as Record<string, unknown>;
    expect(bundle["application/vnd.vegalite.v5+json"]).toBeDefined();
    const html = bundle["text/html"] as string;
    expect(html).toContain("<svg");
    expect(html).not.toContain("<script");
    expect(html).toContain("Dataset drift");
    expect(String(bundle["text/plain"])).toContain("DRIFT");
    expect(JSON.stringify(json).length).toBeLessThan(60_000);
  });
});

describe("drift edge cases and bad input", () => {
  it("gives p = 1 for identical samples and drift for disjoint ones", () => {
    const same = fromColumns({ v: [1, 2, 3, 4, 5, 6, 7, 8] });
    expect(drift(same, same).feature("v").pValue).toBe(1);
    const disjoint = drift(
      fromColumns({ v: [1, 2, 3, 4, 5, 6, 7, 8] }),
      fromColumns({ v: [11, 12, 13, 14, 15, 16, 17, 18] }),
    );
    expect(disjoint.feature("v").drifted).toBe(true);
  });

  it("compares categories present on one side only", () => {
    const a = fromColumns({ c: ["a", "a", "b", "b", "c", "a", "b", "a"] });
    const b = fromColumns({ c: ["d", "d", "d", "a", "b", "d", "d", "d"] });
    const f = drift(a, b).feature("c");
    expect(f.method).toBe("chisquare");
    expect(f.drifted).toBe(true);
    expect(f.summary).toMatch(/new category \("d"/);
  });

  it("reports features on one side only as schema-change drift, with the reason", () => {
    const report = drift(
      fromColumns({ a: [1, 2, 3], b: ["x", "y", "z"] }),
      fromColumns({ a: [1, 2, 4], c: [1, 2, 3] }),
    );
    const changes = report.toJSON().schemaChanges;
    expect(changes.map((c) => [c.name, c.change])).toEqual([
      ["b", "only-in-reference"],
      ["c", "only-in-current"],
    ]);
    expect(changes[0].reason).toBe("only in reference: the column is missing from current");
    expect(changes[0].current).toBeNull();
    expect(changes[0].reference).toEqual({ kind: "categorical", count: 3, missing: 0, n: 3 });
    expect(report.toJSON().dataset).toMatchObject({ features: 3, drifted: 2, schemaChanges: 2 });
    expect(report.datasetDrift).toBe(true);
  });

  it("rejects unknown methods, bad shares and empty data with clear errors", () => {
    const data = fromColumns({ a: [1, 2, 3] });
    expect(() => drift(data, data, { method: "magic" as never })).toThrowError(
      /Unknown drift method "magic"/,
    );
    expect(() => drift(data, data, { driftShare: 2 })).toThrowError(/driftShare/);
    const empty = new Dataset([
      { name: "a", kind: "numeric", length: 0, valid: null, values: new Float64Array(0), integer: false },
    ]);
    expect(() => drift(empty, data)).toThrow(DriftlabError);
  });
});
