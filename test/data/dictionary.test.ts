import { describe, expect, it } from "vitest";
import { ByteDictionary, poolCapacity } from "../../src/data/dictionary.js";

const MiB = 1 << 20;

describe("ByteDictionary pool growth", () => {
  it("doubles while small, grows by a quarter beyond 64 MiB, and gives one huge entry a small margin", () => {
    expect(poolCapacity(256, 300, 44)).toBe(512);
    expect(poolCapacity(256, 1000, 900)).toBe(1000 + 125);
    expect(poolCapacity(32 * MiB, 32 * MiB + 5, 5)).toBe(64 * MiB);
    expect(poolCapacity(80 * MiB, 80 * MiB + 5, 5)).toBe(100 * MiB);
    // A 300 MB field into a fresh pool: 300 MB + 16 MiB, not 512 MiB; the short values after it then fit.
    expect(poolCapacity(256, 300_000_000, 300_000_000)).toBe(300_000_000 + 16 * MiB);
  });

  it("keeps codes and strings right across a huge entry and the short ones after it", () => {
    const dictionary = new ByteDictionary();
    const encode = (text: string) => new TextEncoder().encode(text);
    const huge = "h".repeat(3 * MiB);
    const values = ["short", huge, "medium", "short", "é", huge, "medium"];
    const codes = values.map((v) => {
      const bytes = encode(v);
      return dictionary.code(bytes, 0, bytes.length);
    });
    expect(codes).toEqual([0, 1, 2, 0, 3, 1, 2]);
    expect(dictionary.strings({ encoding: "utf8", invalidUtf8: "error" })).toEqual([
      "short",
      huge,
      "medium",
      "é",
    ]);
  });
});
