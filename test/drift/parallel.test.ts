import { describe, expect, it } from "vitest";
import { fromColumns } from "../../src/data/index.js";
import { drift } from "../../src/drift/drift.js";
import { prepareNumericSides } from "../../src/drift/parallel.js";
import { numericSideOfColumn } from "../../src/drift/sides.js";

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Numeric columns with missing values, NaN and ±Infinity, a datetime and a categorical column. */
function table(rows: number, seed: number, shift: number) {
  const random = seeded(seed);
  return fromColumns({
    score: Array.from({ length: rows }, () => random() * 10 + shift),
    holes: Array.from({ length: rows }, () =>
      random() < 0.1
        ? null
        : random() < 0.05
          ? [NaN, Infinity, -Infinity][Math.floor(random() * 3)]
          : random(),
    ),
    count: Array.from({ length: rows }, () => Math.floor(random() * 6)),
    when: Array.from(
      { length: rows },
      () => new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 1e5) * 1000),
    ),
    label: Array.from({ length: rows }, () => ["a", "b", "c"][Math.floor(random() * 3)]),
  });
}

describe("drift's order statistics on worker threads", () => {
  it("sorts each numeric side on a worker, as one thread does, and drift reuses it", async () => {
    const reference = table(30_000, 1, 0);
    const current = table(25_000, 2, 0.3);
    const events: string[] = [];
    await prepareNumericSides([reference, current], 2, 0, (e) => events.push(e));
    expect(events).toEqual(["2 workers for 8 columns"]);
    for (const dataset of [reference, current]) {
      for (const name of ["score", "holes", "count", "when"]) {
        const column = dataset.column(name) as Parameters<typeof numericSideOfColumn>[0];
        const prepared = numericSideOfColumn(column);
        // A fresh copy of the column is not in the cache: sorted here, on this thread.
        const single = numericSideOfColumn({ ...column });
        expect(prepared.sorted!.buffer).toBeInstanceOf(SharedArrayBuffer);
        expect(Array.from(prepared.sorted!)).toEqual(Array.from(single.sorted!));
        expect({ ...prepared, sorted: undefined }).toEqual({ ...single, sorted: undefined });
      }
    }
    const parallel = drift(reference, current, { method: { numeric: "ks" } }).toJSON();
    const single = drift(table(30_000, 1, 0), table(25_000, 2, 0.3), { method: { numeric: "ks" } }).toJSON();
    expect(parallel.features).toEqual(single.features);
  }, 60_000);
});
