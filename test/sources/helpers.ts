import { expect } from "vitest";
import type { DriftReport } from "../../src/drift/report.js";
import type { Source } from "../../src/stats/source.js";

type FeatureDrift = DriftReport["features"][number];

/** The error of a source's first query, or undefined when it succeeds. */
export function firstQueryFailure(source: Source): Promise<unknown> {
  return source.columns().then(
    () => undefined,
    (error: unknown) => error,
  );
}

/**
 * An engine's KS result on bucket summaries (`engine`) against the exact test on the same rows (`exact`): marked
 * approximate, with a bound ε far tighter than two KLL sketches' (0.033 at k = 200), and the exact statistic and
 * p-value inside the intervals it states.
 */
export function expectInsideBound(engine: FeatureDrift, exact: FeatureDrift, name: string): void {
  expect(engine.approximate, name).toBe(true);
  expect(engine.bound, name).toBeDefined();
  const bound = engine.bound!;
  expect(bound.error).toBeGreaterThan(0);
  expect(bound.error).toBeLessThan(0.01);
  expect(exact.statistic).toBeGreaterThanOrEqual(bound.statistic[0]);
  expect(exact.statistic).toBeLessThanOrEqual(bound.statistic[1]);
  expect(exact.pValue!).toBeGreaterThanOrEqual(bound.pValue![0]);
  expect(exact.pValue!).toBeLessThanOrEqual(bound.pValue![1]);
  expect(Math.abs(engine.statistic - exact.statistic)).toBeLessThanOrEqual(bound.error);
}
