import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HyperLogLog, hashNumber, hashString } from "../../src/sketch/hyperloglog.js";
import { reference } from "./fixtures/reference.js";
import { expectDriftlabError, seededRandom } from "./random-data.js";

function numberOf(value: number | string): number {
  if (typeof value === "number") return value;
  return value === "inf" ? Infinity : value === "-inf" ? -Infinity : NaN;
}

describe("hashString / hashNumber (MurmurHash3_x86_32) against the Python reference", () => {
  it("hashes strings as their UTF-16LE bytes", () => {
    for (const { value, seed, hash } of reference.hashes.strings) {
      expect(hashString(value, seed), JSON.stringify(value)).toBe(hash);
    }
  });

  it("hashes numbers as their 8 little-endian IEEE-754 bytes, −0 as 0", () => {
    for (const { value, negativeZero, seed, hash } of reference.hashes.numbers) {
      const x = negativeZero ? -0 : numberOf(value);
      expect(hashNumber(x, seed), String(value)).toBe(hash);
    }
  });

  it("uses seed 0 by default and returns unsigned 32-bit integers", () => {
    expect(hashString("abc")).toBe(hashString("abc", 0));
    expect(hashString("")).toBe(0);
    const h = hashNumber(-1.5);
    expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32).toBe(true);
  });
});

function distinctStrings(count: number, prefix: string): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
}

describe("HyperLogLog estimate", () => {
  for (const precision of [10, 14]) {
    for (const n of [0, 1, 10, 100, 1000, 5000, 20_000, 60_000, 200_000]) {
      it(`is within 3 standard errors for ${n} distinct strings (p = ${precision})`, () => {
        const sketch = new HyperLogLog({ precision });
        const items = distinctStrings(n, `p${precision}`);
        sketch.addStrings(items);
        sketch.addStrings(items.slice(0, n >> 1)); // duplicates do not count
        const sigma = sketch.relativeError * n;
        expect(Math.abs(sketch.estimate() - n)).toBeLessThanOrEqual(3 * sigma + 1e-9);
      });
    }
  }

  it("counts distinct numbers, treating −0 as 0 and skipping NaN and invalid rows", () => {
    const values = new Float64Array(30_000);
    for (let i = 0; i < values.length; i++) values[i] = (i % 10_000) * 0.37 - 1000; // 10k distinct
    const sketch = new HyperLogLog().addArray(values);
    expect(Math.abs(sketch.estimate() - 10_000)).toBeLessThanOrEqual(3 * sketch.relativeError * 10_000);
    const small = new HyperLogLog().addArray(
      Float64Array.from([0, -0, NaN, 1, 2]),
      Uint8Array.from([1, 1, 1, 1, 0]),
    );
    small.add(NaN);
    expect(Math.round(small.estimate())).toBe(2);
    expect(new HyperLogLog().add("1").add(1).estimate()).toBeCloseTo(2, 3);
  });

  it("addCodes equals adding the decoded strings", () => {
    const dictionary = distinctStrings(5000, "code");
    const random = seededRandom(5);
    const codes = Int32Array.from({ length: 20_000 }, () =>
      random() < 0.1 ? -1 : Math.floor(random() * 3000),
    );
    const viaCodes = new HyperLogLog().addCodes(codes, dictionary);
    const viaStrings = new HyperLogLog().addStrings(Array.from(codes, (c) => (c < 0 ? null : dictionary[c])));
    expect(viaCodes.toJSON()).toEqual(viaStrings.toJSON());
  });

  it("relativeError is 1.04/√(2^p)", () => {
    expect(new HyperLogLog().relativeError).toBeCloseTo(1.04 / 128, 15);
    expect(HyperLogLog.relativeError(10)).toBeCloseTo(1.04 / 32, 15);
  });
});

describe("HyperLogLog merge", () => {
  it("merge(sketch(a), sketch(b)) equals sketch(a ∪ b) register for register (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string(), { maxLength: 400 }),
        fc.array(fc.string(), { maxLength: 400 }),
        (a, b) => {
          const merged = new HyperLogLog({ precision: 8 })
            .addStrings(a)
            .merge(new HyperLogLog({ precision: 8 }).addStrings(b));
          const whole = new HyperLogLog({ precision: 8 }).addStrings([...a, ...b]);
          expect(merged.toJSON()).toEqual(whole.toJSON());
        },
      ),
      { seed: 11, numRuns: 100 },
    );
  });

  it("estimates the union of overlapping partitions within 3 standard errors", () => {
    const parts = [0, 1, 2, 3].map((part) =>
      distinctStrings(40_000, "shared").slice(part * 10_000, part * 10_000 + 25_000),
    );
    const merged = new HyperLogLog();
    for (const part of parts) merged.merge(new HyperLogLog().addStrings(part));
    const truth = new Set(parts.flat()).size;
    expect(Math.abs(merged.estimate() - truth)).toBeLessThanOrEqual(3 * merged.relativeError * truth);
  });

  it("refuses to merge different precisions", () => {
    expectDriftlabError(
      () => new HyperLogLog({ precision: 12 }).merge(new HyperLogLog()),
      "INCOMPATIBLE_MERGE",
      /precision is 12 in one and 14/,
    );
  });
});

describe("HyperLogLog JSON", () => {
  it("round-trips sparse and dense encodings", () => {
    const sparse = new HyperLogLog().addStrings(distinctStrings(100, "s"));
    const dense = new HyperLogLog().addStrings(distinctStrings(50_000, "d"));
    expect(sparse.toJSON().encoding).toBe("sparse");
    expect(dense.toJSON().encoding).toBe("dense");
    for (const sketch of [sparse, dense, new HyperLogLog({ precision: 4 })]) {
      const restored = HyperLogLog.fromJSON(JSON.parse(JSON.stringify(sketch)));
      expect(restored.toJSON()).toEqual(sketch.toJSON());
      expect(restored.estimate()).toBe(sketch.estimate());
    }
  });

  it("rejects corrupt input with INVALID_SKETCH naming the problem", () => {
    const dense = new HyperLogLog({ precision: 4 }).addStrings(distinctStrings(100, "x")).toJSON();
    expect(dense.encoding).toBe("dense");
    expectDriftlabError(
      () => HyperLogLog.fromJSON({ ...dense, precision: 3 }),
      "INVALID_SKETCH",
      /"precision"/,
    );
    expectDriftlabError(
      () => HyperLogLog.fromJSON({ ...dense, registers: "AAAA" }),
      "INVALID_SKETCH",
      /exactly 16 bytes/,
    );
    expectDriftlabError(
      () => HyperLogLog.fromJSON({ ...dense, registers: "!".repeat(24) }),
      "INVALID_SKETCH",
      /base64/,
    );
    // 16 bytes of 0xff: register values above 65 − p.
    expectDriftlabError(
      () => HyperLogLog.fromJSON({ ...dense, registers: "/////////////////////w==" }),
      "INVALID_SKETCH",
      /above the maximum 61/,
    );
    const sparse = { type: "hyperloglog", version: 1, precision: 4, encoding: "sparse" };
    expectDriftlabError(
      () => HyperLogLog.fromJSON({ ...sparse, registers: [3, 1, 2, 1] }),
      "INVALID_SKETCH",
      /increasing/,
    );
    expectDriftlabError(
      () => HyperLogLog.fromJSON({ ...sparse, registers: [3, 99] }),
      "INVALID_SKETCH",
      /register 3/,
    );
    expectDriftlabError(() => HyperLogLog.fromJSON({ ...sparse, registers: [3] }), "INVALID_SKETCH", /pairs/);
    expectDriftlabError(
      () => HyperLogLog.fromJSON({ ...sparse, encoding: "zip" }),
      "INVALID_SKETCH",
      /"encoding"/,
    );
    expectDriftlabError(() => new HyperLogLog({ precision: 30 }), "INVALID_OPTION", /"precision"/);
  });
});
