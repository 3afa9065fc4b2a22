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
