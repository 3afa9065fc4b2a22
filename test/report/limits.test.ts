import { describe, expect, it } from "vitest";
import { MAX_VALUE_LENGTH, shortLabel, shortValue, shortValueCounts } from "../../src/report/limits.js";

describe("long values in reports", () => {
  it("keeps short values as they are and cuts long ones with their full length", () => {
    expect(shortValue("abc")).toEqual({ value: "abc" });
    const long = "x".repeat(MAX_VALUE_LENGTH + 1);
    expect(shortValue(long)).toEqual({
      value: `${"x".repeat(MAX_VALUE_LENGTH)}…`,
      length: MAX_VALUE_LENGTH + 1,
    });
    expect(shortValue("x".repeat(MAX_VALUE_LENGTH))).toEqual({ value: "x".repeat(MAX_VALUE_LENGTH) });
  });

  it("does not split a surrogate pair at the cut", () => {
    const value = "a".repeat(9) + "😀" + "b".repeat(10);
    const short = shortValue(value, 10);
    expect(short.value).toBe("a".repeat(9) + "…");
    expect(short.length).toBe(value.length);
  });

  it("says the length inside sentences and counts cut entries", () => {
    expect(shortLabel("y".repeat(100), 10)).toBe("yyyyyyyyyy… (100 chars)");
    const { list, cut } = shortValueCounts<{ value: string; count: number; length?: number }>([
      { value: "short", count: 3 },
      { value: "z".repeat(500), count: 1 },
    ]);
    expect(cut).toBe(1);
    expect(list[0]).toEqual({ value: "short", count: 3 });
    expect(list[1].length).toBe(500);
    expect(list[1].value.length).toBe(MAX_VALUE_LENGTH + 1);
  });
});
