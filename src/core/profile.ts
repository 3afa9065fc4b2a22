/**
 * Shares shown for a profiled feature, defined once for the static HTML and the widget. Browser-safe.
 */

/** What {@link zeroFraction} reads of a feature profile. */
export interface ZeroCounts {
  count: number;
  missing: number;
  numeric?: { zeros: number; finiteCount: number };
}

/** Share of present (non-missing) values equal to 0; 0 when no value is finite, undefined for non-numeric features. */
export function zeroFraction(feature: ZeroCounts): number | undefined {
  const s = feature.numeric;
  if (s === undefined) return undefined;
  return s.finiteCount === 0 ? 0 : s.zeros / (feature.count - feature.missing);
}
