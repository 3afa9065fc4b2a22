import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { fromColumns } from "../../src/data/index.js";
import { drift } from "../../src/drift/index.js";
import { capReportSize, DEFAULT_MAX_REPORT_BYTES, summarizedFeature } from "../../src/report/size.js";
import { profile } from "../../src/stats/profile.js";

/** 200 columns × 50 rows: even columns numeric, odd columns categorical (seeded). */
function wide(shift = 0) {
  let seed = 7 + shift;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const columns: Record<string, (number | string)[]> = {};
  for (let c = 0; c < 200; c++) {
    const name = `c${String(c).padStart(3, "0")}`;
    columns[name] = Array.from({ length: 50 }, () =>
      c % 2 === 0 ? Math.round(random() * 1000) / 10 + shift : `v${Math.floor(random() * 30)}`,
    );
  }
  return fromColumns(columns);
}

const size = (json: unknown) => Buffer.byteLength(JSON.stringify(json, null, 2), "utf8");

describe("report size cap", () => {
  it("returns a report under the cap unchanged (default 20 MB)", () => {
    const json = profile(wide()).toJSON();
    expect(DEFAULT_MAX_REPORT_BYTES).toBe(20_000_000);
    expect(capReportSize(json)).toBe(json);
  });

  it("keeps every column's summary statistics and drops the last columns' distributions to fit", () => {
    const json = profile(wide()).toJSON();
    const before = size(json);
    const maxBytes = Math.round(before / 2);
    const capped = capReportSize(json, { maxBytes });
    const after = size(capped);
    expect(after).toBeLessThanOrEqual(maxBytes);
    expect(capped.features).toHaveLength(200);
    const summarized = capped.features.filter((f) => f.summarized === true);
    expect(summarized.length).toBeGreaterThan(0);
    expect(summarized.length).toBeLessThan(200);
    // The summarized ones are the last columns, in order; the first keep everything.
    expect(capped.features.findIndex((f) => f.summarized === true)).toBe(200 - summarized.length);
    expect(capped.features[0]).toEqual(json.features[0]);
    for (const [i, f] of capped.features.entries()) {
      const original = json.features[i];
      expect(f.count).toBe(original.count);
      expect(f.missing).toBe(original.missing);
      if (f.summarized !== true) continue;
      if (f.numeric !== undefined) {
        const o = original.numeric!;
        expect([f.numeric.mean, f.numeric.std, f.numeric.min, f.numeric.max, f.numeric.median]).toEqual([
          o.mean,
          o.std,
          o.min,
          o.max,
          o.median,
        ]);
        expect(f.numeric.histogram.counts).toEqual([]);
        expect(f.numeric.quantiles).toEqual([]);
      }
      if (f.categorical !== undefined) {
        expect(f.categorical.unique).toBe(original.categorical!.unique);
        expect(f.categorical.top).toEqual(original.categorical!.top.slice(0, 5));
        expect(f.categorical.rankHistogram).toEqual([]);
      }
    }
    expect(capped.omitted!.sizeCap).toEqual({
      maxBytes,
      bytes: before,
      summarizedColumns: summarized.length,
    });
    expect(capped.omitted!.notes!.join(" ")).toContain(
      `of ${summarized.length} of 200 columns left out (marked "summarized", from ${summarized[0].name})`,
    );
  });

  it("says so when even the summaries are over the cap", () => {
    const json = profile(wide()).toJSON();
    const capped = capReportSize(json, { maxBytes: 10_000 });
    expect(capped.features.every((f) => f.summarized === true)).toBe(true);
    expect(capped.omitted!.notes!.join(" ")).toMatch(/still .* the summaries alone are over the cap/);
  });

  it("summarizes undrifted features of a drift report first, keeping every test result", () => {
    const reference = wide();
    const current = wide(30);
    const json = drift(reference, current, { maxDistributions: 200 }).toJSON();
    const before = size(json);
    const capped = capReportSize(json, { maxBytes: Math.round(before * 0.6) });
    expect(size(capped)).toBeLessThanOrEqual(Math.round(before * 0.6));
    for (const [i, f] of capped.features.entries()) {
      const o = json.features[i];
      expect([f.name, f.statistic, f.pValue, f.drifted, f.summary]).toEqual([
        o.name,
        o.statistic,
        o.pValue,
        o.drifted,
        o.summary,
      ]);
      if (f.summarized === true) {
        expect(f.distribution).toBeNull();
        expect(f.reference).toEqual({
          count: o.reference.count,
          missing: o.reference.missing,
          n: o.reference.n,
        });
      }
    }
    const drifted = capped.features.filter((f) => f.drifted);
    const undrifted = capped.features.filter((f) => !f.drifted);
    expect(drifted.length).toBeGreaterThan(0);
    expect(undrifted.length).toBeGreaterThan(0);
    // Undrifted before drifted: a drifted feature is summarized only once every undrifted one is.
    if (drifted.some((f) => f.summarized === true))
      expect(undrifted.every((f) => f.summarized === true)).toBe(true);
    expect(undrifted.some((f) => f.summarized === true)).toBe(true);
  });

  it("capped reports are valid report JSON (docs/report.schema.json)", () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(
      JSON.parse(readFileSync("docs/report.schema.json", "utf8")),
    );
    const json = profile(wide()).toJSON();
    const f = summarizedFeature(json.features[1]);
    expect(f.kind).toBe(json.features[1].kind);
    expect(f.summarized).toBe(true);
    for (const capped of [
      capReportSize(json, { maxBytes: 10_000 }),
      capReportSize(drift(wide(), wide(30)).toJSON(), { maxBytes: 10_000 }),
    ]) {
      expect(validate(capped), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    }
  });
});
