import { describe, expect, it } from "vitest";
import { sortValues } from "../../src/measures/sort.js";

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("sortValues", () => {
  const random = seeded(2024);
  const normal = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const cases: Record<string, () => number> = {
    normal: () => normal() * 10 + 50,
    "lognormal (dense first buckets)": () => Math.exp(normal() * 2),
    "integers with ties": () => Math.floor(-Math.log(random() + 1e-12) * 4),
    "one huge outlier": () => (random() < 1e-5 ? 1e300 : random()),
    "full double range (width overflows)": () => (random() < 0.5 ? -1 : 1) * 1e308 * random(),
    subnormals: () => random() * 5e-324 * 1000,
    "with NaN and infinities": () => [NaN, Infinity, -Infinity, random()][Math.floor(random() * 4)],
    "decimals on a grid": () => Math.round(random() * 1000) / 100,
  };
  for (const [name, draw] of Object.entries(cases)) {
    for (const n of [10, 5000, 100_003]) {
      it(`orders as the built-in sort: ${name}, ${n} values`, () => {
        const values = Float64Array.from({ length: n }, draw);
        const expected = values.slice().sort();
        const got = sortValues(values);
        expect(got).toBe(values);
        expect(Array.from(got)).toEqual(Array.from(expected));
      });
    }
  }

  it("sorts a view in place and leaves the rest of its buffer alone", () => {
    const whole = Float64Array.from({ length: 20_000 }, () => random());
    const tail = whole.slice(15_000);
    const view = whole.subarray(0, 15_000);
    const expected = view.slice().sort();
    sortValues(view);
    expect(Array.from(view)).toEqual(Array.from(expected));
    expect(Array.from(whole.subarray(15_000))).toEqual(Array.from(tail));
  });
});
