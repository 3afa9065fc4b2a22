import {
  Bool,
  Date_,
  DateUnit,
  Dictionary,
  Float16,
  Float32,
  Float64,
  Int8,
  Int32,
  Int64,
  LargeUtf8,
  Table,
  TimeUnit,
  Timestamp,
  Uint32,
  Uint64,
  Utf8,
  makeData,
  makeVector,
  tableFromArrays,
  vectorFromArray,
} from "apache-arrow";
import { describe, expect, it } from "vitest";
import { fromArrow, toDataset } from "../../src/data/index.js";
import { kinds, values } from "./helpers.js";

describe("fromArrow", () => {
  it("converts integers, floats, booleans and strings with nulls", () => {
    const table = new Table({
      i8: vectorFromArray([1, null, -3], new Int8()),
      u32: vectorFromArray([4000000000, 1, null], new Uint32()),
      f32: vectorFromArray([0.5, null, -2.25], new Float32()),
      f16: vectorFromArray([0.5, -2, null], new Float16()),
      b: vectorFromArray([true, null, false], new Bool()),
      s: vectorFromArray(["x", null, "y"], new Utf8()),
      ls: vectorFromArray(["long", "long", null], new LargeUtf8()),
    });
    const data = fromArrow(table);
    expect(kinds(data)).toEqual({
      i8: "numeric",
      u32: "numeric",
      f32: "numeric",
      f16: "numeric",
      b: "boolean",
      s: "categorical",
      ls: "categorical",
    });
    expect(values(data, "i8")).toEqual([1, null, -3]);
    expect(values(data, "u32")).toEqual([4000000000, 1, null]);
    expect(values(data, "f32")).toEqual([0.5, null, -2.25]);
    expect(values(data, "f16")).toEqual([0.5, -2, null]);
    expect(values(data, "b")).toEqual([true, null, false]);
    expect(values(data, "s")).toEqual(["x", null, "y"]);
    expect(values(data, "ls")).toEqual(["long", "long", null]);
    const i8 = data.column("i8");
    expect(i8.kind === "numeric" && i8.integer).toBe(true);
  });

  it("converts Int64 and Uint64 exactly up to 2^53 and warns beyond", () => {
    const table = new Table({
      i: vectorFromArray([-(2n ** 53n), -1n, 0n, 2n ** 53n, null], new Int64()),
      u: vectorFromArray([2n ** 64n - 1n, 0n, 1n, 2n ** 40n, 3n], new Uint64()),
    });
    const data = fromArrow(table);
    expect(values(data, "i")).toEqual([-(2 ** 53), -1, 0, 2 ** 53, null]);
    expect(values(data, "u")).toEqual([2 ** 64, 0, 1, 2 ** 40, 3]);
    expect(data.warnings.join(" ")).toContain('"u" has 64-bit integers beyond ±2^53');
  });

  it("converts timestamps in every unit and dates to milliseconds", () => {
    const ms = Date.UTC(2024, 0, 2, 3, 4, 5, 678);
    const table = new Table({
      s: vectorFromArray([new Date(Date.UTC(2024, 0, 2, 3, 4, 5))], new Timestamp(TimeUnit.SECOND)),
      ms: vectorFromArray([new Date(ms)], new Timestamp(TimeUnit.MILLISECOND)),
      us: vectorFromArray([new Date(ms)], new Timestamp(TimeUnit.MICROSECOND)),
      ns: vectorFromArray([new Date(ms)], new Timestamp(TimeUnit.NANOSECOND, "Europe/Oslo")),
      day: vectorFromArray([new Date(Date.UTC(2024, 0, 2))], new Date_(DateUnit.DAY)),
      day64: vectorFromArray([new Date(ms)], new Date_(DateUnit.MILLISECOND)),
    });
    // Check the stored integers, not only the round trip.
    expect(table.getChild("us")!.data[0].values[0]).toBe(BigInt(ms) * 1000n);
    const data = fromArrow(table);
    expect(kinds(data)).toEqual({
      s: "datetime",
      ms: "datetime",
      us: "datetime",
      ns: "datetime",
      day: "datetime",
      day64: "datetime",
    });
    expect(values(data, "s")).toEqual(["2024-01-02T03:04:05.000Z"]);
    for (const name of ["ms", "us", "ns", "day64"])
      expect(values(data, name), name).toEqual([new Date(ms).toISOString()]);
    expect(values(data, "day")).toEqual(["2024-01-02T00:00:00.000Z"]);
  });

  it("keeps microseconds as fractions of a millisecond", () => {
    const table = new Table({ t: vectorFromArray([new Date(0)], new Timestamp(TimeUnit.MICROSECOND)) });
    (table.getChild("t")!.data[0].values as BigInt64Array)[0] = 1_700_000_000_123_456n;
    const column = fromArrow(table).column("t");
    expect(column.kind === "datetime" && column.values[0]).toBeCloseTo(1_700_000_000_123.456, 6);
  });

  it("converts dictionary columns, sharing codes across batches with different dictionaries", () => {
    const first = vectorFromArray(["a", "b", "a", null], new Dictionary(new Utf8(), new Int32()));
    const second = vectorFromArray(["c", "a", "c"], new Dictionary(new Utf8(), new Int32()));
    const table = new Table({ d: first.concat(second) });
    expect(table.getChild("d")!.data).toHaveLength(2);
    const data = fromArrow(table);
    expect(kinds(data).d).toBe("categorical");
    expect(values(data, "d")).toEqual(["a", "b", "a", null, "c", "a", "c"]);
    const column = data.column("d");
    expect(column.kind === "categorical" && column.dictionary).toEqual(["a", "b", "c"]);
  });

  it("reads tables of many record batches, also sliced", () => {
    const n = 4_000;
    const batches = [];
    for (let b = 0; b < 7; b++) {
      batches.push(
        tableFromArrays({
          x: Float64Array.from({ length: n }, (_, i) => b * n + i),
          flag: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? null : i % 2 === 0)),
          s: Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : `k${(b * n + i) % 97}`)),
        }),
      );
    }
    let table = batches[0];
    for (const batch of batches.slice(1)) table = table.concat(batch);
    expect(table.batches.length).toBe(7);
    const sliced = table.slice(12_345, 25_000);
    const data = fromArrow(sliced);
    expect(data.numRows).toBe(25_000 - 12_345);
    const x = values(data, "x");
    const flag = values(data, "flag");
    const s = values(data, "s");
    for (let i = 0; i < data.numRows; i++) {
      const j = 12_345 + i;
      const local = j % n;
      expect(x[i]).toBe(j);
      expect(flag[i]).toBe(local % 3 === 0 ? null : local % 2 === 0);
      expect(s[i]).toBe(local % 5 === 0 ? null : `k${j % 97}`);
    }
  });

  it("skips unsupported types with a warning and converts Null columns to all-missing", () => {
    const table = tableFromArrays({ a: [1, 2] });
    const withList = new Table({
      a: table.getChild("a")!,
      l: vectorFromArray([[1], [2]]),
      n: vectorFromArray([null, null]),
    });
    const data = fromArrow(withList);
    expect(data.columnNames).toEqual(["a", "n"]);
    expect(data.warnings[0]).toContain('column "l" has Arrow type List');
    expect(values(data, "n")).toEqual([null, null]);
  });

  it("converts 3M strings in well under a second", () => {
    const n = 3_000_000;
    const codes = ["ATL", "ORD", "DFW", "LAX", "LAS", "PHX", "DEN", "IAH"];
    // Build the Utf8 buffers directly (apache-arrow's builder is slow for 3M values).
    const bytes = new Uint8Array(3 * n);
    const offsets = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      const code = codes[(i * 7) % 8];
      for (let k = 0; k < 3; k++) bytes[3 * i + k] = code.charCodeAt(k);
      offsets[i + 1] = 3 * (i + 1);
    }
    const table = new Table({
      s: makeVector(makeData({ type: new Utf8(), length: n, valueOffsets: offsets, data: bytes })),
    });
    const start = performance.now();
    const data = fromArrow(table);
    const elapsed = performance.now() - start;
    const column = data.column("s");
    expect(column.kind === "categorical" && column.dictionary.length).toBe(8);
    expect(elapsed).toBeLessThan(1500);
  });

  it("is what toDataset does with an Arrow table", () => {
    const table = tableFromArrays({ f: new Float64Array([1, 2]), s: ["a", "b"] });
    expect(values(toDataset(table), "s")).toEqual(["a", "b"]);
    expect(kinds(toDataset(table, { kinds: { f: "categorical" } })).f).toBe("categorical");
  });

  it("handles Float64 NaN as a value, not missing", () => {
    const data = fromArrow(new Table({ f: vectorFromArray([NaN, 1], new Float64()) }));
    expect(data.column("f").valid).toBeNull();
  });
});
