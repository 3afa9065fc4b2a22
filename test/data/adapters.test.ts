import { DataFrame } from "danfojs";
import { describe, expect, it } from "vitest";
import { Dataset, fromColumns, fromDanfo, fromRecords, toDataset } from "../../src/data/index.js";
import { errorOf, kinds, values } from "./helpers.js";

describe("fromRecords", () => {
  it("takes the union of keys in first-seen order; absent keys are missing", () => {
    const data = fromRecords([{ a: 1, b: "x" }, { c: true }, { b: "y", a: 3 }]);
    expect(data.columnNames).toEqual(["a", "b", "c"]);
    expect(data.source).toBe("records");
    expect(values(data, "a")).toEqual([1, null, 3]);
    expect(values(data, "c")).toEqual([null, true, null]);
  });

  it("reads numbers with numeric strings as numeric, and other mixes as categorical strings", () => {
    const data = fromRecords([
      { n: 1, mixed: 1, d: "2024-01-01", when: new Date(Date.UTC(2024, 0, 1)), flag: "true", big: 2n ** 60n },
      { n: "2.5", mixed: "x", d: "2024-01-02T10:00:00Z", when: null, flag: false, big: 1n },
      { n: null, mixed: true, d: "", when: new Date(NaN), flag: undefined, big: 2n },
    ]);
    expect(kinds(data)).toEqual({
      n: "numeric",
      mixed: "categorical",
      d: "datetime",
      when: "datetime",
      flag: "boolean",
      big: "numeric",
    });
    expect(values(data, "n")).toEqual([1, 2.5, null]);
    expect(values(data, "mixed")).toEqual(["1", "x", "true"]);
    expect(values(data, "d")).toEqual(["2024-01-01T00:00:00.000Z", "2024-01-02T10:00:00.000Z", null]);
    expect(values(data, "when")).toEqual(["2024-01-01T00:00:00.000Z", null, null]);
    expect(values(data, "flag")).toEqual([true, false, null]);
    expect(values(data, "big")[0]).toBe(2 ** 60);
  });

  it("keeps NaN as a numeric value and objects as JSON labels", () => {
    const data = fromRecords([
      { x: NaN, o: { k: 1 } },
      { x: 2, o: [1, 2] },
    ]);
    expect(data.column("x").valid).toBeNull();
    expect(values(data, "o")).toEqual(['{"k":1}', "[1,2]"]);
  });

  it("rejects elements that are not records, and an empty array", async () => {
    expect(await errorOf(() => fromRecords([{ a: 1 }, 5]), "UNSUPPORTED_INPUT")).toContain(
      "record 1 is a number",
    );
    await errorOf(() => fromRecords([]), "EMPTY_TABLE");
  });
});

describe("fromColumns", () => {
  it("reads typed arrays as numeric and arrays by their values", () => {
    const data = fromColumns({
      f: new Float64Array([0.5, NaN]),
      i: new Int32Array([1, -2]),
      b: new BigInt64Array([1n, 2n]),
      s: ["a", null],
    });
    expect(kinds(data)).toEqual({ f: "numeric", i: "numeric", b: "numeric", s: "categorical" });
    const i = data.column("i");
    expect(i.kind === "numeric" && i.integer).toBe(true);
    expect(values(data, "s")).toEqual(["a", null]);
  });

  it("rejects columns of different lengths and non-array columns", async () => {
    expect(await errorOf(() => fromColumns({ a: [1, 2], b: [1] }), "UNSUPPORTED_INPUT")).toContain(
      '"b" has 1 rows, expected 2',
    );
    expect(await errorOf(() => fromColumns({ a: 5 as unknown as number[] }), "UNSUPPORTED_INPUT")).toContain(
      'column "a" is a number',
    );
    await errorOf(() => fromColumns({}), "EMPTY_TABLE");
  });
});

describe("fromDanfo", () => {
  it("reads a danfo DataFrame by its dtypes, with null and NaN missing", () => {
    const frame = new DataFrame({
      a: [1, 2, null, 4],
      s: ["x", "y", "x", null],
      b: [true, false, true, true],
      f: [1.5, NaN, 2, 3],
      n: ["1", "2", "3", "4"],
      d: ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04"],
    });
    expect(frame.dtypes).toEqual(["float32", "string", "boolean", "float32", "int32", "string"]);
    const data = fromDanfo(frame);
    expect(data.source).toBe("danfo DataFrame");
    // danfo's dtypes decide: "int32" strings are parsed as numbers; "string" columns stay strings (no date parsing).
    expect(kinds(data)).toEqual({
      a: "numeric",
      s: "categorical",
      b: "boolean",
      f: "numeric",
      n: "numeric",
      d: "categorical",
    });
    expect(values(data, "a")).toEqual([1, 2, null, 4]);
    expect(values(data, "f")).toEqual([1.5, null, 2, 3]);
    expect(values(data, "s")).toEqual(["x", "y", "x", null]);
    expect(values(data, "n")).toEqual([1, 2, 3, 4]);
    expect(data.numRows).toBe(4);
  });

  it("reads danfo datetime columns", () => {
    const frame = new DataFrame({ t: [new Date("2020-01-01T00:00:00Z"), new Date("2020-01-02T00:00:00Z")] });
    const data = toDataset(frame);
    expect(kinds(data)).toEqual({ t: "datetime" });
    expect(values(data, "t")).toEqual(["2020-01-01T00:00:00.000Z", "2020-01-02T00:00:00.000Z"]);
  });
});

describe("toDataset", () => {
  it("accepts records, column objects, Datasets", () => {
    expect(toDataset([{ a: 1 }]).numRows).toBe(1);
    expect(toDataset({ a: [1, 2] }).numRows).toBe(2);
    const dataset = toDataset({ a: [1, 2], b: ["x", "y"] }, { source: "mine" });
    expect(dataset.source).toBe("mine");
    expect(toDataset(dataset)).toBe(dataset);
    expect(toDataset(dataset, { columns: ["b"] }).columnNames).toEqual(["b"]);
    expect(toDataset(dataset)).toBeInstanceOf(Dataset);
  });

  it("throws UNSUPPORTED_INPUT with a hint for anything else", async () => {
    expect(await errorOf(() => toDataset("data.csv" as never), "UNSUPPORTED_INPUT")).toContain(
      'await read("data.csv")',
    );
    expect(await errorOf(() => toDataset(Promise.resolve([]) as never), "UNSUPPORTED_INPUT")).toContain(
      "forget `await`",
    );
    expect(await errorOf(() => toDataset(42 as never), "UNSUPPORTED_INPUT")).toContain("a number");
    expect(await errorOf(() => toDataset(new Map() as never), "UNSUPPORTED_INPUT")).toContain(
      "an object (Map)",
    );
  });
});
