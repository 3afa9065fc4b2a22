import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { Dataset } from "../../src/data/column.js";
import { fromColumns } from "../../src/data/index.js";
import { HyperLogLog } from "../../src/sketch/index.js";
import { Profile, profile } from "../../src/stats/profile.js";

const schema = JSON.parse(readFileSync("docs/report.schema.json", "utf8"));

describe("profile of hostile shapes", () => {
  it("cuts a 5 MB value to a short report that keeps its length and says so", async () => {
    const long = "q".repeat(5_000_000);
    const report = profile(fromColumns({ text: ["a", long, "a", "b"], n: [1, 2, 3, 4] }));
    const json = report.toJSON();
    const serialized = JSON.stringify(json);
    expect(serialized.length).toBeLessThan(20_000);
    const top = json.features.find((f) => f.name === "text")!.categorical!.top;
    const cut = top.find((t) => t.length !== undefined)!;
    expect(cut.length).toBe(5_000_000);
    expect(cut.value.endsWith("…")).toBe(true);
    expect(json.omitted?.notes?.join(" ")).toMatch(/1 value\(s\) longer than 200 characters cut/);
    // The in-memory profile keeps the value (schema inference and validation compare whole values).
    expect(report.feature("text").categorical!.top.some((t) => t.value === long)).toBe(true);
    expect((await report.toHTML()).length).toBeLessThan(60_000);
    expect(report.toString().length).toBeLessThan(2_000);
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(JSON.parse(serialized)), JSON.stringify(validate.errors)).toBe(true);
  });

  it("marks merged top values approximate with the Misra–Gries bound", async () => {
    // 3 partitions of 20,000 distinct ids each, one id frequent: beyond exactCategoryLimit once merged.
    const parts = [0, 1, 2].map((p) => {
      const n = 20_000;
      const dictionary = Array.from({ length: n }, (_, i) => `id-${p}-${i}`);
      dictionary.push("frequent");
      const codes = Int32Array.from({ length: n + 500 }, (_, i) => (i < n ? i : n));
      return profile(
        new Dataset([
          { name: "id", kind: "categorical", length: codes.length, valid: null, codes, dictionary },
        ]),
        { exactCategoryLimit: 10_000, heavyHittersCapacity: 256 },
      );
    });
    const own = parts[0].feature("id").categorical!;
    expect(own.countsExact).toBe(true);
    expect(own.top[0]).toEqual({ value: "frequent", count: 500 });
    const merged = Profile.merge(...parts).feature("id").categorical!;
    expect(merged.countsExact).toBe(false);
    const bound = merged.countsErrorBound!;
    expect(bound).toBeGreaterThan(0);
    // Misra–Gries: count ≤ true count ≤ count + bound, for the listed value.
    expect(merged.top[0].value).toBe("frequent");
    expect(merged.top[0].count).toBeLessThanOrEqual(1500);
    expect(merged.top[0].count + bound).toBeGreaterThanOrEqual(1500);
    expect(merged.unique).toBeLessThanOrEqual(3 * 20_500);
    const text = Profile.merge(...parts).toString();
    expect(text).toMatch(/frequent \(≈[\d,]+, true [\d,]+–[\d,]+\)/);
    expect(await Profile.merge(...parts).toStaticHTML()).toContain("Misra–Gries");
  });

  it("never estimates more distinct values than there are values", () => {
    // 30,000 distinct values: HyperLogLog (precision 14) estimates 30,387 of them; the report says 30,000.
    const n = 30_000;
    const dictionary = Array.from({ length: n }, (_, i) => `v${i}`);
    const raw = new HyperLogLog({ precision: 14 });
    for (const value of dictionary) raw.add(value);
    expect(raw.estimate()).toBeGreaterThan(n);
    const half = (from: number) =>
      profile(
        new Dataset([
          {
            name: "v",
            kind: "categorical",
            length: n / 2,
            valid: null,
            codes: Int32Array.from({ length: n / 2 }, (_, i) => from + i),
            dictionary,
          },
        ]),
        { exactCategoryLimit: 1_000 },
      );
    const merged = Profile.merge(half(0), half(n / 2)).feature("v").categorical!;
    expect(merged.uniqueMethod).toBe("sketch");
    expect(merged.unique).toBe(n);
  });

  it("a merged profile of few distinct values has a quantile histogram despite repeated quantile edges", () => {
    // Batches of a streamed file (e.g. one 300 MB field between short rows) merge into a sketched profile of 4 rows:
    // the 10% and 20% quantiles equal the minimum, so quantile edges repeat (this threw "split points must be
    // strictly increasing"). Counts are checked against the 4 values themselves.
    const merged = Profile.merge(profile(fromColumns({ id: [1, 2] })), profile(fromColumns({ id: [3, 4] })));
    const stats = merged.toJSON().features[0].numeric!;
    expect(stats.quantileMethod).toBe("sketch");
    const { edges, counts } = stats.quantileHistogram;
    const values = [1, 2, 3, 4];
    const expected = counts.map(
      (_, i) => values.filter((v) => (i === 0 ? v >= edges[0] : v > edges[i]) && v <= edges[i + 1]).length,
    );
    expect(counts).toEqual(expected);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(4);
    expect(new Set(edges).size).toBeLessThan(edges.length);
  });
});
