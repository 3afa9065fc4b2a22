import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HeavyHitters, HyperLogLog, KllSketch, Moments } from "../../src/sketch/index.js";

/** Fixed seed: the same cases every run. */
const RUN = { seed: 1717, numRuns: 60 };

const values = fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }), {
  maxLength: 400,
});
const words = fc.array(
  fc.integer({ min: 0, max: 300 }).map((i) => `w${i}`),
  { maxLength: 400 },
);

function exactRank(sorted: Float64Array, x: number): number {
  let below = 0;
  while (below < sorted.length && sorted[below] <= x) below++;
  return below / sorted.length;
}

describe("sketch merges are associative and commutative within their bounds (fast-check, seeded)", () => {
  it("HyperLogLog: any merge order gives the same registers, so the same estimate", () => {
    fc.assert(
      fc.property(words, words, words, (a, b, c) => {
        const of = (xs: string[]) => {
          const h = new HyperLogLog({ precision: 10 });
          for (const x of xs) h.add(x);
          return h;
        };
        const left = of(a).merge(of(b)).merge(of(c));
        const right = of(c).merge(of(b).merge(of(a)));
        expect(right.toJSON()).toEqual(left.toJSON());
        expect(left.toJSON()).toEqual(of([...a, ...b, ...c]).toJSON());
        expect(left.estimate()).toBeLessThanOrEqual(
          new Set([...a, ...b, ...c]).size * (1 + 4 * left.relativeError) + 1,
        );
      }),
      RUN,
    );
  });

  it("Moments: counts, min and max exact and mean/variance equal up to rounding in any merge order", () => {
    fc.assert(
      fc.property(values, values, values, (a, b, c) => {
        const of = (xs: number[]) => new Moments().addArray(Float64Array.from(xs));
        const left = of(a).merge(of(b)).merge(of(c));
        const right = of(c).merge(of(a).merge(of(b)));
        const whole = of([...a, ...b, ...c]);
        for (const m of [left, right]) {
          expect(m.count).toBe(whole.count);
          if (whole.count === 0) continue;
          expect(m.min).toBe(whole.min);
          expect(m.max).toBe(whole.max);
          const scale = Math.max(1, Math.abs(whole.min), Math.abs(whole.max));
          expect(Math.abs(m.mean - whole.mean)).toBeLessThanOrEqual(1e-9 * scale);
          expect(Math.abs(Math.sqrt(m.variance) - Math.sqrt(whole.variance))).toBeLessThanOrEqual(
            1e-6 * scale,
          );
        }
      }),
      RUN,
    );
  });

  it("KLL: n, min and max exact, ranks within the stated error for any merge order", () => {
    fc.assert(
      fc.property(values, values, values, fc.double({ min: 0, max: 1, noNaN: true }), (a, b, c, q) => {
        const of = (xs: number[]) => new KllSketch({ k: 16 }).addArray(Float64Array.from(xs));
        const all = Float64Array.from([...a, ...b, ...c]).sort();
        fc.pre(all.length > 0);
        const left = of(a).merge(of(b)).merge(of(c));
        const right = of(b).merge(of(c).merge(of(a)));
        for (const s of [left, right]) {
          expect(s.n).toBe(all.length);
          expect(s.min).toBe(all[0]);
          expect(s.max).toBe(all[all.length - 1]);
          const x = s.quantile(q);
          // The rank of the answer is within the bound of q (inverted-cdf convention: rank ≥ q − ε).
          expect(exactRank(all, x)).toBeGreaterThanOrEqual(q - 2 * s.normalizedRankError() - 1 / all.length);
        }
      }),
      RUN,
    );
  });

  it("heavy hitters: in any merge order, count ≤ true count ≤ count + errorBound for every item", () => {
    fc.assert(
      fc.property(words, words, words, fc.integer({ min: 1, max: 20 }), (a, b, c, capacity) => {
        const of = (xs: string[]) => new HeavyHitters({ capacity }).addStrings(xs);
        const truth = new Map<string, number>();
        for (const x of [...a, ...b, ...c]) truth.set(x, (truth.get(x) ?? 0) + 1);
        for (const s of [of(a).merge(of(b)).merge(of(c)), of(c).merge(of(b).merge(of(a)))]) {
          expect(s.n).toBe(a.length + b.length + c.length);
          expect(s.errorBound).toBeLessThanOrEqual(s.n / (capacity + 1));
          for (const [item, count] of truth) {
            const { lowerBound, upperBound } = s.frequency(item);
            expect(lowerBound).toBeLessThanOrEqual(count);
            expect(upperBound).toBeGreaterThanOrEqual(count);
          }
        }
      }),
      RUN,
    );
  });
});
