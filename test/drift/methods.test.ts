import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Dataset } from "../../src/data/column.js";
import { fromColumns, read } from "../../src/data/index.js";
import { drift } from "../../src/drift/index.js";
import { METHODS, type DriftMethod } from "../../src/drift/methods.js";

const ALL_METHODS = Object.keys(METHODS) as DriftMethod[];

// Written by fixtures/make_kl_reference.py: Evidently's kl_div formula (empty bins filled, scipy.stats.entropy).
const klReference = JSON.parse(readFileSync("test/drift/fixtures/kl-reference.json", "utf8")) as {
  name: string;
  numeric: boolean;
  reference: (number | string)[];
  current: (number | string)[];
  kl: number;
}[];

describe("KL divergence with Evidently's empty-bin handling", () => {
  for (const row of klReference) {
    it(`matches Evidently's kl_div on ${row.name}`, () => {
      const report = drift(fromColumns({ v: row.reference }), fromColumns({ v: row.current }), {
        method: "kl",
      });
      const f = report.feature("v");
      expect(f.method).toBe("kl");
      expect(Number.isFinite(f.statistic)).toBe(true);
      expect(Math.abs(f.statistic - row.kl) / row.kl).toBeLessThan(1e-9);
    });
  }
});

describe("methods on the data they cannot test: a stated fallback or skip, never a throw", () => {
  it("drops bins empty on both sides in chi-square, even on identical samples", () => {
    // Sturges bins over [0, 100] with a gap: the middle bins hold nothing on either side.
    const values = [
      ...Array.from({ length: 30 }, (_, i) => i / 10),
      ...Array.from({ length: 30 }, (_, i) => 97 + i / 10),
    ];
    const report = drift(fromColumns({ x: values }), fromColumns({ x: values }), { method: "chisquare" });
    expect(report.feature("x").method).toBe("chisquare");
    expect(report.feature("x").pValue).toBe(1);
  });

  it("runs Fisher on 2×2 tables only and falls back to the default rule elsewhere, saying why", () => {
    const a = fromColumns({ two: ["y", "n", "y", "y", "n", "y"], three: ["a", "b", "c", "a", "b", "c"] });
    const b = fromColumns({ two: ["n", "n", "y", "n", "n", "n"], three: ["a", "a", "a", "b", "c", "c"] });
    const report = drift(a, b, { method: "fisher" });
    expect(report.feature("two").method).toBe("fisher");
    expect(report.feature("two").fallback).toBeUndefined();
    const three = report.feature("three");
    expect(three.method).toBe("chisquare");
    expect(three.fallback).toEqual({
      method: "fisher",
      reason: "Fisher's exact test needs a 2×2 table; this feature has 3 values or bins",
    });
    expect(report.toString()).toContain("three: fisher not used");
  });

  it("gives constant and tiny samples a result for every method", () => {
    const cases: [number[], number[]][] = [
      [
        [5, 5, 5, 5],
        [5, 5, 5],
      ],
      [[5], [5]],
      [[1], [2]],
      [[1, 2], [3]],
      [
        [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
        [1, 1, 2],
      ],
    ];
    for (const [a, b] of cases) {
      for (const method of ALL_METHODS) {
        const report = drift(fromColumns({ x: a }), fromColumns({ x: b }), { method });
        const f = report.features.find((x) => x.name === "x");
        const skipped = report.toJSON().skipped.find((x) => x.name === "x");
        expect(f !== undefined || skipped !== undefined, `${method} on [${a}] vs [${b}]`).toBe(true);
        if (f !== undefined) {
          expect(Number.isNaN(f.score), `${method} score on [${a}] vs [${b}]`).toBe(false);
          if (f.method !== method) expect(f.fallback?.method ?? METHODS[method].numeric).toBeDefined();
        }
      }
    }
  });

  it("gives Anderson–Darling a defined result on a constant feature (p capped at 0.25)", () => {
    const f = drift(fromColumns({ x: new Array(50).fill(3) }), fromColumns({ x: new Array(40).fill(3) }), {
      method: "anderson",
    }).feature("x");
    expect(f.method).toBe("anderson");
    expect(f.pValue).toBe(0.25);
    expect(f.drifted).toBe(false);
  });
});

async function halves(path: string): Promise<[Dataset, Dataset]> {
  const data = await read(path);
  const half = data.numRows >> 1;
  return [
    data.take(Int32Array.from({ length: half }, (_, i) => i)),
    data.take(Int32Array.from({ length: data.numRows - half }, (_, i) => half + i)),
  ];
}

describe("every method on every feature kind of real datasets (vega-datasets)", () => {
  const files = [
    "cars.json",
    "movies.json",
    "gapminder.json",
    "stocks.csv",
    "seattle-weather.csv",
    "penguins.json",
  ];
  for (const file of files) {
    it(`gives a result, a fallback or a stated skip for each feature of ${file}, never a throw`, async () => {
      const [a, b] = await halves(`node_modules/vega-datasets/data/${file}`);
      const kinds = new Set<string>();
      for (const method of ALL_METHODS) {
        const report = drift(a, b, { method });
        const json = report.toJSON();
        for (const name of a.columnNames) {
          const f = json.features.find((x) => x.name === name);
          const change = json.schemaChanges.find((x) => x.name === name);
          const skipped = json.skipped.find((x) => x.name === name);
          expect(
            [f, change, skipped].filter((x) => x !== undefined).length,
            `${file} ${name} ${method}`,
          ).toBe(1);
          if (skipped !== undefined) expect(skipped.reason.length).toBeGreaterThan(10);
          if (change !== undefined) expect(change.reason).toMatch(/only in|missing|kind changed|finite/);
          if (f === undefined) continue;
          kinds.add(f.kind);
          expect(Number.isNaN(f.score), `${file} ${name} ${method}`).toBe(false);
          const offered =
            f.kind === "numeric" || f.kind === "datetime"
              ? METHODS[method].numeric
              : METHODS[method].categorical;
          if (offered !== undefined) {
            // Offered for this kind: run as asked, or a fallback that says why.
            if (f.method !== method) expect(f.fallback?.method, `${file} ${name} ${method}`).toBe(method);
          }
        }
      }
      expect(kinds.size).toBeGreaterThan(0);
    });
  }
});

describe('rule: "test-and-effect"', () => {
  function normal(seed: number, n: number, shift: number): number[] {
    let s = seed >>> 0;
    const random = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return (s + 0.5) / 4294967296;
    };
    return Array.from({ length: n }, () => {
      const r = Math.sqrt(-2 * Math.log(random()));
      return r * Math.cos(2 * Math.PI * random()) + shift;
    });
  }

  it("flags a 0.2-sd shift at n = 5,000 with the effect and its floor in the report", () => {
    const f = drift(fromColumns({ x: normal(1, 5000, 0) }), fromColumns({ x: normal(2, 5000, 0.2) }), {
      rule: "test-and-effect",
    }).feature("x");
    expect(f.method).toBe("ks");
    expect(f.effect).toMatchObject({ method: "wasserstein", floor: 0.05 });
    expect(f.effect!.value).toBeGreaterThan(0.15);
    expect(f.drifted).toBe(true);
  });

  it("ignores a shift below the floor however many rows there are, though KS rejects it", () => {
    const reference = fromColumns({ x: normal(3, 200_000, 0) });
    const current = fromColumns({ x: normal(4, 200_000, 0.02) });
    const ks = drift(reference, current, { method: "ks" }).feature("x");
    expect(ks.pValue!).toBeLessThan(1e-6);
    const f = drift(reference, current, { rule: "test-and-effect" }).feature("x");
    expect(f.effect!.value).toBeLessThan(0.05);
    expect(f.drifted).toBe(false);
    // The floor is an option.
    expect(
      drift(reference, current, { rule: "test-and-effect", effectFloor: 0.01 }).feature("x").drifted,
    ).toBe(true);
  });

  it("uses chi-square and the Jensen–Shannon distance on categories", () => {
    const a = fromColumns({ c: Array.from({ length: 3000 }, (_, i) => ["a", "b", "c"][i % 3]) });
    const b = fromColumns({ c: Array.from({ length: 3000 }, (_, i) => ["a", "b", "c", "a"][i % 4]) });
    const f = drift(a, b, { rule: "test-and-effect" }).feature("c");
    expect(f.method).toBe("chisquare");
    expect(f.effect!.method).toBe("jensenshannon");
    expect(f.drifted).toBe(true);
  });

  it("rejects unknown rules and negative floors", () => {
    const data = fromColumns({ x: [1, 2, 3] });
    expect(() => drift(data, data, { rule: "magic" as never })).toThrowError(/rule must be/);
    expect(() => drift(data, data, { rule: "test-and-effect", effectFloor: -1 })).toThrowError(/effectFloor/);
  });
});
