import { describe, expect, it } from "vitest";
import { fromColumns, fromRecords, inferKinds, withKinds } from "../../src/data/index.js";
import { errorOf, kinds, values } from "./helpers.js";

describe("inferKinds", () => {
  it("explains each kind and notes binary, constant, identifier-like and all-missing columns", () => {
    const data = fromColumns({
      binary: [0, 1, 1, 0],
      constant: [7, 7, 7, 7],
      id: ["u1", "u2", "u3", "u4"],
      empty: [null, null, null, null],
      label: ["a", "b", "a", "a"],
    });
    const info = Object.fromEntries(inferKinds(data).map((k) => [k.column, k]));
    expect(info.binary).toMatchObject({ kind: "numeric", notes: ["binary"] });
    expect(info.constant).toMatchObject({ kind: "numeric", notes: ["constant"] });
    expect(info.id).toMatchObject({ kind: "categorical", notes: ["identifier-like"] });
    expect(info.empty).toMatchObject({
      kind: "categorical",
      notes: ["all-missing"],
      reason: "every value is missing",
    });
    expect(info.label.reason).toBe("strings, 2 distinct (50% of 4 present values)");
  });

  it("calls a string column text when most values are distinct and contain spaces", () => {
    const reviews = Array.from({ length: 100 }, (_, i) => `review number ${i} was ${i % 2 ? "good" : "bad"}`);
    const ids = Array.from({ length: 100 }, (_, i) => `ID-${i}`);
    const labels = Array.from({ length: 100 }, (_, i) => ["very good", "bad", "so so"][i % 3]);
    const data = fromColumns({ reviews, ids, labels });
    expect(kinds(data)).toEqual({ reviews: "text", ids: "categorical", labels: "categorical" });
  });

  it("flags high-cardinality categorical columns", () => {
    const data = fromColumns({ c: Array.from({ length: 5000 }, (_, i) => `c${i % 2000}`) });
    expect(inferKinds(data)[0].notes).toEqual(["high-cardinality"]);
  });
});

describe("withKinds", () => {
  it("turns an integer code column into categorical labels", () => {
    const data = withKinds(fromColumns({ code: [3, 1, null, 3] }), { code: "categorical" });
    expect(kinds(data)).toEqual({ code: "categorical" });
    expect(values(data, "code")).toEqual(["3", "1", null, "3"]);
    const column = data.column("code");
    expect(column.kind === "categorical" && column.dictionary).toEqual(["3", "1"]);
  });

  it("parses numeric strings when forced numeric, naming the first bad value and its row", async () => {
    const data = fromColumns({ s: ["1", "2.5", null] }, { stringsAsIs: true });
    expect(kinds(data).s).toBe("categorical");
    expect(values(withKinds(data, { s: "numeric" }), "s")).toEqual([1, 2.5, null]);
    const bad = fromColumns({ s: ["1", "2", "abc", "abc"] }, { stringsAsIs: true });
    const message = await errorOf(() => withKinds(bad, { s: "numeric" }), "INVALID_KIND");
    expect(message).toContain('column "s" cannot be numeric: row 3 has "abc"');
  });

  it("converts between categorical, text, boolean, datetime and numeric", () => {
    const data = fromRecords([
      { yes: "yes", day: "2024-01-01", ms: 0, flag: true, when: new Date(0) },
      { yes: "N", day: "2024-01-02", ms: 86400000, flag: false, when: new Date(1000) },
    ]);
    const converted = withKinds(data, {
      yes: "boolean",
      ms: "datetime",
      flag: "numeric",
      when: "numeric",
      day: "text",
    });
    expect(values(converted, "yes")).toEqual([true, false]);
    expect(values(converted, "ms")).toEqual(["1970-01-01T00:00:00.000Z", "1970-01-02T00:00:00.000Z"]);
    expect(values(converted, "flag")).toEqual([1, 0]);
    expect(values(converted, "when")).toEqual([0, 1000]);
    expect(kinds(converted).day).toBe("text");
    expect(values(converted, "day")).toEqual(["2024-01-01T00:00:00.000Z", "2024-01-02T00:00:00.000Z"]);
    expect(values(withKinds(data, { flag: "categorical" }), "flag")).toEqual(["true", "false"]);
  });

  it("rejects unknown kinds, unknown columns and impossible conversions", async () => {
    const data = fromColumns({ n: [0, 2] });
    expect(await errorOf(() => withKinds(data, { n: "number" as "numeric" }), "INVALID_KIND")).toContain(
      "numeric, categorical, boolean, datetime, text",
    );
    await errorOf(() => withKinds(data, { missing: "numeric" }), "MISSING_COLUMN");
    expect(await errorOf(() => withKinds(data, { n: "boolean" }), "INVALID_KIND")).toContain('row 2 has "2"');
  });
});
