/**
 * Access to fixtures/reference.json (written by fixtures/make_reference.py from scipy 1.10 / numpy 1.24 /
 * statsmodels 0.13) and the comparison helpers every measures test uses.
 */

import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { seededRandom } from "../../src/measures/bootstrap.js";

/** A number as stored in the JSON: non-finite values are strings. */
export type JsonNumber = number | "Infinity" | "-Infinity" | "NaN";

/** A generator spec that make_reference.py's generate() and {@link generateSample} expand identically. */
export interface SampleSpec {
  seed: number;
  n: number;
  kind: "uniform" | "normalish" | "integers";
  scale: number;
  shift: number;
  levels?: number;
}

export type SampleInput = number[] | SampleSpec;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON's shape is checked by the tests using it
type Json = any;

export const reference: Json = JSON.parse(
  readFileSync(new URL("./fixtures/reference.json", import.meta.url), "utf8"),
) as Json;

export function toNumber(value: JsonNumber): number {
  if (value === "Infinity") return Infinity;
  if (value === "-Infinity") return -Infinity;
  if (value === "NaN") return NaN;
  return value;
}

/** Same values as make_reference.py's generate(): mulberry32, then only +, * and floor (exact in IEEE doubles). */
export function generateSample(spec: SampleSpec): Float64Array {
  const random = seededRandom(spec.seed);
  const out = new Float64Array(spec.n);
  for (let i = 0; i < spec.n; i++) {
    let g: number;
    if (spec.kind === "uniform") g = random();
    else if (spec.kind === "normalish") g = random() + random() + random() + random() - 2.0;
    else g = Math.floor(random() * spec.levels!);
    out[i] = spec.shift + spec.scale * g;
  }
  return out;
}

export function sample(input: SampleInput): Float64Array {
  return Array.isArray(input) ? Float64Array.from(input) : generateSample(input);
}

/** Relative tolerance on statistics and distances. */
export const STATISTIC_RTOL = 1e-6;
/** Relative tolerance on p-values. */
export const PVALUE_RTOL = 1e-4;
/** Absolute tolerance used when the reference is (close to) 0. */
export const ABSOLUTE_FLOOR = 1e-12;

/**
 * |actual − expected| ≤ max(rtol · |expected|, absolute). Infinite and NaN references must be matched exactly.
 */
export function expectClose(
  actual: number,
  expectedValue: JsonNumber,
  rtol: number,
  what: string,
  absolute = ABSOLUTE_FLOOR,
): void {
  const expected = toNumber(expectedValue);
  if (!Number.isFinite(expected)) {
    expect(actual, what).toBe(expected);
    return;
  }
  const tolerance = Math.max(rtol * Math.abs(expected), absolute);
  const error = Math.abs(actual - expected);
  if (!(error <= tolerance)) {
    expect.fail(
      `${what}: got ${actual}, expected ${expected} (error ${error.toExponential(2)} > ${tolerance.toExponential(2)})`,
    );
  }
}
