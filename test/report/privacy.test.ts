import { describe, expect, it } from "vitest";
import { fromColumns } from "../../src/data/index.js";
import { drift } from "../../src/drift/index.js";
import { hashValue, shareableReport } from "../../src/report/privacy.js";
import { Schema } from "../../src/schema/schema.js";
import { validate } from "../../src/schema/validate.js";
import { profile } from "../../src/stats/profile.js";

/** 40 rows: city "A" 25 times, "B" 12, "C" 2, "D" 1; income 1..40; a 3-row slice "rare". */
function people() {
  const city = [...Array(25).fill("A"), ...Array(12).fill("B"), "C", "C", "D"];
  const income = Array.from({ length: 40 }, (_, i) => 1000 * (i + 1));
  const segment = city.map((_, i) => (i < 37 ? "common" : "rare"));
  return fromColumns({ city, income, segment });
}

describe("privacy of shared reports", () => {
  it("suppresses categories and slices with fewer than 10 members and says what it left out", () => {
    const json = profile(people(), { slices: ["segment"] }).toJSON();
    const shared = shareableReport(json);
    const city = shared.features.find((f) => f.name === "city")!.categorical!;
    expect(city.top.map((t) => t.value)).toEqual(["A", "B"]);
    expect(city.rankHistogram.map((t) => t.value)).toEqual(["A", "B"]);
    expect(shared.slices!.map((s) => s.key)).toEqual([{ segment: "common" }]);
    expect(shared.omitted!.suppressed).toEqual([
      { column: "city", count: 2, minimumCount: 10 },
      { column: "segment", count: 1, minimumCount: 10 },
      { column: "slice segment", count: 1, minimumCount: 10 },
    ]);
    expect(shared.omitted!.notes!.join(" ")).toMatch(
      /privacy: 4 categories or slices with fewer than 10 members/,
    );
    // The report object itself is untouched: privacy applies to what is shared.
    expect(json.features.find((f) => f.name === "city")!.categorical!.top).toHaveLength(4);
  });

  it("hashes or redacts the values of sensitive columns and hides their extremes", () => {
    const json = profile(people()).toJSON();
    const hashed = shareableReport(json, { sensitive: ["city", "income"], minCount: 1 });
    const city = hashed.features.find((f) => f.name === "city")!.categorical!;
    expect(city.top.map((t) => t.value)).toEqual(["A", "B", "C", "D"].map((v) => hashValue(v)));
    expect(hashValue("A")).toMatch(/^#[0-9a-f]{16}$/);
    expect(hashValue("A")).not.toBe(hashValue("B"));
    const income = hashed.features.find((f) => f.name === "income")!.numeric!;
    expect(income.min).toBeNaN();
    expect(income.max).toBeNaN();
    expect(income.histogram.counts).toEqual([]);
    expect(income.mean).toBe(20500);
    expect(hashed.omitted!.redactedColumns).toEqual(["city", "income"]);
    const redacted = shareableReport(json, { sensitive: ["city"], sensitiveValues: "redact" });
    const shown = redacted.features.find((f) => f.name === "city")!.categorical!.top;
    expect(shown.every((t) => t.value === "(redacted)")).toBe(true);
    expect(JSON.stringify(redacted)).not.toContain('"value":"A"');
  });

  it("folds rare categories of a drift report into (other) and keeps the totals", () => {
    const reference = fromColumns({ c: [...Array(30).fill("x"), ...Array(20).fill("y"), "rare"] });
    const current = fromColumns({ c: [...Array(20).fill("x"), ...Array(30).fill("y"), "rare", "rare"] });
    const json = drift(reference, current).toJSON();
    const shared = shareableReport(json);
    const d = shared.features[0].distribution!;
    expect(d.type).toBe("categorical");
    if (d.type !== "categorical") return;
    expect(d.categories).toEqual(["x", "y", "(other)"]);
    expect(d.reference).toEqual([30, 20, 1]);
    expect(d.current).toEqual([20, 30, 2]);
    expect(JSON.stringify(shared)).not.toContain('"rare"');
    expect(shared.omitted!.suppressed).toEqual([{ column: "c", count: 1, minimumCount: 10 }]);
  });

  it("hashes with HMAC-SHA256 under a secret key (RFC 4231 test case 2), never with the value alone", () => {
    // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?" →
    // 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843.
    expect(hashValue("what do ya want for nothing?", "Jefe")).toBe("#5bdcc146bf60754e");
    // Same key: same digest (comparable between reports); another key or the per-process key: another digest.
    expect(hashValue("A", "k1")).toBe(hashValue("A", "k1"));
    expect(hashValue("A", "k1")).not.toBe(hashValue("A", "k2"));
    expect(hashValue("A")).toBe(hashValue("A"));
    expect(hashValue("A")).not.toBe(hashValue("A", "k1"));
    const json = profile(people()).toJSON();
    const keyed = shareableReport(json, { sensitive: ["city"], minCount: 1, hashKey: "Jefe" });
    expect(keyed.features.find((f) => f.name === "city")!.categorical!.top[0].value).toBe(
      hashValue("A", "Jefe"),
    );
  });

  it("leaves rare unexpected values out of a validate report and hashes a sensitive column's", async () => {
    const schema = new Schema();
    schema.addFeature("city", "categorical").domain.set(["A"]);
    schema.feature("city").markSensitive();
    const json = validate(people(), schema).toJSON();
    const anomaly = json.anomalies.find((a) => a.values !== undefined)!;
    expect(anomaly.values!.map((v) => v.value)).toEqual(["B", "C", "D"]);
    const shared = shareableReport(json, { sensitive: schema.sensitiveColumns, hashKey: "k" });
    const values = shared.anomalies.find((a) => a.values !== undefined)!.values!;
    expect(values).toEqual([{ value: hashValue("B", "k"), count: 12, fraction: 12 / 40 }]);
    const text = JSON.stringify(shared);
    for (const raw of ['"B"', '"C"', '"D"']) expect(text).not.toContain(raw);
    expect(shared.omitted!.suppressed).toEqual([{ column: "city", count: 2, minimumCount: 10 }]);
    expect(shared.omitted!.redactedColumns).toEqual(["city"]);
    expect(json.verdict.reasons.join(" ")).toContain('"C"');
    expect(shared.verdict.reasons.join(" ")).not.toMatch(/"[BCD]"/);
    expect(shared.verdict.reasons.join(" ")).toContain("values not shown");
    // Not sensitive: the common value stays readable, the rare ones are still left out.
    const plain = shareableReport(json);
    expect(plain.anomalies.find((a) => a.values !== undefined)!.values!.map((v) => v.value)).toEqual(["B"]);
    expect(JSON.stringify(plain)).not.toContain('"C"');
  });
});
