/** Shared fixtures of the fairness tests: the reference JSON from fixtures/make_reference.py and a closeness check. */

import { readFileSync } from "node:fs";
import { expect } from "vitest";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON's shape is checked by the tests using it
export const reference: any = JSON.parse(
  readFileSync(new URL("./fixtures/reference.json", import.meta.url), "utf8"),
);

export const SCORED = new URL("./fixtures/scored.csv", import.meta.url).pathname;
export const BERKELEY = new URL("../../notebooks/data/berkeley-1973.csv", import.meta.url).pathname;

/** |actual − expected| ≤ tolerance · max(1, |expected|), null matching null. */
export function close(
  actual: number | null | undefined,
  expected: number | null | undefined,
  tolerance = 1e-10,
): void {
  if (expected === null || expected === undefined) {
    expect(actual ?? null).toBeNull();
    return;
  }
  expect(actual, `expected ${expected}`).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
}

/** Relative closeness for small p-values: |a − e| ≤ tolerance · |e| (plus a tiny absolute floor). */
export function closeRelative(actual: number | null | undefined, expected: number, tolerance = 1e-8): void {
  expect(actual, `expected ${expected}`).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected) + 1e-300);
}
