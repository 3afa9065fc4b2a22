import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { Dataset, type Column } from "../../src/data/column.js";
import { fromColumns, read } from "../../src/data/index.js";
import { DriftlabError } from "../../src/errors.js";
import { JUPYTER_DISPLAY } from "../../src/report/report.js";
import { Profile, profile } from "../../src/stats/profile.js";
import type { FeatureProfile } from "../../src/stats/types.js";

const DATA = "node_modules/vega-datasets/data";
const reference = JSON.parse(readFileSync("test/stats/fixtures/reference.json", "utf8"));
const schema = JSON.parse(readFileSync("docs/report.schema.json", "utf8"));

function close(actual: number, expected: number, relative = 1e-9): void {
  const scale = Math.max(1, Math.abs(expected));
  expect(Math.abs(actual - expected) / scale, `${actual} vs ${expected}`).toBeLessThanOrEqual(relative);
}

function checkNumeric(feature: FeatureProfile, ref: Record<string, number | number[] | null>): void {
  const s = feature.numeric!;
  expect(feature.count).toBe(ref.count);
  expect(feature.missing).toBe(ref.missing);
  for (const key of ["mean", "std", "stdPopulation", "min", "max", "sum", "skewness", "kurtosis"] as const) {
    close(s[key], ref[key] as number);
  }
  expect(s.zeros).toBe(ref.zeros);
  expect(s.quantileMethod).toBe("exact");
  (ref.quantiles as number[]).forEach((q, i) => close(s.quantiles[i].value, q, 1e-12));
  expect(s.histogram.counts).toEqual(ref.histogramCounts);
  (ref.histogramEdges as number[]).forEach((e, i) => close(s.histogram.edges[i], e, 1e-12));
  (ref.quantileHistogramEdges as number[]).forEach((e, i) => close(s.quantileHistogram.edges[i], e, 1e-12));
  expect(s.quantileHistogram.counts).toEqual(ref.quantileHistogramCounts);
}

describe("profile", () => {
  it("matches pandas/numpy/scipy on seattle-weather.csv", async () => {
    const ref = reference["seattle-weather"];
    const report = profile(await read(`${DATA}/seattle-weather.csv`));
    expect(report.numRows).toBe(ref.numRows);
    for (const [name, r] of Object.entries(ref.numeric)) checkNumeric(report.feature(name), r as never);
    const weather = report.feature("weather");
    expect(weather.kind).toBe("categorical");
    expect(weather.categorical!.unique).toBe(ref.categorical.weather.unique);
    expect(weather.categorical!.top).toEqual(ref.categorical.weather.top);
    close(weather.categorical!.averageLength, ref.categorical.weather.averageLength);
    const date = report.feature("date");
    expect(date.kind).toBe("datetime");
    expect(date.datetime!.min).toBe(ref.dateMin);
    expect(date.datetime!.max).toBe(ref.dateMax);
    expect(date.datetime!.granularity).toBe("day");
  });

  it("matches pandas on penguins.json, with missing values and a '.' category", async () => {
    const ref = reference.penguins;
    const report = profile(await read(`${DATA}/penguins.json`));
    expect(report.numRows).toBe(ref.numRows);
    for (const [name, r] of Object.entries(ref.numeric)) checkNumeric(report.feature(name), r as never);
    for (const [name, r] of Object.entries(ref.categorical) as [string, Record<string, unknown>][]) {
      const f = report.feature(name);
      expect(f.missing).toBe(r.missing);
      expect(f.categorical!.unique).toBe(r.unique);
      expect(f.categorical!.top).toEqual(r.top);
    }
  });

  it("profiles slices, each equal to the profile of its rows", async () => {
    const report = profile(await read(`${DATA}/penguins.json`), { slices: ["Species"] });
    const slices = report.toJSON().slices!;
    expect(slices.map((s) => s.key.Species).sort()).toEqual(
      Object.keys(reference.penguins.sliceMeanBodyMass).sort(),
    );
    for (const slice of slices) {
      const mass = slice.features.find((f) => f.name === "Body Mass (g)")!;
      close(mass.numeric!.mean, reference.penguins.sliceMeanBodyMass[slice.key.Species as string]);
    }
    expect(slices.reduce((t, s) => t + s.numRows, 0)).toBe(report.numRows);
  });

  it("validates against the report JSON Schema, and survives a JSON round trip", async () => {
    const report = profile(await read(`${DATA}/seattle-weather.csv`), { slices: ["weather"] });
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const json = JSON.parse(JSON.stringify(report.toJSON()));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...json, version: 2 })).toBe(false);
  });

  it("shows itself as a MIME bundle with report JSON, static HTML and text", async () => {
    const report = profile(await read(`${DATA}/seattle-weather.csv`));
    const bundle = (await report[JUPYTER_DISPLAY]()) as Record<string, unknown>;
    expect((bundle["application/vnd.driftlab.report.v1+json"] as { kind: string }).kind).toBe("profile");
    const html = bundle["text/html"] as string;
    expect(html).toContain("temp_max");
    expect(html).toContain("<svg");
    expect(html).not.toContain("<script");
    expect(bundle["text/plain"]).toContain("precipitation");
    expect(await report.toHTML()).toContain("<!doctype html>");
  });
});

/** A seeded table with every kind, NaN, ±Infinity, missing values and many categories. */
function syntheticDataset(n: number, seed: number): Dataset {
  let s = seed >>> 0;
  const random = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const x = new Float64Array(n);
  const xValid = new Uint8Array(n);
  const codes = new Int32Array(n);
  const flags = new Uint8Array(n);
  const when = new Float64Array(n);
  const dictionary = Array.from({ length: 300 }, (_, i) => `c${i}`);
  for (let i = 0; i < n; i++) {
    const u = random();
    xValid[i] = u < 0.05 ? 0 : 1;
    x[i] =
      u < 0.06 ? NaN : u < 0.065 ? Infinity : u < 0.1 ? 0 : Math.round((random() * 200 - 50) * 100) / 100;
    codes[i] = random() < 0.02 ? -1 : Math.floor(random() ** 2 * dictionary.length);
    flags[i] = random() < 0.3 ? 1 : 0;
    when[i] = Date.UTC(2020, 0, 1) + Math.floor(random() * 1000) * 86_400_000;
  }
  const columns: Column[] = [
    { name: "x", kind: "numeric", length: n, valid: xValid, values: x, integer: false },
    { name: "category", kind: "categorical", length: n, valid: null, codes, dictionary },
    { name: "flag", kind: "boolean", length: n, valid: null, values: flags },
    { name: "when", kind: "datetime", length: n, valid: null, values: when },
  ];
  return new Dataset(columns, { source: "synthetic" });
}

describe("Profile.merge", () => {
  const whole = syntheticDataset(30_000, 7);
  const cuts = [0, 7_000, 19_000, 30_000];
  const parts = cuts.slice(1).map((end, i) => {
    const rows = Int32Array.from({ length: end - cuts[i] }, (_, k) => cuts[i] + k);
    return profile(whole.take(rows));
  });
  const wholeProfile = profile(whole);
  const merged = Profile.merge(...parts);

  it("equals the profile of the whole in every exact field", () => {
    expect(merged.numRows).toBe(wholeProfile.numRows);
    for (const f of wholeProfile.features) {
      const m = merged.feature(f.name);
      expect(m.count).toBe(f.count);
      expect(m.missing).toBe(f.missing);
      expect(m.kind).toBe(f.kind);
    }
    const x = merged.feature("x").numeric!;
    const wx = wholeProfile.feature("x").numeric!;
    for (const key of [
      "finiteCount",
      "min",
      "max",
      "zeros",
      "nan",
      "positiveInfinity",
      "negativeInfinity",
    ] as const) {
      expect(x[key]).toBe(wx[key]);
    }
    close(x.sum, wx.sum, 1e-12);
    close(x.mean, wx.mean, 1e-12);
    close(x.std, wx.std, 1e-10);
    close(x.skewness, wx.skewness, 1e-9);
    expect(merged.feature("category").categorical).toEqual(wholeProfile.feature("category").categorical);
    expect(merged.feature("flag").boolean).toEqual(wholeProfile.feature("flag").boolean);
    expect(merged.feature("when").datetime!.min).toBe(wholeProfile.feature("when").datetime!.min);
  });

  it("gives quantiles within the sketch's stated rank error, and says they are from a sketch", () => {
    const x = merged.feature("x").numeric!;
    expect(x.quantileMethod).toBe("sketch");
    expect(x.quantileRankError).toBeGreaterThan(0);
    expect(x.quantileRankError).toBeLessThan(0.05);
    // Exact ranks of the sketch's answers, from the raw finite values.
    const column = whole.column("x") as { values: Float64Array; valid: Uint8Array };
    const finite = Array.from(column.values).filter((v, i) => column.valid[i] === 1 && Number.isFinite(v));
    finite.sort((a, b) => a - b);
    for (const { q, value } of x.quantiles) {
      const below = finite.filter((v) => v < value).length / finite.length;
      const atOrBelow = finite.filter((v) => v <= value).length / finite.length;
      expect(q).toBeGreaterThanOrEqual(below - x.quantileRankError);
      expect(q).toBeLessThanOrEqual(atOrBelow + x.quantileRankError);
    }
  });

  it("round-trips through the saved state and merges the saved profiles", () => {
    const restored = parts.map((p) => Profile.fromState(JSON.parse(JSON.stringify(p.toState()))));
    const again = Profile.merge(...restored);
    expect(again.toJSON().features).toEqual(merged.toJSON().features);
  });

  it("refuses profiles made with different settings", () => {
    const other = profile(whole, { histogramBins: 20 });
    expect(() => Profile.merge(wholeProfile, other)).toThrow(DriftlabError);
  });
});

describe("profile on bad input", () => {
  it("names the missing feature and lists those that exist", () => {
    const data = fromColumns({ a: [1, 2, 3] });
    expect(() => profile(data, { features: ["b"] })).toThrowError(/no column "b".*"a"/);
  });

  it("reports an all-null column as all missing", () => {
    const report = profile(fromColumns({ a: [null, null, null], b: [1, 2, 3] }));
    const a = report.feature("a");
    expect(a.missing).toBe(3);
    expect(a.missingFraction).toBe(1);
  });

  it("counts NaN and ±Infinity apart and keeps them out of the moments", () => {
    const report = profile(fromColumns({ x: [1, NaN, Infinity, -Infinity, 3] }));
    const x = report.feature("x").numeric!;
    expect([x.nan, x.positiveInfinity, x.negativeInfinity, x.finiteCount]).toEqual([1, 1, 1, 2]);
    expect(x.mean).toBe(2);
    expect(x.min).toBe(1);
    expect(x.max).toBe(3);
  });

  it("rejects a bad option value with INVALID_OPTION", () => {
    expect(() => profile(fromColumns({ x: [1] }), { topValues: 0 })).toThrowError(/topValues/);
  });

  it("keeps memory bounded for 1M distinct categories: sketches beyond the exact limit", () => {
    const n = 1_000_000;
    const dictionary = Array.from({ length: n }, (_, i) => `id-${i}`);
    const codes = Int32Array.from({ length: n }, (_, i) => i);
    const data = new Dataset([
      { name: "id", kind: "categorical", length: n, valid: null, codes, dictionary },
    ]);
    const report = profile(data);
    // The profile of the column itself had the exact counts at hand: it says exact numbers.
    const own = report.feature("id").categorical!;
    expect(own.uniqueMethod).toBe("exact");
    expect(own.unique).toBe(n);
    expect(own.countsExact).toBe(true);
    // Saved (and merged) profiles keep only the sketches: approximate, bounded, and saying so.
    const saved = JSON.stringify(report.toState());
    expect(saved.length).toBeLessThan(400_000);
    const c = Profile.fromState(JSON.parse(saved)).feature("id").categorical!;
    expect(c.uniqueMethod).toBe("sketch");
    expect(c.unique).toBeLessThanOrEqual(n);
    expect(Math.abs(c.unique - n) / n).toBeLessThan(3 * c.uniqueRelativeError);
    expect(c.countsExact).toBe(false);
    expect(c.countsErrorBound).toBeGreaterThan(0);
    expect(c.rankHistogram.length).toBeLessThanOrEqual(1000);
    expect(JSON.stringify(report.toJSON()).length).toBeLessThan(200_000);
  });
});

describe("Dataset.between", () => {
  it("keeps the rows in [from, to) of a datetime column, by ISO date or number", async () => {
    const weather = await read(`${DATA}/seattle-weather.csv`);
    expect(weather.between("date", "2013-01-01", "2014-01-01").numRows).toBe(365);
    expect(weather.between("date", "2012-01-01", "2013-01-01").numRows).toBe(366);
    expect(weather.between("temp_max", 30, Infinity).numRows).toBe(
      (weather.column("temp_max") as { values: Float64Array }).values.filter((v) => v >= 30).length,
    );
    expect(() => weather.between("weather", 0, 1)).toThrowError(/numeric or datetime/);
  });
});
